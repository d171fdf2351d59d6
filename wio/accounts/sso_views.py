"""The e-mail-first step of signing in through an organisation (ADR 0032): the address names the
organisation, and a link takes the user to its provider."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

import requests
from allauth.account.utils import get_next_redirect_url
from allauth.socialaccount.providers.base import AuthProcess

from . import sso
from .sso_adapter import refusal_message


class SignOnStartForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address"), max_length=254)


def _back_to_login(next_url: str | None) -> HttpResponse:
    query = f"?{urlencode({'next': next_url})}" if next_url else ""
    return redirect(reverse("account_login") + query)


@login_not_required
@require_POST
def sign_on_start(request: HttpRequest) -> HttpResponse:
    """Shows the way to the address's organisation's provider, with the address as `login_hint`."""
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    next_url = get_next_redirect_url(request)
    form = SignOnStartForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter your work e-mail address."))
        return _back_to_login(next_url)
    email = form.cleaned_data["email"]
    sign_on = sso.sign_on_for_email(email)
    if sign_on is None:
        messages.info(
            request,
            _(
                "Your organisation has not set up signing in through its own page. "
                "Sign in with your password."
            ),
        )
        return _back_to_login(next_url)
    provider = sign_on.app.get_provider(request)
    auth_params = {**(provider.get_auth_params() or {}), "login_hint": email}
    try:
        response = provider.redirect(request, AuthProcess.LOGIN, next_url=next_url, auth_params=auth_params)
    except requests.RequestException:  # the provider's configuration could not be read
        messages.error(request, refusal_message(sso.REFUSED_BY_PROVIDER))
        return _back_to_login(next_url)
    if not isinstance(response, HttpResponseRedirect):
        return response  # allauth's own error page
    # A link, not a redirect: the CSP's form-action 'self' (rightly) stops a form's redirect to
    # another site, and the user sees where they are sent.
    context = {"organisation": sign_on.organisation, "authorize_url": response["Location"]}
    page = render(request, "account/sign_on_continue.html", context)
    add_never_cache_headers(page)
    return page
