"""Issue 14 item 8: the evaluation form asks each goal's question once; its rating and its text box
have their own short labels, tied to the question by the fieldset's legend."""

from collections.abc import Callable
from typing import Any

from django.test import Client

import pytest
from bs4 import BeautifulSoup

from moreelberaad.constants import BeraadStatus
from moreelberaad.models import Beraad, Evaluation
from tests.cases.factories import CaseFactory
from tests.factories import user_with_role
from tests.forms.page_language import visible_text
from tests.moreelberaad.factories import BeraadFactory
from tests.moreelberaad.session_support import EVALUATION, invited_table, url
from wio.accounts.constants import Role
from wio.accounts.models import User

pytestmark = pytest.mark.django_db

QUESTIONS = (
    "Kwaliteit van zorg en onderwijs in de casus",
    "Professionele morele competentie",
    "Leren als organisaties en beleid",
)


@pytest.fixture
def coordinator() -> User:
    """The SWV coordinator records the beraad, its evaluation included (the LPA may not)."""
    return user_with_role(Role.SWV_COORDINATOR)


@pytest.fixture
def held_beraad(coordinator: User) -> Beraad:
    case = CaseFactory(swv=coordinator.memberships.get().organisation)
    beraad = invited_table(BeraadFactory(case=case))
    Beraad.objects.filter(pk=beraad.pk).update(status=BeraadStatus.GEHOUDEN)
    beraad.refresh_from_db()
    return beraad


def _form(client: Client, beraad: Beraad) -> Any:
    response = client.get(url("evaluation", beraad))
    assert response.status_code == 200
    page: Any = BeautifulSoup(response.content.decode(), "html.parser")
    return page.find("main").find("form")


def _label_of(form: Any, field: Any) -> str:
    return " ".join(form.find("label", attrs={"for": field["id"]}).get_text().split())


def test_each_question_is_asked_once_and_its_fields_have_their_own_labels(
    signed_in: Callable[[User], Client], coordinator: User, held_beraad: Beraad
) -> None:
    form = _form(signed_in(coordinator), held_beraad)

    text = visible_text(str(form))
    assert [text.count(question) for question in QUESTIONS] == [1, 1, 1]
    fieldsets = form.find_all("fieldset")
    assert [fieldset.legend.get_text(strip=True) for fieldset in fieldsets] == list(QUESTIONS)
    for fieldset in fieldsets:
        rating, explanation = fieldset.find("select"), fieldset.find("textarea")
        labels = [_label_of(form, rating), _label_of(form, explanation)]
        assert labels == ["Waardering (1–5)", "Toelichting"]
        assert not any(fieldset.legend.get_text(strip=True) in label for label in labels)
        help_text = form.find(id=rating["aria-describedby"].split()[0])
        assert "1 = helemaal niet, 5 = volledig." in help_text.get_text()


def test_the_evaluation_sent_from_the_grouped_form_is_saved(
    signed_in: Callable[[User], Client], coordinator: User, held_beraad: Beraad
) -> None:
    client = signed_in(coordinator)

    response = client.post(url("evaluation", held_beraad), EVALUATION)

    assert response.status_code == 302
    evaluation = Evaluation.objects.get(beraad=held_beraad)
    assert (evaluation.case_quality_rating, evaluation.case_quality) == (4, "Er is een plan")
