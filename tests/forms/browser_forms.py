"""What a browser submits for a rendered <form>: the successful controls, read with BeautifulSoup."""

from dataclasses import dataclass, field
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

Pairs = list[tuple[str, str]]

# input types whose value a browser sends as it stands
_VALUE_TYPES = {
    "",
    "text",
    "hidden",
    "email",
    "url",
    "tel",
    "search",
    "password",
    "number",
    "date",
    "datetime-local",
    "time",
    "month",
    "week",
    "range",
    "color",
}


@dataclass
class Control:
    name: str
    kind: str  # input type, "select", "select-multiple", "textarea"
    value: str = ""
    options: list[str] = field(default_factory=list)


@dataclass
class BrowserForm:
    page: str
    action: str
    method: str
    pairs: Pairs  # what the browser sends, in document order
    controls: list[Control]
    has_file: bool
    submitter: tuple[str, str] | None

    def payload(self) -> Pairs:
        extra = [self.submitter] if self.submitter and self.submitter[0] else []
        return [*self.pairs, *extra]

    def names(self) -> set[str]:
        return {control.name for control in self.controls}


def _textarea_value(tag: Tag) -> str:
    # HTML drops one newline right after <textarea>; Django's widget writes one.
    text = tag.get_text()
    return text[1:] if text.startswith("\n") else text.removeprefix("\r\n")


def _select(tag: Tag, pairs: Pairs, controls: list[Control], name: str) -> None:
    options = tag.find_all("option")
    values = [str(option.get("value", option.get_text())) for option in options]
    multiple = tag.has_attr("multiple")
    chosen = [value for option, value in zip(options, values, strict=True) if option.has_attr("selected")]
    if not chosen and not multiple and values:
        chosen = values[:1]
    pairs.extend((name, value) for value in chosen)
    controls.append(Control(name, "select-multiple" if multiple else "select", ",".join(chosen), values))


def _control(tag: Tag, pairs: Pairs, controls: list[Control]) -> bool:
    """Adds the control's pairs; True when it is a file input."""
    name = str(tag.get("name") or "")
    if not name or tag.has_attr("disabled"):
        return False
    if tag.name == "textarea":
        pairs.append((name, _textarea_value(tag)))
        controls.append(Control(name, "textarea", pairs[-1][1]))
        return False
    if tag.name == "select":
        _select(tag, pairs, controls, name)
        return False
    kind = str(tag.get("type", "text")).lower()
    value = str(tag.get("value", ""))
    if kind in {"checkbox", "radio"}:
        if tag.has_attr("checked"):
            pairs.append((name, value or "on"))
        controls.append(Control(name, kind, value or "on"))
    elif kind == "file":
        controls.append(Control(name, kind))
        return True
    elif kind in _VALUE_TYPES:
        pairs.append((name, value))
        controls.append(Control(name, kind, value))
    return False


def _submitter(form: Tag) -> tuple[str, str] | None:
    button = form.find(["button", "input"], attrs={"type": "submit"}) or form.find(
        lambda tag: tag.name == "button" and not tag.has_attr("type")
    )
    if not isinstance(button, Tag):
        return None
    return str(button.get("name") or ""), str(button.get("value") or "")


def post_forms(html: str, page: str) -> list[BrowserForm]:
    """Every method=post form of the page, with what a browser would send for it unchanged."""
    soup = BeautifulSoup(html, "html.parser")
    forms = []
    for form in soup.find_all("form"):
        method = str(form.get("method", "get")).lower()
        if method != "post":
            continue
        pairs: Pairs = []
        controls: list[Control] = []
        has_file = False
        for tag in form.find_all(["input", "select", "textarea"]):
            has_file = _control(tag, pairs, controls) or has_file
        action = urljoin(page, str(form.get("action") or page)).split("#", 1)[0]
        forms.append(BrowserForm(page, action, method, pairs, controls, has_file, _submitter(form)))
    return forms


def links(html: str, page: str) -> list[str]:
    """Every same-site link a user can follow (href and htmx hx-get), without fragments."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag in soup.find_all(True):
        for attribute in ("href", "hx-get"):
            target = tag.get(attribute)
            if isinstance(target, str) and target.startswith("/") and not target.startswith("//"):
                found.append(urljoin(page, target).split("#", 1)[0])
    return found
