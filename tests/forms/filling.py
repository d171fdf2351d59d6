"""Plausible values for the empty fields of a create form, as a careful user would type them."""

from datetime import timedelta

from django.utils import timezone

from .browser_forms import BrowserForm, Pairs

# Fields whose value must follow a rule a generic filler cannot guess.
BY_NAME = {
    "date_of_birth": lambda: (timezone.localdate() - timedelta(days=365 * 12)).isoformat(),
    "starts_at": lambda: (timezone.localtime() + timedelta(days=7)).strftime("%Y-%m-%dT10:00"),
    "hours": lambda: "1,5",
    "duration_minutes": lambda: "90",
    "rating": lambda: "4",
    "email": lambda: "deelnemer@voorbeeld.example",
    "online_link": lambda: "",
    "location": lambda: "",  # a beraad's place: the meeting place chosen, nothing typed besides
    "done_on": lambda: "",
    "first_name": lambda: "Vulling",
    "last_name": lambda: "Formuliertest",
}

BY_TYPE = {
    "date": lambda: timezone.localdate().isoformat(),
    "datetime-local": lambda: (timezone.localtime() + timedelta(days=7)).strftime("%Y-%m-%dT10:00"),
    "number": lambda: "1",
    "email": lambda: "iemand@voorbeeld.example",
    "url": lambda: "https://voorbeeld.example/beraad",
    "text": lambda: "Ingevuld door de formuliertest",
    "textarea": lambda: "Ingevuld door de formuliertest.",
}


def filled(form: BrowserForm) -> Pairs:
    """The browser's payload with every empty field given a value and every empty choice made."""
    given = dict(form.payload())
    pairs: Pairs = []
    for control in form.controls:
        name = control.name
        if control.kind in {"checkbox", "radio", "file"}:
            continue
        current = given.get(name, "")
        if control.kind in {"select", "select-multiple"}:
            choices = [option for option in control.options if option]
            value = current or (choices[0] if choices else "")
        elif current or control.kind == "hidden":
            value = current
        elif name in BY_NAME:
            value = BY_NAME[name]()
        else:
            value = BY_TYPE.get(control.kind, BY_TYPE["text"])()
        pairs.append((name, value))
    pairs += [(name, value) for name, value in form.payload() if _is_choice(form, name)]
    radios = {c.name for c in form.controls if c.kind == "radio"}
    for name in radios - {n for n, _ in pairs}:
        first = next(c for c in form.controls if c.name == name)
        pairs.append((name, first.value))
    if form.submitter and form.submitter[0]:
        pairs.append(form.submitter)
    return pairs


def _is_choice(form: BrowserForm, name: str) -> bool:
    return any(c.name == name and c.kind in {"checkbox", "radio"} for c in form.controls)
