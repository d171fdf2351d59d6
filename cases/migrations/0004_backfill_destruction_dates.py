"""Closed cases get their closing and destruction dates; committed CSV uploads lose their content.

Cases closed before issue 11 had no `closed_on`: the last change to "afgesloten" gives it (or, for a
case closed without a recorded change, the moment its status last changed). The destruction date
follows the same rule as closing a case now (cases/retention.py, ADR 0014).
"""

from django.conf import settings
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps
from django.utils import timezone

from cases.retention import destruction_date

CLOSED = "afgesloten"


def _closed_on(case, status_change_model):  # type: ignore[no-untyped-def]
    last_close = (
        status_change_model.objects.filter(case_id=case.pk, to_status=CLOSED).order_by("-changed_at").first()
    )
    moment = last_close.changed_at if last_close else case.status_changed_at or case.updated_at
    return timezone.localdate(moment)


def backfill(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    case_model = apps.get_model("cases", "Case")
    status_change_model = apps.get_model("cases", "StatusChange")
    retention = dict(
        apps.get_model("cases", "RetentionSetting").objects.values_list("gemeente_id", "retention_years")
    )
    for case in case_model.objects.filter(status=CLOSED, closed_on__isnull=True).iterator():
        case.closed_on = _closed_on(case, status_change_model)
        case.destroy_on = destruction_date(
            closed_on=case.closed_on,
            date_of_birth=case.date_of_birth,
            legal_basis=case.legal_basis,
            retention_years=retention.get(case.gemeente_id, settings.WIO_RETENTION_YEARS),
        )
        case.save(update_fields=["closed_on", "destroy_on"])
    apps.get_model("cases", "CaseImport").objects.filter(committed_at__isnull=False).update(content="")


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_case_lifecycle")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
