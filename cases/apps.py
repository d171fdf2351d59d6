from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from wio.accounts.constants import Role
        from wio.portal.navigation import NavItem, register_nav_item
        from wio.portal.selectors import register_start_panel

        from .permissions import can_use_cases
        from .selectors import start_panel_context

        register_nav_item(NavItem(_("Cases"), "cases:list"), can_use_cases)
        register_nav_item(NavItem(_("My work"), "cases:my_work"), can_use_cases)
        for role in (Role.LPA, Role.ONDERSTEUNER, Role.SWV_COORDINATOR):
            register_start_panel(role, "cases/start/case_worker.html", start_panel_context)
