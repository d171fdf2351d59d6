"""Submitting a rendered form as a browser would, and reading the messages shown back."""

from urllib.parse import urlencode

from django.http import HttpResponse
from django.test import Client

from bs4 import BeautifulSoup

from tests.forms.browser_forms import post_forms

FORM_ENCODED = "application/x-www-form-urlencoded"


def submit(client: Client, page: str, action: str, *, follow: bool = True, **changes: str) -> HttpResponse:
    """GET `page`, take its form posting to `action`, change fields, submit it; the response."""
    response = client.get(page)
    assert response.status_code == 200, page
    form = next(f for f in post_forms(response.content.decode(), page) if f.action.endswith(action))
    pairs = [(name, changes.pop(name, value)) for name, value in form.payload()]
    pairs += list(changes.items())
    response: HttpResponse = client.post(action, urlencode(pairs), content_type=FORM_ENCODED, follow=follow)
    return response


def shown_messages(html: str) -> list[str]:
    """The texts of the flash messages and alerts on a page, whitespace folded."""
    soup = BeautifulSoup(html, "html.parser")
    found = soup.select(".alert")
    return [" ".join(tag.get_text().split()) for tag in found]
