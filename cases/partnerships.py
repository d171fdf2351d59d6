"""Which partnerships (SWVs) serve a municipality, and so may hold its cases.

The SWVs of the municipality's region serve it (both sectors: a case has no sector of its own), and
so does every SWV the functional administrator paired with it on the exception list, for a
municipality that belongs to an SWV in another region (DOMAIN.md §7: Castricum and Uitgeest).
A case's SWV decides whose coordinator sees the whole dossier, so the case form, the case services
and the CSV import all ask this module.
"""

from collections.abc import Collection

from django.db.models import Q, QuerySet

from wio.accounts.constants import OrganisationKind
from wio.accounts.models import Organisation, PartnershipException


def swvs_serving(gemeente_ids: Collection[int]) -> QuerySet[Organisation]:
    """The SWVs that serve at least one of these municipalities."""
    regions = Organisation.objects.filter(
        pk__in=gemeente_ids, kind=OrganisationKind.GEMEENTE, region__isnull=False
    ).values("region_id")
    exceptions = PartnershipException.objects.filter(gemeente_id__in=gemeente_ids).values("swv_id")
    return Organisation.objects.filter(kind=OrganisationKind.SWV).filter(
        Q(region_id__in=regions) | Q(pk__in=exceptions)
    )


def swv_serves(*, swv_id: int | None, gemeente_id: int | None) -> bool:
    if swv_id is None or gemeente_id is None:
        return False
    return swvs_serving([gemeente_id]).filter(pk=swv_id).exists()
