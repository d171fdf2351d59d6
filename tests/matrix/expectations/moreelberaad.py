"""Beraad URLs: anyone outside a beraad's scope gets 404 on its object URLs — an LPA of another
gemeente, a coordinator of another SWV, unassigned project staff and ministry users alike."""

from collections.abc import Callable

from django.urls import reverse

from tests.cases.factories import CaseFactory
from tests.matrix.expect import ENROL, FORBIDDEN, LOGIN, NOT_FOUND, OK, Expect
from tests.moreelberaad.factories import BeraadFactory, ParticipantFactory
from wio.accounts.constants import Role

BERAAD_ROLES = (Role.LPA, Role.ONDERSTEUNER, Role.SWV_COORDINATOR, Role.PROJECT_STAFF)
OTHER_ROLES = (Role.MINISTRY, Role.PRIVACY_OFFICER, Role.FUNCTIONAL_ADMIN)


def foreign(path: Callable[[], str], method: str = "GET") -> Expect:
    """404 for every role: beraad roles outside the scope and roles without beraden (ministry…) alike."""
    return Expect(
        LOGIN,
        ENROL,
        roles=dict.fromkeys((*BERAAD_ROLES, *OTHER_ROLES), NOT_FOUND),
        path=path,
        method=method,
    )


def beraad_url(name: str) -> Callable[[], str]:
    return lambda: reverse(name, args=[BeraadFactory().pk])


def participant_url(name: str) -> Callable[[], str]:
    def path() -> str:
        participant = ParticipantFactory()
        return reverse(name, args=[participant.beraad_id, participant.pk])

    return path


EXPECTATIONS: dict[str, Expect] = {
    "moreelberaad:list": Expect(
        LOGIN, ENROL, roles={**dict.fromkeys(BERAAD_ROLES, OK), **dict.fromkeys(OTHER_ROLES, FORBIDDEN)}
    ),
    "moreelberaad:plan": foreign(lambda: reverse("moreelberaad:plan", args=[CaseFactory().pk])),
    "moreelberaad:detail": foreign(beraad_url("moreelberaad:detail")),
    "moreelberaad:edit": foreign(beraad_url("moreelberaad:edit")),
    "moreelberaad:waiver": foreign(beraad_url("moreelberaad:waiver")),
    "moreelberaad:parents_approve": foreign(beraad_url("moreelberaad:parents_approve"), method="POST"),
    "moreelberaad:participant_add": foreign(beraad_url("moreelberaad:participant_add")),
    "moreelberaad:participant_edit": foreign(participant_url("moreelberaad:participant_edit")),
    "moreelberaad:participant_remove": foreign(participant_url("moreelberaad:participant_remove")),
}
