from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MoreelberaadConfig(AppConfig):
    name = "moreelberaad"
    verbose_name = _("Moreel Beraad")
