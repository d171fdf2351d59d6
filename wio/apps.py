from django.contrib.admin.apps import AdminConfig


class WioAdminConfig(AdminConfig):
    """The admin, with WIO's site: functional administrators only, behind login and MFA."""

    default_site = "wio.adminsite.WioAdminSite"
