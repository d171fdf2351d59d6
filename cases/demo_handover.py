"""Demo: one case of the demo LPA's municipality offered to a neighbouring one (a youth moved).

So the demo shows the read-only banner, "Over te nemen" and the withdrawal page (ADR 0015). A case
early in the pipeline is chosen: the Moreel Beraad demo, seeded after this, plans no beraad for it.
"""

from wio.accounts.constants import OrganisationKind
from wio.accounts.models import Organisation, User

from .constants import HandoverStatus, Status
from .models import Case, CaseHandover

# Before any beraad: the Moreel Beraad demo plans beraden only for cases further along.
EARLY_STATUSES = (Status.IN_BEELD, Status.VOORGESTELD, Status.OUDERGESPREK, Status.EXPERTISE_VERZAMELD)


def seed_pending_handover(*, home_gemeente_code: str, requester_email: str) -> int:
    """Offer the last early case of the home municipality to another one of its region; 0 or 1."""
    home = Organisation.objects.filter(kind=OrganisationKind.GEMEENTE, code=home_gemeente_code).first()
    requester = User.objects.filter(email=requester_email).first()
    if home is None or home.region_id is None or requester is None or CaseHandover.objects.exists():
        return 0
    neighbour = (
        Organisation.objects.filter(kind=OrganisationKind.GEMEENTE, region_id=home.region_id)
        .exclude(pk=home.pk)
        .order_by("name")
        .first()
    )
    # The last one: tests and the crawl that take "the first case of the demo LPA" keep an editable one.
    case = Case.objects.filter(gemeente=home, status__in=EARLY_STATUSES).order_by("-id").first()
    if neighbour is None or case is None:
        return 0
    CaseHandover.objects.create(
        case=case,
        from_gemeente=home,
        to_gemeente=neighbour,
        requested_by=requester,
        status=HandoverStatus.PENDING,
    )
    return 1
