from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from cases.constants import Category, Status
from cases.models import Case, TimelineEntry
from tests.cases.factories import CaseFactory, InvolvedFactory, TimelineEntryFactory
from tests.factories import OrganisationFactory, user_with_role
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def lpa() -> User:
    return user_with_role(Role.LPA)


@pytest.fixture
def lpa_client(lpa: User, signed_in: Callable[[User], Client]) -> Client:
    return signed_in(lpa)


def _gemeente(user: User) -> Any:
    return user.memberships.get().organisation


def _case_payload(user: User, **overrides: Any) -> dict[str, Any]:
    payload = {
        "first_name": "Mila",
        "last_name": "de Boer",
        "date_of_birth": "2013-04-02",
        "gemeente": _gemeente(user).pk,
        "swv": OrganisationFactory(swv=True, region=_gemeente(user).region).pk,
        "category": Category.VRIJSTELLING_5A,
        "is_project_case": "on",
        "registered_on": timezone.localdate().isoformat(),
        "escalation_basis": "registratie",
        "escalation_start_on": "",
    }
    return {**payload, **overrides}


def test_lpa_registers_a_case_and_lands_on_its_dossier(lpa: User, lpa_client: Client) -> None:
    response = lpa_client.post(reverse("cases:create"), _case_payload(lpa))

    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[case.pk])
    assert case.escalation_start_on == case.registered_on
    page = lpa_client.get(response["Location"])
    assert page.status_code == 200
    assert "Mila de Boer" in page.content.decode()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("category", ""),
        ("date_of_birth", (timezone.localdate() + timedelta(days=1)).isoformat()),
        ("date_of_birth", "32-13-2020"),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_saves_nothing(
    lpa: User, lpa_client: Client, field: str, value: str
) -> None:
    response = lpa_client.post(reverse("cases:create"), _case_payload(lpa, **{field: value}))

    assert response.status_code == 422
    assert field in response.context["form"].errors
    assert not Case.objects.exists()


def test_lpa_cannot_register_a_case_in_another_gemeente(lpa: User, lpa_client: Client) -> None:
    other = OrganisationFactory()

    response = lpa_client.post(reverse("cases:create"), _case_payload(lpa, gemeente=other.pk))

    assert "gemeente" in response.context["form"].errors
    assert not Case.objects.exists()


def test_a_stale_edit_gets_a_conflict_and_overwrites_nothing(lpa: User, lpa_client: Client) -> None:
    case = CaseFactory(gemeente=_gemeente(lpa))
    form_version = case.version
    Case.objects.filter(pk=case.pk).update(first_name="Anders", version=case.version + 1)

    response = lpa_client.post(
        reverse("cases:edit", args=[case.pk]),
        {**_case_payload(lpa, swv=case.swv_id), "version": form_version},
    )

    assert response.status_code == 409
    assert "Anders" in response.content.decode()  # the user sees the other's change
    case.refresh_from_db()
    assert case.first_name == "Anders"


