"""Consent as the sharing apps read it (A11): only given, not withdrawn, and only with those named."""

from datetime import date

import pytest

from cases import selectors
from cases.constants import ConsentScope, InvolvedRole
from tests.cases.factories import CaseFactory, ConsentFactory, InvolvedFactory

pytestmark = pytest.mark.django_db


def test_only_given_and_not_withdrawn_consents_of_the_scope_are_active() -> None:
    case = CaseFactory()
    sharing = ConsentFactory(case=case)
    ConsentFactory(case=case, withdrawn_on=date(2024, 1, 1))
    story = ConsentFactory(case=case, scope=ConsentScope.ANONYMISED_STORY)
    ConsentFactory(scope=ConsentScope.SHARE_WITH_BERAAD)  # another case

    assert list(selectors.active_consents(case, ConsentScope.SHARE_WITH_BERAAD)) == [sharing]
    assert list(selectors.active_consents(case, ConsentScope.ANONYMISED_STORY)) == [story]


def test_the_case_may_be_shared_only_with_people_named_in_an_active_sharing_consent() -> None:
    # Given a mother naming a teacher and an uncle, a father naming the teacher, and a withdrawn consent
    case = CaseFactory()
    teacher, uncle, doctor, neighbour = (
        InvolvedFactory(case=case, role=role)
        for role in (
            InvolvedRole.SCHOOL,
            InvolvedRole.RELEVANTE_ANDER,
            InvolvedRole.ZORGPARTNER,
            InvolvedRole.RELEVANTE_ANDER,
        )
    )
    ConsentFactory(case=case).shared_with.set([teacher, uncle])
    ConsentFactory(case=case).shared_with.set([teacher])
    ConsentFactory(case=case, withdrawn_on=date(2024, 1, 1)).shared_with.set([doctor])
    ConsentFactory(case=case, scope=ConsentScope.ANONYMISED_STORY).shared_with.set([neighbour])

    # Then the teacher (once) and the uncle are the people the case may be shared with
    people = list(selectors.people_case_may_be_shared_with(case))
    assert sorted(person.pk for person in people) == sorted([teacher.pk, uncle.pk])
    assert [selectors.may_share_with(case, person) for person in (teacher, uncle, doctor, neighbour)] == [
        True,
        True,
        False,
        False,
    ]


def test_a_story_may_be_used_only_with_an_active_story_consent() -> None:
    without, withdrawn, given = CaseFactory(), CaseFactory(), CaseFactory()
    ConsentFactory(case=without)
    ConsentFactory(case=withdrawn, scope=ConsentScope.ANONYMISED_STORY, withdrawn_on=date(2024, 2, 1))
    ConsentFactory(case=given, scope=ConsentScope.ANONYMISED_STORY)

    assert [selectors.story_consent_given(case) for case in (without, withdrawn, given)] == [
        False,
        False,
        True,
    ]
