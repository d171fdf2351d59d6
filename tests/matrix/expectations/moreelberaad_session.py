"""Recording a session: every URL answers 404 to beraad roles outside the beraad's scope (including
unassigned project staff) and 403 to roles that do not work with beraden."""

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from tests.matrix.expect import Expect
from tests.matrix.expectations.moreelberaad import beraad_url, foreign
from tests.moreelberaad.factories import (
    BeraadFactory,
    CommitmentFactory,
    PerspectiveFactory,
    ReflectionFactory,
)


def step_url() -> str:
    return reverse("moreelberaad:step_edit", args=[BeraadFactory().pk, "dilemma"])


def child_url(name: str, factory: Callable[[], Any]) -> Callable[[], str]:
    def path() -> str:
        child = factory()
        return reverse(name, args=[child.beraad_id, child.pk])

    return path


EXPECTATIONS: dict[str, Expect] = {
    "moreelberaad:step_edit": foreign(step_url),
    "moreelberaad:perspective_add": foreign(beraad_url("moreelberaad:perspective_add")),
    "moreelberaad:perspective_edit": foreign(child_url("moreelberaad:perspective_edit", PerspectiveFactory)),
    "moreelberaad:perspective_remove": foreign(
        child_url("moreelberaad:perspective_remove", PerspectiveFactory)
    ),
    "moreelberaad:notes": foreign(beraad_url("moreelberaad:notes")),
    "moreelberaad:mark_held": foreign(beraad_url("moreelberaad:mark_held"), method="POST"),
    "moreelberaad:outcome": foreign(beraad_url("moreelberaad:outcome")),
    "moreelberaad:commitment_add": foreign(beraad_url("moreelberaad:commitment_add"), method="POST"),
    "moreelberaad:commitment_remove": foreign(
        child_url("moreelberaad:commitment_remove", CommitmentFactory), method="POST"
    ),
    "moreelberaad:action_add": foreign(beraad_url("moreelberaad:action_add")),
    "moreelberaad:evaluation": foreign(beraad_url("moreelberaad:evaluation")),
    "moreelberaad:reflection_add": foreign(beraad_url("moreelberaad:reflection_add")),
    "moreelberaad:reflection_remove": foreign(child_url("moreelberaad:reflection_remove", ReflectionFactory)),
    "moreelberaad:reflection_release": foreign(
        child_url("moreelberaad:reflection_release", ReflectionFactory), method="POST"
    ),
    "moreelberaad:outcome_send": foreign(beraad_url("moreelberaad:outcome_send"), method="POST"),
}
