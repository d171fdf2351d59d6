"""The demo gives every partnership two meeting places and holds its beraden there (issue 10 item 6)."""

from collections import Counter

import pytest

from cases.constants import Status
from cases.identity_check import meeting_place_findings
from moreelberaad import demo
from moreelberaad.models import Beraad, MeetingPlace
from tests.cases.factories import CaseFactory
from tests.factories import OrganisationFactory
from wio.accounts.constants import OrganisationKind
from wio.accounts.models import Organisation

pytestmark = pytest.mark.django_db


def test_every_demo_partnership_has_two_meeting_places_and_its_beraden_use_them() -> None:
    # given two partnerships, one with cases at the beraad stage, each in a region with a town
    busy, quiet = OrganisationFactory(swv=True), OrganisationFactory(swv=True)
    OrganisationFactory(name="Gemeente Emmen", region=busy.region)
    for status in (Status.BERAAD_GEPLAND, Status.BERAAD_GEHOUDEN, Status.VERVOLG):
        CaseFactory(swv=busy, status=status)
    # when the demo beraden are seeded
    demo.seed()
    # then every partnership has two places, and each beraad is held at one of its own
    per_swv = Counter(MeetingPlace.objects.values_list("swv_id", flat=True))
    swvs = set(Organisation.objects.filter(kind=OrganisationKind.SWV).values_list("pk", flat=True))
    assert {busy.pk, quiet.pk} <= set(per_swv) == swvs
    assert set(per_swv.values()) == {2}
    assert "Stationsplein 1, Emmen" in {p.address for p in MeetingPlace.objects.filter(swv=busy)}
    beraden = list(Beraad.objects.select_related("meeting_place", "case"))
    assert len(beraden) == 3
    for beraad in beraden:
        assert beraad.meeting_place is not None
        assert beraad.meeting_place.swv_id == beraad.case.swv_id
        assert beraad.location == ""
    # and no place trips the check that guards invitations
    for place in MeetingPlace.objects.all():
        assert meeting_place_findings(place.public_text) == [], place
