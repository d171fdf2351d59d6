"""A partnership's meeting places: the list and the add form are the coordinator's (403 for every
other role); a place's own URLs answer 404 to anyone outside its partnership, coordinators of
another partnership included."""

from collections.abc import Callable

from django.urls import reverse

from tests.matrix.expect import ENROL, LOGIN, Expect, only
from tests.matrix.expectations.moreelberaad import foreign
from tests.moreelberaad.factories import MeetingPlaceFactory
from wio.accounts.constants import Role


def place_url(name: str) -> Callable[[], str]:
    return lambda: reverse(name, args=[MeetingPlaceFactory().pk])


EXPECTATIONS: dict[str, Expect] = {
    "moreelberaad:meeting_places": Expect(LOGIN, ENROL, roles=only(Role.SWV_COORDINATOR)),
    "moreelberaad:meeting_place_add": Expect(LOGIN, ENROL, roles=only(Role.SWV_COORDINATOR)),
    "moreelberaad:meeting_place_edit": foreign(place_url("moreelberaad:meeting_place_edit")),
    "moreelberaad:meeting_place_active": foreign(
        place_url("moreelberaad:meeting_place_active"), method="POST"
    ),
}
