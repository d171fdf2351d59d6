from django.http import HttpRequest

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by a functional administrator; nobody signs up themselves."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False
