"""Driving the one confirmation page (templates/confirm/base.html) as a browser does (issue 14 item 3).

GET the page (or POST to reach it), read the form that carries the `confirmed` token, type into it
and POST what a browser sends.
"""

from typing import Any

from django.test import Client

from tests.cases.form_regression_support import as_post
from tests.forms.browser_forms import BrowserForm, post_forms
from wio.confirmation import CONFIRM_FIELD


def confirmation_form(response: Any, page: str) -> BrowserForm:
    """The confirmation form of a rendered page: the POST form with the `confirmed` token."""
    html = response.content.decode()
    forms = [form for form in post_forms(html, page) if CONFIRM_FIELD in form.names()]
    assert len(forms) == 1, f"expected one confirmation form on {page}, found {len(forms)}"
    return forms[0]


def post_confirmation(client: Client, response: Any, page: str, **typed: str) -> Any:
    """Submit the confirmation form that `response` shows, with `typed` over its fields."""
    form = confirmation_form(response, page)
    pairs = [(name, value) for name, value in form.payload() if name not in typed]
    return client.post(form.action, as_post([*pairs, *typed.items()]))


def confirm(client: Client, page: str, **typed: str) -> Any:
    """GET the confirmation page `page` and confirm it, typing `typed` (a reason) into the form."""
    shown = client.get(page)
    assert shown.status_code == 200, (page, shown.status_code)
    return post_confirmation(client, shown, page, **typed)
