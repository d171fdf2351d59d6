from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from wio.accounts.constants import Role
        from wio.portal.navigation import NavItem, register_nav_item
        from wio.portal.selectors import register_start_panel

        from .hours import can_see_hours_overview
        from .permissions import (
            can_request_subject_access,
            can_review_destruction,
            can_see_handovers,
            can_use_cases,
        )
        from .selectors import start_panel_context

        register_nav_item(NavItem(_("Cases"), "cases:list"), can_use_cases)
        register_nav_item(NavItem(_("My work"), "cases:my_work"), can_use_cases)
        register_nav_item(NavItem(_("To take over"), "cases:handover_list"), can_see_handovers)
        register_nav_item(NavItem(_("Subject access"), "cases:access_list"), can_request_subject_access)
        # Hours are the municipality's own (A24): only its officers find the overview in the menu.
        register_nav_item(NavItem(_("Hours"), "cases:hours_overview"), can_see_hours_overview)
        register_nav_item(NavItem(_("Destruction"), "cases:destruction_list_index"), can_review_destruction)
        for role in (Role.LPA, Role.ONDERSTEUNER, Role.SWV_COORDINATOR):
            register_start_panel(role, "cases/start/case_worker.html", start_panel_context)
