from typing import Any

from django.contrib.auth.backends import BaseBackend
from django.db.models import Model

from .permissions import can_administer_platform

# What a functional administrator manages in the admin (socialaccount: the organisations' providers;
# api: the organisations' API clients).
FUNCTIONAL_ADMIN_APPS = frozenset({"accounts", "socialaccount", "api"})


class RolePermissionBackend(BaseBackend):
    """Model permissions derived from roles, so nobody needs per-user permission rows."""

    def has_perm(self, user_obj: Any, perm: str, obj: Model | None = None) -> bool:
        app_label = perm.split(".", 1)[0]
        return app_label in FUNCTIONAL_ADMIN_APPS and can_administer_platform(user_obj)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return app_label in FUNCTIONAL_ADMIN_APPS and can_administer_platform(user_obj)
