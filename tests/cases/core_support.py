"""Small helpers shared by the tests of the cases core (services, selectors, permissions, forms)."""

import json
from datetime import date
from typing import Any, cast

from django.http import HttpRequest
from django.test import RequestFactory

from cases.models import Involved
from tests.cases.factories import InvolvedFactory
from tests.factories import MembershipFactory, OrganisationFactory
from wio.accounts.models import Organisation, User
from wio.audit import services as audit
from wio.audit.models import AuditEvent


def member_of(organisation: Organisation, role: str) -> User:
    """A user holding `role` in exactly this organisation."""
    membership = MembershipFactory(organisation=organisation, role=role)
    return cast(User, membership.user)


def actor_for(user: User) -> audit.Actor:
    return audit.actor_from(user=user)


def request_as(user: User) -> HttpRequest:
    request = RequestFactory().get("/cases/", REMOTE_ADDR="192.0.2.20")
    request.user = user
    return request


def gemeente() -> Organisation:
    return cast(Organisation, OrganisationFactory())


def swv(serving: Organisation | None = None) -> Organisation:
    """An SWV; with `serving`, one in that gemeente's region, so that it may hold its cases."""
    if serving is None:
        return cast(Organisation, OrganisationFactory(swv=True))
    return cast(Organisation, OrganisationFactory(swv=True, region=serving.region))


def an_involved(**fields: Any) -> Involved:
    """A betrokkene, typed as the model (factory_boy is untyped)."""
    return cast(Involved, InvolvedFactory(**fields))


def case_data(**overrides: Any) -> dict[str, Any]:
    """What CaseForm.case_data() hands to case_create, with a youth whose name is easy to spot."""
    home = overrides.get("gemeente") or gemeente()
    data: dict[str, Any] = {
        "first_name": "Zwaantje",
        "last_name": "Kwakkelstein",
        "date_of_birth": date(2012, 3, 14),
        "gemeente": home,
        "swv": overrides["swv"] if "swv" in overrides else swv(serving=home),
        "category": "vrijstelling_5a",
        "is_project_case": True,
        "registered_on": date(2024, 9, 2),
        "escalation_basis": "registratie",
        "escalation_start_on": None,
    }
    return {**data, **overrides}


def audit_trail_text() -> str:
    """Every column of every audit event, detail JSON included, as one lower-case string."""
    rows = list(AuditEvent.objects.values())
    return json.dumps(rows, default=str, ensure_ascii=False).lower()
