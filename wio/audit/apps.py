from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "wio.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        from . import db_roles, receivers

        receivers.connect()
        # Retention period and the application role's grants, after every migrate (db_roles.py).
        post_migrate.connect(db_roles.after_migrate, sender=self, dispatch_uid="wio.audit.db_roles")
