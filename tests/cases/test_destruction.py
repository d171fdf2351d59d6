"""Deleting a case registered in error, and destroying closed cases after two approvals (ADR 0014).

Both remove every row that refers to the case or its children and every file; a DestructionRecord
remains; no log line names the youth. Everything is driven through the rendered pages.
"""

import logging
from datetime import timedelta
from pathlib import Path

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from cases import services
from cases.constants import DestructionListStatus, DestructionReason, Status
from cases.models import Case, DestructionList, DestructionRecord, Knelpunt
from tests.cases.destruction_support import (
    SENTINEL,
    case_files,
    full_case,
    remaining,
    rows_referring_to,
    submit,
)
from tests.cases.factories import CaseFactory, KnelpuntFactory
from tests.confirming import post_confirmation
from tests.conftest import sign_in
from tests.factories import MembershipFactory, user_with_role
from wio.accounts.constants import Role
from wio.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_storage(settings: object, tmp_path: Path) -> None:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def _lpa_of(case: Case) -> Client:
    officer = user_with_role(Role.LPA)
    MembershipFactory(user=officer, organisation=case.gemeente, role=Role.LPA)
    return sign_in(Client(), officer)


def test_a_case_registered_in_error_is_deleted_with_everything_and_leaves_a_record(
    caplog: pytest.LogCaptureFixture, django_capture_on_commit_callbacks: object
) -> None:
    case = full_case()
    shared = KnelpuntFactory(cases=[case, CaseFactory()])
    before = rows_referring_to(case)
    files = case_files(case)
    assert len(before) > 15
    assert all(path.exists() for path in files)
    client = _lpa_of(case)
    page = reverse("cases:delete", args=[case.pk])

    with caplog.at_level(logging.DEBUG), django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        response = submit(client, page, {"registered_in_error": "on", "note": "Dubbel ingevoerd"})

    assert response.status_code == 302
    assert not Case.objects.filter(pk=case.pk).exists()
    assert remaining(before) == []
    assert [path for path in files if path.exists()] == []
    assert not Knelpunt.objects.filter(description__contains=SENTINEL).exists()
    assert Knelpunt.objects.filter(pk=shared.pk).exists()  # another case still refers to it
    record = DestructionRecord.objects.get(case_reference=case.reference)
    assert record.reason == DestructionReason.REGISTERED_IN_ERROR
    assert record.note == "Dubbel ingevoerd"
    assert record.deleted_by is not None
    assert record.counts["moreelberaad.Beraad"] == 1
    assert record.counts["monitor.Story"] == 1
    assert record.counts["files"] == 4  # attachment, pack PDF and its metadata, subject-access PDF
    assert AuditEvent.objects.filter(event_type="case.delete_in_error", youth_ref=case.reference).exists()
    assert SENTINEL not in caplog.text
    assert "Sentinelberg" not in caplog.text


def test_the_delete_page_asks_for_a_reason_and_keeps_the_case_without_one() -> None:
    case = CaseFactory()
    client = _lpa_of(case)

    response = submit(client, reverse("cases:delete", args=[case.pk]), {"note": "  "})

    assert response.status_code == 422
    assert Case.objects.filter(pk=case.pk).exists()
    assert "Geef de reden" in response.content.decode()


def test_a_case_registered_more_than_30_days_ago_is_closed_not_deleted() -> None:
    case = CaseFactory(registered_on=timezone.localdate() - timedelta(days=31))
    client = _lpa_of(case)

    assert client.get(reverse("cases:detail", args=[case.pk])).content.decode().count("/verwijderen/") == 0
    assert client.post(reverse("cases:delete", args=[case.pk]), {"note": "x"}).status_code == 403
    assert Case.objects.filter(pk=case.pk).exists()


def test_closing_sets_the_destruction_date_and_reopening_clears_it() -> None:
    case = CaseFactory(date_of_birth=timezone.localdate().replace(year=2000))
    client = _lpa_of(case)
    today = timezone.localdate()

    status_page = reverse("cases:status", args=[case.pk])
    asked = client.post(status_page, {"to_status": Status.AFGESLOTEN})
    post_confirmation(client, asked, status_page, note="Klaar")
    case.refresh_from_db()
    assert case.closed_on == today
    assert case.destroy_on == today.replace(year=today.year + 5)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "te vernietigen vanaf" in page

    asked = client.post(status_page, {"to_status": Status.VERVOLG})
    post_confirmation(client, asked, status_page, note="Terug")
    case.refresh_from_db()
    assert case.closed_on is None
    assert case.destroy_on is None


def test_a_young_child_is_kept_until_the_selectielijst_term() -> None:
    """Selectielijst 2020, 12.1.3: a leerplicht file is destroyed 19 years after the date of birth."""
    case = CaseFactory(date_of_birth=timezone.localdate().replace(year=2016, month=3, day=1))
    services.case_transition(case=case, to_status=Status.AFGESLOTEN, actor=_system())
    case.refresh_from_db()
    assert case.destroy_on is not None
    assert case.destroy_on.isoformat() == "2035-03-01"


def _system() -> object:
    from cases.services.retention import SYSTEM

    return SYSTEM


def _due_case() -> Case:
    today = timezone.localdate()
    case = full_case(status=Status.AFGESLOTEN, date_of_birth=today.replace(year=today.year - 30))
    Case.objects.filter(pk=case.pk).update(closed_on=today - timedelta(days=2000), destroy_on=today)
    return case


