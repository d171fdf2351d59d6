"""The rendered <form> with a given field, as a flat mapping, read by the suite's one form reader."""

from dataclasses import dataclass, field

from tests.forms.browser_forms import post_forms


@dataclass
class RenderedForm:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)

    def payload(self, **filled: str) -> dict[str, str]:
        """What a browser sends: the rendered values (hidden ones included) with the user's input."""
        return {**self.fields, **filled}


def rendered_form(html: bytes | str, *, having: str) -> RenderedForm:
    """The page's POST form that holds a field named `having`."""
    text = html.decode() if isinstance(html, bytes) else html
    for form in post_forms(text, page=""):
        fields = dict(form.pairs)
        if having in fields:
            return RenderedForm(action=form.action, method=form.method, fields=fields)
    raise AssertionError(f"no POST form with a field {having!r} on the page")
