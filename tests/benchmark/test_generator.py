"""The national benchmark's generator keeps the shape of issue 13's data set at any size.

`make bench-national` is not run by CI; this runs its generator at 200 cases on the test database,
so a model change that breaks the generator, or a drift in its proportions, fails here.
"""

from django.contrib import admin
from django.db import connection
from django.db.models import Count, Max

import pytest
from allauth.mfa.models import Authenticator

from cases.constants import ACTIVE_STATUSES
from cases.models import ActionItem, Case, Conversation, Development, Involved, Movement, TimelineEntry
from moreelberaad.models import Beraad
from wio.accounts import demo as accounts_demo
from wio.audit.models import AuditEvent
from wio.benchmark.people import LOAD_CLIENTS, LOGIN_ACCOUNTS
from wio.benchmark.seed import generate
from wio.benchmark.shape import BIG_CITY_CODE, BIG_SWV_CODE, NationalShape

CASES = 200
ENTRY_MODELS = (TimelineEntry, Conversation, ActionItem, Development, Movement)

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the generator loads with COPY")


def test_the_national_shape_is_issue_13s_data_set() -> None:
    shape = NationalShape(100_000)
    assert (shape.active, shape.big_city_cases, shape.big_swv_cases) == (8_463, 3_000, 1_602)
    assert (shape.big_swv_beraden, shape.longest_case_entries) == (560, 752)
    assert (shape.entries, shape.involved, shape.audit_events) == (1_250_000, 400_000, 3_000_000)


def _entries_per_case() -> dict[int, int]:
    totals: dict[int, int] = {}
    for model in ENTRY_MODELS:
        for case_id, count in model.objects.values_list("case").annotate(n=Count("id")):
            totals[case_id] = totals.get(case_id, 0) + count
    return totals


def _audit_indexes() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'audit_auditevent'")
        return {row[0] for row in cursor.fetchall()}


def _near(actual: int, expected: int, tolerance: float = 0.15) -> bool:
    return abs(actual - expected) <= tolerance * expected


@pytest.mark.django_db
def test_a_small_run_keeps_the_proportions() -> None:
    accounts_demo.seed()
    indexes = _audit_indexes()
    generate(CASES, log=lambda _line: None)
    assert _audit_indexes() == indexes  # dropped for the load, built again after it
    shape = NationalShape(CASES)
    cases = Case.objects.all()
    assert cases.count() == CASES
    assert cases.filter(status__in=ACTIVE_STATUSES).count() == shape.active
    assert cases.filter(gemeente__code=BIG_CITY_CODE).count() == shape.big_city_cases
    assert cases.filter(swv__code=BIG_SWV_CODE).count() == shape.big_swv_cases
    assert Beraad.objects.filter(case__swv__code=BIG_SWV_CODE).count() == shape.big_swv_beraden
    entries = _entries_per_case()
    assert _near(sum(entries.values()), shape.entries)
    longest = max(entries, key=lambda case_id: entries[case_id])
    assert entries[longest] == shape.longest_case_entries
    assert Case.objects.get(pk=longest).status in ACTIVE_STATUSES
    assert _near(Involved.objects.count(), shape.involved)
    assert _near(AuditEvent.objects.count(), shape.audit_events)
    assert Involved.objects.aggregate(Max("id"))["id__max"] == Involved.objects.count()  # ids in sequence
    totp = Authenticator.objects.filter(type=Authenticator.Type.TOTP, user__email__startswith="bench-")
    assert totp.count() == LOAD_CLIENTS * len(LOGIN_ACCOUNTS)


def test_the_comparison_admin_exists_only_in_the_benchmark_settings() -> None:
    assert not admin.site.is_registered(Case)
