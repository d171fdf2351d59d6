"""Data and helpers shared by the session tests (recording, outcome, evaluation)."""

from typing import Any

from django.urls import reverse

from moreelberaad.constants import BeraadStatus
from moreelberaad.models import Beraad
from tests.moreelberaad.factories import ready_table

DILEMMA = {
    "option_a": "De jongen gaat volgende week naar school",
    "burden_a": "Hij voelt zich gedwongen;\nhet vertrouwen in de school is weg.",
    "option_b": "Eerst een zorgboerderij",
    "burden_b": "Hij loopt verder achter met leren.",
}

EVALUATION = {
    "case_quality_rating": "4",
    "case_quality": "Er is een plan",
    "moral_competence_rating": "3",
    "moral_competence": "",
    "organisational_learning_rating": "2",
    "organisational_learning": "",
    "version": "0",
}


def url(name: str, beraad: Beraad, *args: Any) -> str:
    return reverse(f"moreelberaad:{name}", args=[beraad.pk, *args])


def invited_table(beraad: Beraad) -> Beraad:
    """A complete table, approved by the parents and invited: the session may be marked held (issue 14)."""
    ready_table(beraad)
    Beraad.objects.filter(pk=beraad.pk).update(status=BeraadStatus.UITGENODIGD)
    beraad.refresh_from_db()
    return beraad
