"""The story-consent rule exists as SQL (for querysets) and in Python (for the consents the dossier
has read): for every history of given and withdrawn consents of a case, both give the same answer."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases.constants import ConsentGiver, ConsentScope
from cases.models import Consent
from cases.selectors_consent import consent_in_force_among, story_consent_in_force
from tests.cases.factories import CaseFactory, InvolvedFactory

pytestmark = pytest.mark.django_db

# (person 0-2, scope, withdrawn), in the order the consents were recorded.
HISTORY = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=2),
        st.sampled_from([ConsentScope.ANONYMISED_STORY, ConsentScope.SHARE_WITH_BERAAD]),
        st.booleans(),
    ),
    max_size=6,
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=80, deadline=None)
@given(history=HISTORY)
def test_the_python_rule_answers_as_the_sql_rule_for_every_history(
    history: list[tuple[int, str, bool]],
) -> None:
    case = CaseFactory()
    people = InvolvedFactory.create_batch(3, case=case)
    for person, scope, withdrawn in history:
        Consent.objects.create(
            case=case,
            person=people[person],
            scope=scope,
            given_by=ConsentGiver.GEZAG,
            withdrawn_on=date(2026, 3, 1) if withdrawn else None,
        )

    in_python = consent_in_force_among(case.consents.all(), ConsentScope.ANONYMISED_STORY)

    assert in_python == story_consent_in_force(case), history
