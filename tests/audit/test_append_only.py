from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.utils import timezone

import pytest

from tests.factories import user_with_role
from wio.accounts.constants import Role
from wio.audit.constants import Action, Purpose, Result
from wio.audit.models import AppendOnlyError, AuditEvent
from wio.audit.services import actor_from, purge_expired_events, record_event

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the append-only trigger is PostgreSQL's"
)


def _event() -> AuditEvent:
    return record_event(
        actor=actor_from(user=user_with_role(Role.LPA)),
        action=Action.READ,
        event_type="test.read",
        purpose=Purpose.CASE_MANAGEMENT,
    )


def test_the_orm_refuses_to_change_or_delete_events() -> None:
    event = _event()
    event.event_type = "tampered"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(event_type="tampered")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()


@postgres_only
@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_auditevent SET event_type = 'tampered' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ],
)
def test_postgresql_refuses_update_and_delete_in_sql(statement: str) -> None:
    event = _event()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).event_type == "test.read"


def test_retention_purge_removes_only_expired_events_and_records_itself() -> None:
    recent = _event()
    too_old = timezone.now() - timedelta(days=settings.WIO_AUDIT_RETENTION_DAYS + 1)
    aged = AuditEvent(
        occurred_at=too_old,
        action=Action.READ,
        event_type="test.read",
        result=Result.OK,
        purpose=Purpose.CASE_MANAGEMENT,
    )
    aged.save()  # inserting an old event is allowed; changing one is not

    deleted = purge_expired_events()

    assert deleted == 1
    assert not AuditEvent.objects.filter(pk=aged.pk).exists()
    assert AuditEvent.objects.filter(pk=recent.pk).exists()
    run = AuditEvent.objects.get(event_type="audit.retention_purge")
    assert run.detail["deleted"] == 1
