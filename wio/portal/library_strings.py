"""Strings of django-allauth that WIO words differently in Dutch.

They are marked here so that `make messages` keeps their overrides in locale/nl; the translation in
our catalogue wins over allauth's own because LOCALE_PATHS come first.
"""

from django.utils.translation import gettext_noop

ALLAUTH_OVERRIDES = (
    gettext_noop("Sign In"),
    gettext_noop("Sign Out"),
    gettext_noop("Two-Factor Authentication"),
    gettext_noop("Authenticator App"),
    gettext_noop("Recovery Codes"),
    gettext_noop("Activate Authenticator App"),
    gettext_noop("Confirm Access"),
    gettext_noop("Successfully signed in as %(name)s."),
    gettext_noop("You have signed out."),
    gettext_noop(
        "Your account is protected by two-factor authentication. Please enter an authenticator code:"
    ),
    # allauth says this both for a wrong code and for one already used (a code works only once).
    gettext_noop("Incorrect code."),
)