def test_timeline_entry_added_with_htmx_returns_the_refreshed_section(lpa: User, lpa_client: Client) -> None:
    case = CaseFactory(gemeente=_gemeente(lpa))
    person = InvolvedFactory(case=case)

    response = lpa_client.post(
        reverse("cases:entry_add", args=[case.pk, "tijdlijn"]),
        {
            "occurred_on": "2026-11-02",
            "entry_type": "contact",
            "description": "Eerste gesprek met moeder",
            "involved": [person.pk],
        },
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    assert 'id="tijdlijn"' in response.content.decode()
    entry = TimelineEntry.objects.get(case=case)
    assert list(entry.involved.all()) == [person]
    assert AuditEvent.objects.filter(
        event_type="case.timelineentry.create", youth_ref=case.reference
    ).exists()


def test_invalid_entry_with_htmx_retargets_the_form(lpa: User, lpa_client: Client) -> None:
    case = CaseFactory(gemeente=_gemeente(lpa))

    response = lpa_client.post(
        reverse("cases:entry_add", args=[case.pk, "tijdlijn"]),
        {"occurred_on": "", "entry_type": "contact", "description": ""},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 422
    assert response["HX-Retarget"] == "#tijdlijn-form"
    assert not TimelineEntry.objects.exists()


def test_invalid_status_change_is_refused_with_a_message(lpa: User, lpa_client: Client) -> None:
    case = CaseFactory(gemeente=_gemeente(lpa))

    response = lpa_client.post(
        reverse("cases:status", args=[case.pk]), {"to_status": Status.NAZORG}, follow=True
    )

    case.refresh_from_db()
    assert case.status == Status.IN_BEELD
    assert any(m.level_tag == "error" for m in response.context["messages"])


def test_ondersteuner_cannot_close_a_case(signed_in: Callable[[User], Client]) -> None:
    ondersteuner = user_with_role(Role.ONDERSTEUNER)
    case = CaseFactory(gemeente=_gemeente(ondersteuner))

    response = signed_in(ondersteuner).post(
        reverse("cases:status", args=[case.pk]), {"to_status": Status.AFGESLOTEN}
    )

    assert response.status_code == 403
    case.refresh_from_db()
    assert case.status == Status.IN_BEELD


def test_every_row_shown_and_the_detail_are_audited_without_names(lpa: User, lpa_client: Client) -> None:
    cases = CaseFactory.create_batch(3, gemeente=_gemeente(lpa), last_name="Zeldzaamnaam")

    lpa_client.get(reverse("cases:list"))
    lpa_client.post(reverse("cases:list"), {"q": "Zeldzaam"}, follow=True)
    lpa_client.get(reverse("cases:detail", args=[cases[0].pk]))

    listed = AuditEvent.objects.filter(event_type="case.list")
    assert {e.youth_ref for e in listed} == {c.reference for c in cases}
    assert AuditEvent.objects.filter(event_type="case.search").count() == 3
    assert AuditEvent.objects.filter(event_type="case.detail", youth_ref=cases[0].reference).count() == 1
    for event in AuditEvent.objects.all():
        assert "Zeldzaamnaam" not in f"{event.detail} {event.actor_label} {event.youth_ref}"


def test_case_list_query_count_is_constant(
    lpa: User, lpa_client: Client, django_assert_max_num_queries: Any
) -> None:
    CaseFactory(gemeente=_gemeente(lpa))
    with django_assert_max_num_queries(40) as one:
        assert lpa_client.get(reverse("cases:list")).status_code == 200
    CaseFactory.create_batch(49, gemeente=_gemeente(lpa))
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert lpa_client.get(reverse("cases:list")).status_code == 200


def test_case_page_query_count_is_constant(
    lpa: User, lpa_client: Client, django_assert_max_num_queries: Any
) -> None:
    case = CaseFactory(gemeente=_gemeente(lpa))
    TimelineEntryFactory(case=case)
    with django_assert_max_num_queries(80) as one:
        assert lpa_client.get(reverse("cases:detail", args=[case.pk])).status_code == 200
    people = InvolvedFactory.create_batch(10, case=case)
    for _ in range(49):
        TimelineEntryFactory(case=case).involved.set(people[:3])
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert lpa_client.get(reverse("cases:detail", args=[case.pk])).status_code == 200


def test_a_name_searched_for_never_appears_in_a_url(lpa: User, lpa_client: Client) -> None:
    """DP-7: the search box posts; the name stays in the session, not in URLs or access logs."""
    CaseFactory(gemeente=_gemeente(lpa), last_name="Zoekbaar")

    response = lpa_client.post(reverse("cases:list"), {"q": "Zoekbaar"})
    page = lpa_client.get(response["Location"])
    ignored = lpa_client.get(reverse("cases:list"), {"q": "Iemand"})

    assert response.status_code == 302
    assert "Zoekbaar" not in response["Location"]
    assert [case.last_name for case in page.context["page"].object_list] == ["Zoekbaar"]
    assert [case.last_name for case in ignored.context["page"].object_list] == ["Zoekbaar"]
    assert lpa_client.get(reverse("cases:list"), {"reset": "1"}).status_code == 302
    assert lpa_client.get(reverse("cases:list")).context["filtered"] is False


def test_a_youths_name_reaches_neither_the_audit_trail_nor_the_logs(
    lpa: User, lpa_client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG")
    sentinel = "Sentinelnaam"

    created = lpa_client.post(reverse("cases:create"), _case_payload(lpa, last_name=sentinel))
    case = Case.objects.get(last_name=sentinel)
    lpa_client.post(reverse("cases:list"), {"q": sentinel}, follow=True)
    lpa_client.get(created["Location"])
    lpa_client.get(reverse("cases:edit", args=[case.pk]))
    lpa_client.post(reverse("cases:status", args=[case.pk]), {"to_status": "nazorg"})
    lpa_client.get(reverse("cases:my_work"))

    dump = [
        f"{e.event_type} {e.actor_label} {e.youth_ref} {e.object_id} {e.detail}"
        for e in AuditEvent.objects.all()
    ]
    assert dump
    assert not [line for line in dump if sentinel in line]
    assert sentinel not in caplog.text


def test_printing_the_dossier_is_recorded_as_an_export(lpa: User, lpa_client: Client) -> None:
    case = CaseFactory(gemeente=_gemeente(lpa))
    TimelineEntryFactory(case=case, description="Huisbezoek afgelegd")

    response = lpa_client.get(reverse("cases:print", args=[case.pk]))

    assert response.status_code == 200
    body = response.content.decode()
    assert "Huisbezoek afgelegd" in body
    assert reverse("cases:entry_edit", args=[case.pk, "tijdlijn", case.timelineentrys.get().pk]) not in body
    event = AuditEvent.objects.get(event_type="case.print")
    assert (event.action, event.youth_ref) == ("E", case.reference)
