"""Issue 11.3: subject access (AVG art. 15). The privacy officer enters a case reference (posted),
a worker compiles a tagged PDF of every row linked to the case and every audit event of it, and only
that officer downloads it; request and delivery are audited.

The PDF of a demo case is read back with pdftotext and compared with the database.
"""

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.management import call_command
from django.db import models, transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

import pytest

from cases.access_overview import reachable_rows, row_title
from cases.constants import AccessRequestStatus
from cases.models import Case, RetentionSetting, SubjectAccessRequest
from cases.tasks_access import ACCESS_TOPIC
from tests.conftest import sign_in
from tests.factories import user_with_role
from tests.moreelberaad.rendered_form import rendered_form
from tests.pdftools import pdf_info, pdf_lang, pdf_text
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit.models import AuditEvent
from wio.outbox import services as outbox
from wio.outbox.models import Job, JobState

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock(), override_settings(DEBUG=True), transaction.atomic():
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        yield
        transaction.set_rollback(True)


def _play_the_worker() -> None:
    """Run the overview's outbox job here, as a worker would (pending, or already handed out)."""
    outbox.run_due_here()
    for job in Job.objects.filter(topic=ACCESS_TOPIC, state=JobState.DISPATCHED):
        outbox.run(job.pk)


def _richest_demo_case() -> Case:
    """A case of the demo LPA's municipality with a beraad and consents (a story if there is one)."""
    cases = Case.objects.filter(gemeente__code="GM1681", beraden__isnull=False, consents__isnull=False)
    with_story = cases.filter(stories__isnull=False).order_by("pk").first()
    case = with_story or cases.order_by("pk").first()
    assert case is not None
    return case


def _request_overview(officer: User, reference: str) -> tuple[Client, SubjectAccessRequest]:
    """Through the page: GET the form, post the reference, then run the queued task as a worker would."""
    client = sign_in(Client(), officer)
    url = reverse("cases:access_list")
    form = rendered_form(client.get(url).content, having="reference")
    response = client.post(url, form.payload(reference=reference))
    assert response.status_code == 302
    access = SubjectAccessRequest.objects.get(requested_by=officer)
    assert response["Location"] == reverse("cases:access_detail", args=[access.pk])
    assert reference not in response["Location"]  # the reference never enters a URL
    _play_the_worker()
    access.refresh_from_db()
    return client, access


