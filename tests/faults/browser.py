"""Submitting a rendered form as a browser would, and reading the messages shown back."""

from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.test import Client

from bs4 import BeautifulSoup

from tests.forms.browser_forms import post_forms

if TYPE_CHECKING:  # the test client's response type exists in the stubs only
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

FORM_ENCODED = "application/x-www-form-urlencoded"


def submit(client: Client, page: str, action: str, *, follow: bool = True, **changes: str) -> "Response":
    """GET `page`, take its form posting to `action`, change fields, submit it; the response."""
    shown = client.get(page)
    assert shown.status_code == 200, page
    form = next(f for f in post_forms(shown.content.decode(), page) if f.action.endswith(action))
    pairs = [(name, changes.pop(name, value)) for name, value in form.payload()]
    pairs += list(changes.items())
    return client.post(action, urlencode(pairs), content_type=FORM_ENCODED, follow=follow)


def shown_messages(html: str) -> list[str]:
    """The texts of the flash messages and alerts on a page, whitespace folded."""
    soup = BeautifulSoup(html, "html.parser")
    found = soup.select(".alert")
    return [" ".join(tag.get_text().split()) for tag in found]
