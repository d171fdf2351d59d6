"""The escalation clock (A18) with the passend-aanbod rule (A19), and the list filters built on it."""

from datetime import date, datetime, timedelta
from itertools import product
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cases import selectors
from cases.constants import MILESTONE_WARNING_DAYS, Milestone, MilestoneState
from cases.models import Case
from cases.selectors import CaseFilter, EscalationFilter
from tests.cases.core_support import member_of
from tests.cases.factories import CaseFactory
from tests.factories import OrganisationFactory
from wio.accounts.constants import Role
from wio.accounts.models import User

pytestmark = pytest.mark.django_db

START = date(2022, 1, 3)
PASSEND_OFFER: dict[str, Any] = {
    "offer_description": "Twee dagen zorgboerderij, drie dagen school",
    "offer_durable": True,
    "offer_agreed_by_parents": True,
    "offer_agreed_by_youth": True,
    "offer_agreed_by_professionals": True,
}
AGREEMENT_FLAGS = [
    "offer_durable",
    "offer_agreed_by_parents",
    "offer_agreed_by_youth",
    "offer_agreed_by_professionals",
]
FILTERS = [
    EscalationFilter.OVERDUE,
    EscalationFilter.DUE_SOON,
    EscalationFilter.ON_TRACK,
    EscalationFilter.DONE,
]


def _states(case: Case, today: date) -> dict[str, str]:
    return {view.milestone: view.state for view in selectors.escalation_clock(case, today)}


# --- the clock (A18) --------------------------------------------------------------------------------


def test_the_milestones_fall_4_8_and_12_weeks_after_the_start() -> None:
    case = CaseFactory.build(escalation_start_on=START)

    clock = selectors.escalation_clock(case, today=START)

    assert [(view.milestone, view.due_on) for view in clock] == [
        (Milestone.CASUSREGIE, date(2022, 1, 31)),
        (Milestone.DOORBRAAKTEAM, date(2022, 2, 28)),
        (Milestone.PASSEND_AANBOD, date(2022, 3, 28)),
    ]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2022, 1, 31), [MilestoneState.DUE, MilestoneState.DUE, MilestoneState.DUE]),
        (date(2022, 2, 1), [MilestoneState.OVERDUE, MilestoneState.DUE, MilestoneState.DUE]),
        (date(2022, 3, 1), [MilestoneState.OVERDUE, MilestoneState.OVERDUE, MilestoneState.DUE]),
        (date(2022, 3, 29), [MilestoneState.OVERDUE, MilestoneState.OVERDUE, MilestoneState.OVERDUE]),
    ],
)
def test_an_open_milestone_is_due_up_to_its_date_and_overdue_after(today: date, expected: list[str]) -> None:
    case = CaseFactory.build(escalation_start_on=START)

    assert [view.state for view in selectors.escalation_clock(case, today)] == expected


def test_done_milestones_show_their_date_even_when_done_late() -> None:
    case = CaseFactory.build(
        escalation_start_on=START,
        casusregie_on=date(2022, 1, 20),
        doorbraakteam_checked_on=date(2022, 3, 15),
        offer_agreed_on=date(2022, 4, 20),
        **PASSEND_OFFER,
    )

    clock = selectors.escalation_clock(case, today=date(2022, 5, 1))

    assert [(view.state, view.done_on) for view in clock] == [
        (MilestoneState.DONE, date(2022, 1, 20)),
        (MilestoneState.DONE, date(2022, 3, 15)),
        (MilestoneState.DONE, date(2022, 4, 20)),
    ]


