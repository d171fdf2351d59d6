"""Invitations, cancellation, answers and the calendar feed.

The feed itself is public by design (a calendar app cannot sign in): its unguessable token is the
key, so anyone — signed in or not — gets 404 for a token that does not exist. A signed-in user
without a second factor is still sent to enrolment first, as everywhere.
"""

import secrets

from django.urls import reverse

from tests.matrix.expect import ENROL, FORBIDDEN, LOGIN, NOT_FOUND, OK, Expect
from tests.matrix.expectations.moreelberaad import (
    BERAAD_ROLES,
    OTHER_ROLES,
    beraad_url,
    foreign,
    participant_url,
)

EXPECTATIONS: dict[str, Expect] = {
    "moreelberaad:invite": foreign(beraad_url("moreelberaad:invite"), method="POST"),
    "moreelberaad:cancel": foreign(beraad_url("moreelberaad:cancel")),
    "moreelberaad:answer": foreign(participant_url("moreelberaad:answer"), method="POST"),
    "moreelberaad:calendar_feed_manage": Expect(
        LOGIN, ENROL, roles={**dict.fromkeys(BERAAD_ROLES, OK), **dict.fromkeys(OTHER_ROLES, FORBIDDEN)}
    ),
    "moreelberaad:calendar_feed": Expect(
        anonymous=NOT_FOUND,
        unenrolled=ENROL,
        every_role=NOT_FOUND,
        path=lambda: reverse("moreelberaad:calendar_feed", args=[secrets.token_urlsafe(32)]),
    ),
}