def _reviewer(*roles: str) -> Client:
    user = user_with_role(roles[0])
    for role in roles[1:]:
        MembershipFactory(user=user, role=role)
    return sign_in(Client(), user)


def test_one_person_approving_twice_is_refused_through_the_page() -> None:
    case = _due_case()
    [destruction_list] = services.destruction_lists_create()
    both = _reviewer(Role.FUNCTIONAL_ADMIN, Role.PRIVACY_OFFICER)
    page = reverse("cases:destruction_list_detail", args=[destruction_list.pk])

    first = submit(both, page, {"role": Role.FUNCTIONAL_ADMIN, "checked": "on"})
    second = submit(both, page, {"role": Role.PRIVACY_OFFICER, "checked": "on"})

    assert first.status_code == 302
    assert second.status_code == 422
    assert "al goedgekeurd" in second.content.decode()
    destruction_list.refresh_from_db()
    assert destruction_list.status == DestructionListStatus.PROPOSED
    assert Case.objects.filter(pk=case.pk).exists()


def test_two_people_approve_and_the_list_is_destroyed_completely(
    caplog: pytest.LogCaptureFixture, django_capture_on_commit_callbacks: object
) -> None:
    case = _due_case()
    before, files = rows_referring_to(case), case_files(case)
    [destruction_list] = services.destruction_lists_create()
    page = reverse("cases:destruction_list_detail", args=[destruction_list.pk])
    admin, privacy = _reviewer(Role.FUNCTIONAL_ADMIN), _reviewer(Role.PRIVACY_OFFICER)
    listing = privacy.get(reverse("cases:destruction_list_index")).content.decode()
    assert destruction_list.gemeente.name in listing
    assert SENTINEL not in listing
    assert case.reference in privacy.get(page).content.decode()

    with caplog.at_level(logging.DEBUG), django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        assert submit(admin, page, {"role": Role.FUNCTIONAL_ADMIN, "checked": "on"}).status_code == 302
        assert Case.objects.filter(pk=case.pk).exists()
        assert submit(privacy, page, {"role": Role.PRIVACY_OFFICER, "checked": "on"}).status_code == 302

    destruction_list.refresh_from_db()
    assert destruction_list.status == DestructionListStatus.DESTROYED
    assert not Case.objects.filter(pk=case.pk).exists()
    assert remaining(before) == []
    assert [path for path in files if path.exists()] == []
    record = DestructionRecord.objects.get(case_reference=case.reference)
    assert record.reason == DestructionReason.RETENTION
    assert record.destruction_list == destruction_list
    events = set(AuditEvent.objects.values_list("event_type", flat=True))
    assert {"destruction_list.create", "destruction_list.approve", "destruction_list.destroy"} <= events
    assert SENTINEL not in caplog.text


def test_a_case_reopened_after_listing_is_not_destroyed() -> None:
    case = _due_case()
    [destruction_list] = services.destruction_lists_create()
    Case.objects.filter(pk=case.pk).update(status=Status.VERVOLG, closed_on=None, destroy_on=None)
    page = reverse("cases:destruction_list_detail", args=[destruction_list.pk])

    submit(_reviewer(Role.FUNCTIONAL_ADMIN), page, {"role": Role.FUNCTIONAL_ADMIN, "checked": "on"})
    submit(_reviewer(Role.PRIVACY_OFFICER), page, {"role": Role.PRIVACY_OFFICER, "checked": "on"})

    assert Case.objects.filter(pk=case.pk).exists()
    assert DestructionList.objects.get(pk=destruction_list.pk).status == DestructionListStatus.DESTROYED


def test_a_case_on_an_open_list_is_not_listed_twice() -> None:
    _due_case()
    assert len(services.destruction_lists_create()) == 1
    assert services.destruction_lists_create() == []


def test_an_upload_left_uncommitted_for_a_day_is_removed_with_its_names() -> None:
    from cases.models import CaseImport
    from cases.tasks import purge_abandoned_imports
    from tests.cases.factories import CaseImportFactory

    old, fresh = CaseImportFactory(), CaseImportFactory()
    CaseImport.objects.filter(pk=old.pk).update(uploaded_at=timezone.now() - timedelta(hours=25))

    assert purge_abandoned_imports() == 1

    assert list(CaseImport.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert AuditEvent.objects.filter(event_type="case_import.purge_abandoned").exists()


def test_the_backfill_dates_closed_cases_and_empties_committed_imports() -> None:
    """Migration 0004 on existing data: the rule of closing, from the last change to "afgesloten"."""
    import importlib

    from django.apps import apps

    from cases.models import CaseImport, StatusChange
    from tests.cases.factories import CaseImportFactory

    backfill = importlib.import_module("cases.migrations.0004_backfill_destruction_dates").backfill
    today = timezone.localdate()
    case = CaseFactory(status=Status.AFGESLOTEN, date_of_birth=today.replace(year=today.year - 30))
    change = StatusChange.objects.create(case=case, from_status=Status.NAZORG, to_status=Status.AFGESLOTEN)
    StatusChange.objects.filter(pk=change.pk).update(changed_at=timezone.now() - timedelta(days=400))
    committed = CaseImportFactory(committed_at=timezone.now())

    backfill(apps, None)

    case.refresh_from_db()
    assert case.closed_on == today - timedelta(days=400)
    assert case.destroy_on == case.closed_on.replace(year=case.closed_on.year + 5)
    assert CaseImport.objects.get(pk=committed.pk).content == ""
