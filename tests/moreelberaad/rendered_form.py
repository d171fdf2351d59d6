"""Reading a rendered <form> the way a browser would submit it (stdlib html.parser, no lxml)."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class RenderedForm:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)

    def payload(self, **filled: str) -> dict[str, str]:
        """What a browser sends: the rendered values (hidden ones included) with the user's input."""
        return {**self.fields, **filled}


class _FormReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[RenderedForm] = []
        self._form: RenderedForm | None = None
        self._select: str | None = None
        self._first_option: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {name: value or "" for name, value in attrs}
        if tag == "form":
            self._form = RenderedForm(action=attr.get("action", ""), method=attr.get("method", "get").lower())
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = attr.get("name", "")
        if tag == "input" and name:
            kind = attr.get("type", "text").lower()
            if kind in ("submit", "button", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attr:
                return
            self._form.fields[name] = attr.get("value", "on" if kind in ("checkbox", "radio") else "")
        elif tag == "select" and name:
            self._select, self._first_option = name, None
        elif tag == "option" and self._select is not None:
            value = attr.get("value", "")
            if self._first_option is None:
                self._first_option = value
            if "selected" in attr:
                self._form.fields[self._select] = value
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._form is None:
            return
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None:
            # Nothing selected: a browser sends the first option.
            self._form.fields.setdefault(self._select, self._first_option or "")
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self._form.fields[self._textarea] = "".join(self._text).removeprefix("\n")
            self._textarea = None


def rendered_form(html: bytes | str, *, having: str) -> RenderedForm:
    """The page's POST form that holds a field named `having`."""
    reader = _FormReader()
    reader.feed(html.decode() if isinstance(html, bytes) else html)
    for form in reader.forms:
        if form.method == "post" and having in form.fields:
            return form
    raise AssertionError(f"no POST form with a field {having!r} on the page")
