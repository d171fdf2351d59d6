"""The Django admin for functional administrators, behind the same login and MFA as every page."""

from functools import update_wrapper
from typing import Any
from urllib.parse import urlencode

from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wio.accounts.permissions import can_administer_platform


class WioAdminSite(AdminSite):
    site_header = _("WIO administration")
    site_title = _("WIO administration")
    index_title = _("Users, organisations, regions and phases")

    def has_permission(self, request: HttpRequest) -> bool:
        return can_administer_platform(request.user)

    def login(self, request: HttpRequest, extra_context: object = None) -> HttpResponse:
        """There is one login (allauth, with MFA); signed-in users without the role get 403."""
        if request.user.is_authenticated:
            raise PermissionDenied
        next_url = request.GET.get("next", reverse("admin:index"))
        return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")

    def admin_view(self, view: Any, cacheable: bool = False) -> Any:
        """Signed-in users without the role get 403 at once instead of a detour via the login."""
        inner = super().admin_view(view, cacheable)

        def refuse_unauthorised(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return update_wrapper(refuse_unauthorised, inner)

    def password_change(self, request: HttpRequest, extra_context: object = None) -> Any:
        """Passwords change through allauth, which asks for the current one (AUTH-2, AUTH-6)."""
        return redirect("account_change_password")
