from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    name = "monitor"
    verbose_name = _("Monitor")

    def ready(self) -> None:
        from cases.access_registry import register_access_contribution
        from cases.consent_hooks import register_consent_withdrawal_hook
        from cases.destroyers import register_case_destroyer
        from cases.extensions import register_case_panel
        from monitor.permissions import can_read_published_reports, can_use_monitor
        from monitor.publications.selectors import published_reports_panel
        from monitor.publications.start_panel import latest_numbers_panel
        from monitor.services.destruction import destroy_stories
        from monitor.services.report_editions import reissue_on_consent_withdrawal
        from monitor.stories.access import COVERS, stories_of_case
        from monitor.stories.selectors import case_panel_context
        from wio.accounts.constants import Role
        from wio.portal.navigation import NavItem, register_nav_item
        from wio.portal.selectors import register_start_panel

        register_case_panel(
            "monitor/stories/case_panel.html",
            case_panel_context,
            anchor="verhalen",
            title=_("Stories for the monitor"),
            counted_relation="stories",
        )
        register_access_contribution("monitor.stories.selectors", COVERS, stories_of_case)
        register_case_destroyer("monitor.stories.selectors", destroy_stories)
        register_consent_withdrawal_hook("monitor.report_editions", reissue_on_consent_withdrawal)
        register_nav_item(NavItem(_("Monitor"), "monitor:dashboard"), can_use_monitor)
        register_nav_item(NavItem(_("Reports"), "monitor:report_list"), can_read_published_reports)
        register_start_panel(Role.MINISTRY, "monitor/start/ministry.html", published_reports_panel)
        register_start_panel(Role.PROJECT_STAFF, "monitor/start/project_staff.html", latest_numbers_panel)
