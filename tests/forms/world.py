"""The demo data and one crawl of it per kind of user, shared by every test of a module."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from importlib import import_module
from typing import Any

from django.db import transaction
from django.test import Client
from django.utils import timezone

import pytest

from tests.conftest import sign_in
from wio.accounts.demo import DEMO_USERS
from wio.accounts.models import User

from .crawl import CrawledPage, FoundForm, YouthIndex, crawl

DEMO_MODULES = ("wio.accounts.demo", "cases.demo", "moreelberaad.demo", "monitor.demo")
# The roles that work with forms outside the admin; the functional admin works in /beheer/.
CRAWLED_ROLES = ("lpa", "ondersteuner", "swv_coordinator", "project_staff", "ministry", "privacy_officer")


@dataclass
class World:
    pages: dict[str, list[CrawledPage]]  # role -> visited pages
    forms: list[FoundForm]
    foreign_ids: list[int]  # ids of other organisations' objects, to post where an id is expected

    def client_for(self, email: str) -> Client:
        return sign_in(Client(), User.objects.get(email=email))


def _youth_index() -> YouthIndex:
    from cases.models import Case

    youths = Case.objects.values_list("reference", "first_name", "last_name")
    return YouthIndex.build([(ref, f"{first} {last}") for ref, first, last in youths])


def _foreign_ids() -> list[int]:
    """Cases, people and beraden of a municipality and partnership none of the demo users works for."""
    from cases.models import Case, Involved
    from moreelberaad.models import Beraad

    officer = User.objects.get(email="lpa@wio.example")
    coordinator = User.objects.get(email="coordinator@wio.example")
    gemeente = officer.memberships.get().organisation
    swv = coordinator.memberships.get().organisation
    elsewhere = Case.objects.exclude(gemeente=gemeente).exclude(swv=swv).order_by("pk")
    ids = list(elsewhere.values_list("pk", flat=True)[:3])
    ids += list(Involved.objects.filter(case__in=elsewhere).values_list("pk", flat=True)[:3])
    ids += list(Beraad.objects.filter(case__in=elsewhere).values_list("pk", flat=True)[:3])
    return ids


def _states_the_demo_lacks() -> None:
    """Records in the states whose forms the demo would not show: an attachment, project hours,
    an import waiting for its commit, stories waiting for review, reports to publish or retry."""
    from cases.models import Case, Plan
    from monitor.constants import ReportStatus
    from tests.cases.factories import AttachmentFactory, CaseImportFactory, TimeEntryFactory
    from tests.monitor.factories import ReportFactory, StoryFactory

    officer = User.objects.get(email="lpa@wio.example")
    coordinator = User.objects.get(email="coordinator@wio.example")
    gemeente = officer.memberships.get().organisation
    swv = coordinator.memberships.get().organisation
    case = Case.objects.filter(gemeente=gemeente, swv=swv).order_by("pk").first()
    Plan.objects.get_or_create(case=case, is_active=True, defaults={"created_by": officer})  # for goals
    AttachmentFactory(case=case, created_by=officer)
    TimeEntryFactory(case=None, gemeente=gemeente, person=officer)
    CaseImportFactory(gemeente=gemeente, uploaded_by=officer)
    StoryFactory(case=case, author=coordinator)
    StoryFactory(case=case, author=coordinator, reviewed=True)
    ReportFactory(done=True)
    ReportFactory(status=ReportStatus.FAILED)
    _beraden_being_prepared(case)


def _beraden_being_prepared(case: Any) -> None:
    """Tomorrow's beraden head the overview: one awaiting the parents, one ready to invite."""
    # Whole minutes, as the date-and-time field a user types in has them.
    from cases.constants import PreparationStatus
    from cases.models import PreparationItem
    from tests.moreelberaad.factories import (
        BeraadFactory,
        CommitmentFactory,
        ParticipantFactory,
        PerspectiveFactory,
        ready_table,
    )

    PreparationItem.objects.filter(case=case).update(status=PreparationStatus.ONTBREEKT)  # waiver form
    tomorrow = (timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)
    awaiting = BeraadFactory(case=case, starts_at=tomorrow, sequence_number=90)
    ParticipantFactory(beraad=awaiting, parent=True)
    ready = BeraadFactory(case=case, starts_at=tomorrow + timedelta(hours=2), sequence_number=91)
    ready_table(ready)
    PerspectiveFactory(beraad=ready)
    CommitmentFactory(beraad=ready)


def demo_world(django_db_blocker: pytest.FixtureRequest) -> Iterator[World]:
    """Seed the demo inside one transaction, crawl it, and roll it all back afterwards.

    Each test then runs in a savepoint of that transaction (pytest-django's `db`), so a test's
    changes are gone before the next one starts and the crawl is made only once.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            for module in DEMO_MODULES:
                import_module(module).seed()
            _states_the_demo_lacks()
            pages: dict[str, list[CrawledPage]] = {}
            forms: list[FoundForm] = []
            youths = _youth_index()
            for demo in DEMO_USERS:
                if demo.role not in CRAWLED_ROLES:
                    continue
                client = sign_in(Client(), User.objects.get(email=demo.email))
                pages[demo.role], found = crawl(client, demo.role, demo.email, youths)
                forms.extend(found)
            yield World(pages, forms, _foreign_ids())
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