@time_machine.travel(datetime(2024, 6, 10, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False)
def test_a_case_registered_today_starts_its_clock_today() -> None:
    case = CaseFactory()

    clock = selectors.escalation_clock(case, date(2024, 6, 10))

    assert [view.due_on for view in clock] == [date(2024, 7, 8), date(2024, 8, 5), date(2024, 9, 2)]


# --- passend aanbod (A19) ---------------------------------------------------------------------------


@pytest.mark.parametrize("missing", ["offer_description", *AGREEMENT_FLAGS])
def test_the_offer_is_not_passend_while_anything_is_missing(missing: str) -> None:
    # Given an offer with an agreement date but one condition missing, e.g. the youth's agreement
    incomplete = {**PASSEND_OFFER, missing: PASSEND_OFFER[missing].__class__()}
    case = CaseFactory.build(escalation_start_on=START, offer_agreed_on=date(2022, 3, 1), **incomplete)

    # Then it is not passend, and the clock does not count the milestone as done
    clock = selectors.escalation_clock(case, today=date(2022, 3, 2))
    assert not case.offer_is_passend
    assert (clock[2].state, clock[2].done_on) == (MilestoneState.DUE, None)


def test_the_offer_becomes_passend_when_the_youth_agrees_too() -> None:
    case = CaseFactory.build(
        escalation_start_on=START,
        offer_agreed_on=date(2022, 3, 1),
        **{**PASSEND_OFFER, "offer_agreed_by_youth": False},
    )
    before = case.offer_is_passend

    case.offer_agreed_by_youth = True

    assert (before, case.offer_is_passend) == (False, True)
    assert selectors.escalation_clock(case, date(2022, 3, 2))[2].state == MilestoneState.DONE


# --- the list filters agree with the clock ----------------------------------------------------------

TODAY = date(2024, 6, 10)
# Days since the escalation start, around every due date and warning window.
AGES = [0, 13, 20, 21, 22, 27, 28, 29, 49, 50, 55, 56, 57, 77, 84, 85, 120]
PROGRESS = ["nothing", "casusregie", "casusregie_and_doorbraakteam", "passend"]


def _progress(stage: str, start: date) -> dict[str, Any]:
    done = {
        "nothing": {},
        "casusregie": {"casusregie_on": start + timedelta(days=10)},
        "casusregie_and_doorbraakteam": {
            "casusregie_on": start + timedelta(days=10),
            "doorbraakteam_checked_on": start + timedelta(days=40),
        },
        "passend": {"offer_agreed_on": start, **PASSEND_OFFER},
    }
    return done[stage]


def _clock_summary(case: Case, today: date) -> str:
    """What the clock says about a case, in the terms of the list filter."""
    clock = selectors.escalation_clock(case, today)
    open_views = [view for view in clock if view.state != MilestoneState.DONE]
    warning = today + timedelta(days=MILESTONE_WARNING_DAYS)
    summaries = [
        (clock[2].state == MilestoneState.DONE, EscalationFilter.DONE),
        (any(view.state == MilestoneState.OVERDUE for view in open_views), EscalationFilter.OVERDUE),
        (any(view.due_on <= warning for view in open_views), EscalationFilter.DUE_SOON),
        (True, EscalationFilter.ON_TRACK),
    ]
    return next(summary for applies, summary in summaries if applies)


@pytest.fixture
def spread() -> tuple[User, list[Case]]:
    """An officer with cases of every age and every stage of progress."""
    home = OrganisationFactory()
    cases = [
        CaseFactory(gemeente=home, escalation_start_on=TODAY - timedelta(days=age), **_progress(stage, TODAY))
        for age, stage in product(AGES, PROGRESS)
    ]
    return member_of(home, Role.LPA), cases


def test_every_filter_state_occurs_in_the_spread(spread: tuple[User, list[Case]]) -> None:
    assert {_clock_summary(case, TODAY) for case in spread[1]} == set(FILTERS)


@pytest.mark.parametrize("state", FILTERS)
def test_the_escalation_filter_agrees_with_the_clock(spread: tuple[User, list[Case]], state: str) -> None:
    officer, cases = spread

    listed = selectors.case_list(officer, CaseFilter(escalation=state), TODAY)

    assert {case.pk for case in listed} == {case.pk for case in cases if _clock_summary(case, TODAY) == state}


def test_the_four_filters_split_the_cases_without_overlap(spread: tuple[User, list[Case]]) -> None:
    ids_per_filter = [
        set(Case.objects.filter(selectors.escalation_q(state, TODAY)).values_list("pk", flat=True))
        for state in FILTERS
    ]

    assert sum(len(ids) for ids in ids_per_filter) == len(spread[1])
    assert set().union(*ids_per_filter) == {case.pk for case in spread[1]}


@pytest.mark.parametrize(
    ("age", "expected"),
    [
        (20, EscalationFilter.ON_TRACK),
        (21, EscalationFilter.DUE_SOON),
        (28, EscalationFilter.DUE_SOON),
        (29, EscalationFilter.OVERDUE),
    ],
)
def test_the_warning_window_is_a_week_before_the_first_milestone(age: int, expected: str) -> None:
    case = CaseFactory(escalation_start_on=TODAY - timedelta(days=age))

    matching = [
        state for state in FILTERS if Case.objects.filter(selectors.escalation_q(state, TODAY), pk=case.pk)
    ]

    assert matching == [expected]


def test_an_agreed_date_without_the_youths_agreement_is_not_done_in_the_filter_either() -> None:
    # Given a case whose offer has a date but lacks the youth's agreement, past its 12-week deadline
    case = CaseFactory(
        escalation_start_on=TODAY - timedelta(weeks=13),
        offer_agreed_on=TODAY - timedelta(days=3),
        **{**PASSEND_OFFER, "offer_agreed_by_youth": False},
    )

    # Then the clock and the list filter both call it overdue
    in_done = Case.objects.filter(selectors.escalation_q(EscalationFilter.DONE, TODAY), pk=case.pk).exists()
    in_overdue = Case.objects.filter(
        selectors.escalation_q(EscalationFilter.OVERDUE, TODAY), pk=case.pk
    ).exists()
    assert _clock_summary(case, TODAY) == EscalationFilter.OVERDUE
    assert (in_done, in_overdue) == (False, True)
