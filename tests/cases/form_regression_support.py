"""Driving a rendered form as a browser would, for the issue 8 regression tests (cases, moreelberaad,
monitor, audit): GET the page, read its form, type over a few fields, POST what a browser sends."""

from collections import defaultdict

from django.test import Client

from bs4 import BeautifulSoup

from tests.forms.browser_forms import BrowserForm, Pairs, post_forms

# The Dutch the user reads (locale/nl/LC_MESSAGES/django.po).
DATE_SPAN_MESSAGE = "Vul een datum in tussen"  # "Enter a date between %(earliest)s and ..."
BERAAD_SPAN_MESSAGE = "Een Moreel Beraad ligt binnen twee jaar van vandaag"
BAD_REQUEST_HEADING = "Ongeldig verzoek"  # templates/400.html: "Bad request"

FAR_DATES = ["9999-12-31", "0001-01-01"]
TAMPERED_VERSIONS = ["abc", "-1", "99999999999999999999"]


def rendered_form(client: Client, page: str, *, having: str = "", action: str = "") -> BrowserForm:
    """The POST form `page` renders: the one with a control named `having`, or posting to `action`."""
    response = client.get(page)
    assert response.status_code == 200, page
    forms = post_forms(response.content.decode(), page)
    for form in forms:
        if (having and having in form.names()) or (action and form.action == action):
            return form
    raise AssertionError(f"no POST form with {having or action!r} on {page}: {[f.action for f in forms]}")


def with_values(form: BrowserForm, **typed: str) -> Pairs:
    """The browser's payload with the user's input typed over the named fields."""
    pairs = [(name, value) for name, value in form.payload() if name not in typed]
    return [*pairs, *typed.items()]


def as_post(pairs: Pairs) -> dict[str, list[str]]:
    """The pairs as the test client posts them (repeated names become lists)."""
    data: dict[str, list[str]] = defaultdict(list)
    for name, value in pairs:
        data[name].append(value)
    return data


def field_error(html: str, field: str) -> str:
    """The text of the error rendered next to `field` (crispy's invalid-feedback for it), or ""."""
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select(f'[name="{field}"]'), f"no field {field!r} on the page"
    messages = soup.select(f'[id^="error_"][id$="_id_{field}"]')
    return " ".join(message.get_text(" ", strip=True) for message in messages)


def checkboxes(form: BrowserForm, name: str) -> tuple[set[str], set[str]]:
    """The values of the checkboxes called `name`, and those a browser sends as checked."""
    shown = {
        control.value for control in form.controls if control.name == name and control.kind == "checkbox"
    }
    checked = {value for sent, value in form.payload() if sent == name}
    return shown, checked
