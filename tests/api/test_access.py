"""Who gets what through the API: tokens only, scopes, roles, organisations, and every refusal."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

import pytest
from rest_framework.throttling import UserRateThrottle

from cases.models import Case, TimelineEntry
from monitor.publications.reporting_dates import reporting_dates
from monitor.services.publications import publication_for
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit.models import AuditEvent

from ..cases.factories import CaseFactory, InvolvedFactory, TimelineEntryFactory
from ..factories import OrganisationFactory, PhaseFactory, RegionFactory, user_with_role
from .support import api_for, make_api_client, new_key, token_response

pytestmark = pytest.mark.django_db

CASES = "/api/v1/casussen/"


@pytest.fixture
def case() -> Case:
    region = RegionFactory()
    return CaseFactory(
        gemeente=OrganisationFactory(region=region), swv=OrganisationFactory(swv=True, region=region)
    )


def test_without_a_token_the_api_answers_401_with_a_bearer_challenge(client: Client) -> None:
    response = client.get(CASES)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_signed_in_browser_session_does_not_reach_the_api(
    signed_in: Callable[[User], Client], case: Case
) -> None:
    lpa = user_with_role(Role.LPA)
    lpa.memberships.update(organisation=case.gemeente)
    session = signed_in(lpa)  # password and second factor: still no API access (AUTH-1)
    assert session.get(CASES).status_code == 401
    assert session.get(f"{CASES}{case.pk}/").status_code == 401


def test_a_read_only_client_reads_but_cannot_write_or_get_a_write_token(case: Case) -> None:
    api = api_for(case.gemeente, may_write=False)
    assert api.get(f"{CASES}{case.pk}/").status_code == 200
    refused = api.post(
        f"{CASES}{case.pk}/tijdlijn/",
        {"occurred_on": "2026-11-03", "entry_type": "contact", "description": "x"},
    )
    assert refused.status_code == 403
    client, secret = make_api_client(case.gemeente, may_write=False)
    assert token_response(Client(), client, secret, "read write").status_code == 400  # invalid_scope


def test_a_client_awaiting_approval_sees_no_case() -> None:
    case = CaseFactory()
    client, secret = make_api_client(case.gemeente, approved=False)
    http = Client()
    token = token_response(http, client, secret, "read").json()["access_token"]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    assert http.get(CASES, **auth).json()["count"] == 0
    assert http.get(f"{CASES}{case.pk}/", **auth).status_code == 404


def test_a_partnership_client_reads_its_cases_but_registers_none(case: Case) -> None:
    api = api_for(case.swv)
    assert [row["id"] for row in api.get(CASES).json()["results"]] == [case.pk]
    assert api.post(CASES, {"first_name": "A"}).status_code == 403


def test_every_entry_of_another_municipality_is_404_and_recorded_as_denied(case: Case) -> None:
    entry = TimelineEntryFactory(case=case)
    other = api_for(OrganisationFactory())
    paths = [f"{CASES}{case.pk}/", f"{CASES}{case.pk}/tijdlijn/", f"{CASES}{case.pk}/tijdlijn/{entry.pk}/"]
    for path in paths:
        assert other.get(path).status_code == 404
    assert other.patch(f"{CASES}{case.pk}/", {"last_name": "X"}, {"If-Match": '"v1"'}).status_code == 404
    assert other.post(f"{CASES}{case.pk}/status/", {"status": "gesloten"}).status_code == 404
    denied = AuditEvent.objects.filter(youth_ref=case.reference, result="denied").count()
    assert denied == len(paths) + 2


def test_a_change_without_if_match_is_428_and_a_garbled_one_412(case: Case) -> None:
    api = api_for(case.gemeente)
    assert api.patch(f"{CASES}{case.pk}/", {"last_name": "X"}).status_code == 428
    assert api.patch(f"{CASES}{case.pk}/", {"last_name": "X"}, {"If-Match": "v1"}).status_code == 412
    assert (
        api.patch(f"{CASES}{case.pk}/", {"last_name": "X"}, {"If-Match": '"v99999999999"'}).status_code == 412
    )
    assert Case.objects.get(pk=case.pk).last_name == case.last_name


def test_a_stale_entry_is_not_overwritten(case: Case) -> None:
    entry = TimelineEntryFactory(case=case, description="Eerste versie")
    api = api_for(case.gemeente)
    path = f"{CASES}{case.pk}/tijdlijn/{entry.pk}/"
    etag = api.get(path)["ETag"]
    assert api.patch(path, {"description": "Tweede versie"}, {"If-Match": etag}).status_code == 200
    assert api.patch(path, {"description": "Derde versie"}, {"If-Match": etag}).status_code == 412
    assert TimelineEntry.objects.get(pk=entry.pk).description == "Tweede versie"


def test_invalid_input_is_refused_field_by_field_in_dutch(case: Case) -> None:
    api = api_for(case.gemeente)
    body = {
        "first_name": "Ada",
        "last_name": "B",
        "date_of_birth": "2013-01-01",
        "gemeente": case.gemeente.pk,
        "swv": OrganisationFactory(swv=True).pk,
        "category": "vrijstelling_5a",
        "registered_on": "2026-11-02",
        "escalation_basis": "registratie",
    }
    refused = api.post(CASES, body)
    assert refused.status_code == 400
    assert "swv" in refused.json()
    assert api.post(CASES, {**body, "swv": case.swv.pk, "diagnose": "x"}).json() == {
        "diagnose": ["WIO heeft hier geen veld met deze naam."]
    }
    assert api.post(CASES, ["not", "an", "object"]).status_code == 400
    assert api.post(CASES, body, {"Idempotency-Key": "twice"}).status_code == 400
    assert not Case.objects.filter(first_name="Ada").exists()


def test_a_timeline_entry_cannot_name_a_person_of_another_case(case: Case) -> None:
    stranger = InvolvedFactory(case=CaseFactory(gemeente=case.gemeente, swv=case.swv))
    api = api_for(case.gemeente)
    refused = api.post(
        f"{CASES}{case.pk}/tijdlijn/",
        {
            "occurred_on": "2026-11-03",
            "entry_type": "contact",
            "description": "Gesprek",
            "involved": [stranger.pk],
        },
    )
    assert refused.status_code == 400
    assert "involved" in refused.json()


def test_another_clients_idempotency_key_is_never_answered_with_its_record(case: Case) -> None:
    key = new_key()
    body = {"occurred_on": "2026-11-03", "entry_type": "contact", "description": "Eerste"}
    first = api_for(case.gemeente)
    assert first.post(f"{CASES}{case.pk}/tijdlijn/", body, {"Idempotency-Key": key}).status_code == 201
    second = api_for(case.gemeente)
    reused = second.post(f"{CASES}{case.pk}/tijdlijn/", body, {"Idempotency-Key": key})
    assert reused.status_code == 422
    assert TimelineEntry.objects.filter(case=case).count() == 1


def test_too_many_calls_are_refused_with_429_and_recorded(
    case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(UserRateThrottle.THROTTLE_RATES, "user", "3/minute")
    api = api_for(case.gemeente)
    codes = [api.get(CASES).status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    assert AuditEvent.objects.filter(event_type="http.rate_limited").count() == 2


def test_a_ministry_reads_the_published_tables_and_no_case() -> None:
    region = RegionFactory(phase_joined=PhaseFactory(number=1))
    case = CaseFactory(
        gemeente=OrganisationFactory(region=region),
        swv=OrganisationFactory(swv=True, region=region),
        registered_on=timezone.localdate() - timedelta(days=90),
    )
    peildatum = reporting_dates()[0]
    publication = publication_for(peildatum)
    ministry = api_for(OrganisationFactory(ministry=True), may_write=False)

    dates = ministry.get("/api/v1/monitor/peildata/").json()
    assert dates == [
        {
            "peildatum": peildatum.isoformat(),
            "edition": 1,
            "published_at": dates[0]["published_at"],
            "reason": "",
        }
    ]
    tables = ministry.get(f"/api/v1/monitor/peildata/{peildatum.isoformat()}/").json()
    assert tables["suppression_k"] == publication.suppression_k
    cells = [c for t in tables["tables"] for row in t["rows"] for c in row["cells"]]
    assert None in cells  # one youth: withheld, never "1"
    assert 1 not in cells
    assert ministry.get("/api/v1/monitor/peildata/2025-06-15/").status_code == 404
    assert ministry.get(CASES).json()["count"] == 0
    assert ministry.get(f"{CASES}{case.pk}/").status_code == 404
    assert AuditEvent.objects.filter(event_type="monitor.api_tables").count() == 2
    assert api_for(case.gemeente).get("/api/v1/monitor/peildata/").status_code == 403


def test_every_token_issued_or_refused_is_audited_without_the_secret(case: Case) -> None:
    client, secret = make_api_client(case.gemeente)
    assert token_response(Client(), client, secret, "read").status_code == 200
    assert token_response(Client(), client, "wrong-" + secret, "read").status_code == 401
    events = AuditEvent.objects.filter(event_type__startswith="api.token_").order_by("id")
    assert [(e.event_type, e.result, e.detail["client_id"]) for e in events] == [
        ("api.token_issued", "ok", client.application.client_id),
        ("api.token_refused", "failed", client.application.client_id),
    ]
    assert events[0].actor_id == client.service_user_id
    assert not AuditEvent.objects.filter(detail__icontains=secret).exists()
    assert secret not in str(list(AuditEvent.objects.values_list("detail", "actor_label")))


def test_a_deeply_nested_body_is_a_400_not_a_crash(case: Case) -> None:
    api = api_for(case.gemeente)
    response = api.http.post(
        f"{CASES}{case.pk}/tijdlijn/",
        "[" * 100_000 + "]" * 100_000,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api.token}",
    )
    assert response.status_code == 400


def test_a_key_used_on_another_case_is_422_not_a_false_404(case: Case) -> None:
    other_case = CaseFactory(gemeente=case.gemeente, swv=case.swv)
    api = api_for(case.gemeente)
    key = new_key()
    body = {"occurred_on": "2026-11-03", "entry_type": "contact", "description": "Eerste"}
    assert api.post(f"{CASES}{case.pk}/tijdlijn/", body, {"Idempotency-Key": key}).status_code == 201
    assert api.post(f"{CASES}{other_case.pk}/tijdlijn/", body, {"Idempotency-Key": key}).status_code == 422
    assert not TimelineEntry.objects.filter(case=other_case).exists()


def test_a_status_change_is_decided_on_the_version_read(case: Case) -> None:
    api = api_for(case.gemeente)
    path = f"{CASES}{case.pk}/status/"
    etag = api.get(f"{CASES}{case.pk}/")["ETag"]
    assert api.post(path, {"status": "voorgesteld"}).status_code == 428
    moved = api.post(path, {"status": "voorgesteld"}, {"If-Match": etag})
    assert moved.status_code == 200, moved.json()
    stale = api.post(path, {"status": "in_beeld", "note": "Toch nog niet"}, {"If-Match": etag})
    assert stale.status_code == 412
    assert Case.objects.get(pk=case.pk).status == "voorgesteld"


def test_a_call_without_a_valid_token_is_recorded_as_refused(client: Client) -> None:
    assert client.get(CASES, HTTP_AUTHORIZATION="Bearer not-a-token").status_code == 401
    event = AuditEvent.objects.get(event_type="http.unauthorized")
    assert event.result == "denied"
    assert "not-a-token" not in str(event.detail)


def test_token_requests_are_rate_limited_per_source(case: Case, settings: Any) -> None:
    settings.WIO_API_TOKEN_RATE_LIMIT = 3
    client, secret = make_api_client(case.gemeente)
    codes = [token_response(Client(), client, secret, "read").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert AuditEvent.objects.filter(event_type="http.rate_limited").count() == 1


def test_a_basic_header_without_a_colon_is_never_recorded(case: Case) -> None:
    import base64

    secret_like = "a-secret-without-a-client-id"
    header = "Basic " + base64.b64encode(secret_like.encode()).decode()
    response = Client().post(
        "/api/oauth/token/", {"grant_type": "client_credentials"}, HTTP_AUTHORIZATION=header
    )
    assert response.status_code == 401
    assert secret_like not in str(list(AuditEvent.objects.values_list("detail", "actor_label")))