def _download(client: Client, access: SubjectAccessRequest) -> bytes:
    response = client.get(reverse("cases:access_download", args=[access.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _rows_pointing_at_case(case: Case) -> dict[type[models.Model], set[object]]:
    """Independently of the overview: every row of every model with a relation to Case."""
    found: dict[type[models.Model], set[object]] = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if (
                field.is_relation
                and field.related_model is Case
                and (field.many_to_one or field.many_to_many or field.one_to_one)
                and field.concrete
            ):
                pks = set(model._default_manager.filter(**{field.name: case}).values_list("pk", flat=True))
                if pks:
                    found.setdefault(model, set()).update(pks)
    return found


def test_the_pdf_of_a_demo_case_lists_every_row_and_every_access(seeded: None, tmp_path: Path) -> None:
    case = _richest_demo_case()
    officer = user_with_role(Role.PRIVACY_OFFICER, first_name="Femke", last_name="Privacy")
    # a read (or a refused one, outside the LPA's scope) beforehand, so the trail has more than one kind
    lpa = User.objects.get(email="lpa@wio.example")
    sign_in(Client(), lpa).get(reverse("cases:detail", args=[case.pk]))
    lpa_read = AuditEvent.objects.filter(youth_ref=case.reference, actor=lpa).latest("pk")
    events_before = set(AuditEvent.objects.filter(youth_ref=case.reference).values_list("pk", flat=True))
    client, access = _request_overview(officer, case.reference)
    assert access.status == AccessRequestStatus.DONE
    assert access.progress == 100
    pdf = _download(client, access)
    text = _flat(pdf_text(pdf, tmp_path))
    assert re.search(r"Tagged:\s+yes", pdf_info(pdf, tmp_path))
    assert pdf_lang(pdf) == "nl"

    direct = _rows_pointing_at_case(case)
    assert len(direct) >= 10, sorted(m._meta.label for m in direct)  # the demo case is a full one
    walked = reachable_rows(case)
    for model, pks in direct.items():
        assert pks <= walked.get(model, set()), model._meta.label
    with translation.override("nl"):
        for model, pks in walked.items():
            label = model._meta.label_lower
            for pk in pks:
                title = {
                    "moreelberaad.beraad": f"Moreel Beraad {pk}",
                    "moreelberaad.participant": f"Deelnemer {pk}",
                    "monitor.story": f"Verhaal {pk}",
                }.get(label) or row_title(model, pk)
                assert title in text, f"{label} {pk}"
    for event_pk in events_before | {access_event.pk for access_event in _request_events(case)}:
        assert f"Gebeurtenis {event_pk}:" in text, event_pk
    # the content itself, not only headings
    assert case.last_name in text
    # employees are not named unless the municipality chose so (CJEU C-579/21)
    read = _line_of(text, lpa_read.pk)
    assert "Leerplichtambtenaar, Gemeente Borger" in read  # role and organisation
    assert "Lotte" not in read
    assert "lpa@wio.example" not in text


def _line_of(text: str, event_pk: int) -> str:
    """The access overview's line of one audit event."""
    start = text.index(f"Gebeurtenis {event_pk}:")
    following = text.find("Gebeurtenis ", start + 1)
    return text[start : following if following > 0 else None]


def _request_events(case: Case) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(youth_ref=case.reference, event_type="case.subject_access.request"))


def test_employees_are_named_when_the_municipality_chose_so(seeded: None, tmp_path: Path) -> None:
    case = _richest_demo_case()
    RetentionSetting.objects.update_or_create(
        gemeente=case.gemeente, defaults={"retention_years": 5, "names_in_access_overview": True}
    )
    sign_in(Client(), User.objects.get(email="lpa@wio.example")).get(reverse("cases:detail", args=[case.pk]))
    officer = user_with_role(Role.PRIVACY_OFFICER)
    client, access = _request_overview(officer, case.reference)
    lpa_read = AuditEvent.objects.filter(youth_ref=case.reference, actor__email="lpa@wio.example").latest(
        "pk"
    )
    text = _flat(pdf_text(_download(client, access), tmp_path))
    assert "Lotte Pieters" in _line_of(text, lpa_read.pk)


def test_request_and_delivery_are_audited_on_the_youth(seeded: None) -> None:
    case = _richest_demo_case()
    officer = user_with_role(Role.PRIVACY_OFFICER)
    client, access = _request_overview(officer, case.reference)
    _download(client, access)
    kinds = set(
        AuditEvent.objects.filter(youth_ref=case.reference, actor=officer).values_list(
            "event_type", flat=True
        )
    )
    assert {"case.subject_access.request", "case.subject_access.download"} <= kinds


def test_only_the_requesting_officer_downloads(seeded: None) -> None:
    case = _richest_demo_case()
    officer = user_with_role(Role.PRIVACY_OFFICER)
    _client, access = _request_overview(officer, case.reference)
    colleague = sign_in(Client(), user_with_role(Role.PRIVACY_OFFICER))
    for name in ("cases:access_detail", "cases:access_progress", "cases:access_download"):
        assert colleague.get(reverse(name, args=[access.pk])).status_code == 404, name
    assert AuditEvent.objects.filter(
        event_type="case.subject_access.out_of_scope", youth_ref=case.reference, result="denied"
    ).exists()
    lpa = sign_in(Client(), User.objects.get(email="lpa@wio.example"))
    assert lpa.get(reverse("cases:access_download", args=[access.pk])).status_code == 403
    assert lpa.get(reverse("cases:access_list")).status_code == 403


def test_an_unknown_reference_is_refused_on_the_form(db: None) -> None:
    officer = user_with_role(Role.PRIVACY_OFFICER)
    client = sign_in(Client(), officer)
    url = reverse("cases:access_list")
    form = rendered_form(client.get(url).content, having="reference")
    response = client.post(url, form.payload(reference="WIO-NIETS99"))
    assert response.status_code == 422
    assert "Geen casus heeft dit kenmerk" in response.content.decode()
    assert not SubjectAccessRequest.objects.exists()


def test_the_page_shows_progress_while_the_worker_runs(db: None) -> None:
    from tests.cases.factories import CaseFactory

    officer = user_with_role(Role.PRIVACY_OFFICER)
    case = CaseFactory()
    access = SubjectAccessRequest.objects.create(
        case=case,
        case_reference=case.reference,
        requested_by=officer,
        status=AccessRequestStatus.RUNNING,
        progress=40,
    )
    client = sign_in(Client(), officer)
    page = client.get(reverse("cases:access_progress", args=[access.pk])).content.decode()
    assert 'aria-valuenow="40"' in page
    assert reverse("cases:access_progress", args=[access.pk]) in page  # keeps polling
    assert client.get(reverse("cases:access_download", args=[access.pk])).status_code == 404  # not ready
