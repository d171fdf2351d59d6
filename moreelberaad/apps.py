from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MoreelberaadConfig(AppConfig):
    name = "moreelberaad"
    verbose_name = _("Moreel Beraad")

    def ready(self) -> None:
        from cases.access_registry import register_access_contribution
        from cases.destroyers import register_case_destroyer
        from cases.extensions import register_case_panel
        from wio.portal.navigation import NavItem, register_nav_item

        from .access import COVERS, beraden_with_participants
        from .permissions import can_use_beraden
        from .selectors import case_panel_context
        from .services.destruction import destroy_beraden

        register_nav_item(NavItem(_("Moreel Beraad"), "moreelberaad:list"), can_use_beraden)
        register_case_panel(
            "moreelberaad/case_panel.html",
            case_panel_context,
            anchor="beraden",
            title=_("Moreel Beraad"),
            counted_relation="beraden",
        )
        register_access_contribution("moreelberaad.beraden", COVERS, beraden_with_participants)
        register_case_destroyer("moreelberaad.beraden", destroy_beraden)
        self._follow_consent_withdrawals()

    @staticmethod
    def _follow_consent_withdrawals() -> None:
        from cases.consent_hooks import register_consent_withdrawal_hook

        from .services.pack_withdrawal import discard_packs_on_withdrawal

        register_consent_withdrawal_hook("moreelberaad.pack_pdfs", discard_packs_on_withdrawal)
