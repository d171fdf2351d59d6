"""The API journey of issue 15: a leerplicht package of gemeente A registers a case, adds to its
timeline, reads it back, is stopped by a stale ETag, and never sees gemeente B's case."""

import pytest

from wio.audit.models import AuditEvent

from ..cases.factories import CaseFactory
from ..factories import OrganisationFactory
from .support import api_for, new_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def gemeente_a() -> object:
    return OrganisationFactory(name="Gemeente A")


def _case_body(gemeente: object, swv: object) -> dict[str, object]:
    return {
        "first_name": "Sanne",
        "last_name": "de Vries",
        "date_of_birth": "2013-03-04",
        "gemeente": gemeente.pk,
        "swv": swv.pk,
        "category": "vrijstelling_5a",
        "is_project_case": True,
        "registered_on": "2026-11-02",
        "escalation_basis": "registratie",
    }


def test_the_whole_journey_is_one_case_and_every_call_is_audited(gemeente_a: object) -> None:
    swv = OrganisationFactory(swv=True, region=gemeente_a.region)
    case_b = CaseFactory()
    api = api_for(gemeente_a)
    key = new_key()

    first = api.post("/api/v1/casussen/", _case_body(gemeente_a, swv), {"Idempotency-Key": key})
    again = api.post("/api/v1/casussen/", _case_body(gemeente_a, swv), {"Idempotency-Key": key})
    assert first.status_code == 201, first.json()
    assert again.status_code == 201
    case_id = first.json()["id"]
    assert again.json()["id"] == case_id
    from cases.models import Case

    assert Case.objects.filter(first_name="Sanne", last_name="de Vries").count() == 1

    entry = api.post(
        f"/api/v1/casussen/{case_id}/tijdlijn/",
        {"occurred_on": "2026-11-03", "entry_type": "contact", "description": "Huisbezoek bij de ouders."},
        {"Idempotency-Key": new_key()},
    )
    assert entry.status_code == 201, entry.json()
    entries = api.get(f"/api/v1/casussen/{case_id}/tijdlijn/")
    assert [e["description"] for e in entries.json()["results"]] == ["Huisbezoek bij de ouders."]

    read = api.get(f"/api/v1/casussen/{case_id}/")
    etag = read["ETag"]
    changed = api.patch(f"/api/v1/casussen/{case_id}/", {"last_name": "de Vries-Jansen"}, {"If-Match": etag})
    assert changed.status_code == 200, changed.json()
    assert changed["ETag"] != etag
    stale = api.patch(f"/api/v1/casussen/{case_id}/", {"last_name": "Jansen"}, {"If-Match": etag})
    assert stale.status_code == 412
    assert api.get(f"/api/v1/casussen/{case_id}/").json()["last_name"] == "de Vries-Jansen"

    assert api.get(f"/api/v1/casussen/{case_b.pk}/").status_code == 404
    assert api.get(f"/api/v1/casussen/{case_b.pk}/tijdlijn/").status_code == 404

    reference = Case.objects.get(pk=case_id).reference
    events = list(
        AuditEvent.objects.filter(youth_ref=reference).values_list("event_type", "action", "result")
    )
    assert ("case.create", "C", "ok") in events
    assert ("case.timelineentry.create", "C", "ok") in events
    assert ("case.update", "U", "ok") in events
    assert sum(1 for e in events if e[0] == "case.detail") >= 3
    assert ("case.timelineentry.list", "R", "ok") in events
    denied = AuditEvent.objects.filter(youth_ref=case_b.reference, result="denied")
    assert denied.count() == 2
