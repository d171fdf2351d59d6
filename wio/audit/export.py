"""The audit trail as CSV, in the same words as the page."""

import io
from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ..spreadsheet import CsvWriter
from .event_labels import event_label, object_words, role_label
from .models import AuditEvent


def audit_row(event: AuditEvent) -> list[str]:
    organisation = event.actor_organisation.name if event.actor_organisation else ""
    return [
        timezone.localtime(event.occurred_at).strftime("%d-%m-%Y %H:%M:%S"),
        event.get_action_display(),
        event_label(event.event_type),
        event.event_type,
        event.actor_label,
        role_label(event.actor_role),
        organisation,
        event.youth_ref,
        object_words(event.object_type, event.object_id, event.youth_ref),
        event.get_result_display(),
        event.get_purpose_display(),
        event.source_ip or "",
    ]


def _header() -> list[str]:
    return [
        _("Time"),
        _("Action"),
        _("Event"),
        _("Event code"),
        _("User"),
        _("Role"),
        _("Organisation"),
        _("Youth"),
        _("Object"),
        _("Result"),
        _("Purpose"),
        _("Address"),
    ]


def audit_csv_lines(events: QuerySet[AuditEvent]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = CsvWriter(buffer, delimiter=";")
    buffer.write("\ufeff")  # a BOM, so Excel reads the file as UTF-8
    writer.writerow(_header())
    for event in events.iterator(chunk_size=2000):
        writer.writerow(audit_row(event))
        if buffer.tell() > 64 * 1024:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
