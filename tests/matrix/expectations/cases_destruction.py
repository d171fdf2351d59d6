"""Destruction lists: the functional administrators and privacy officers, platform-wide (ADR 0014);
every other role gets 403, with or without youth data."""

from django.urls import reverse
from django.utils import timezone

from cases.models import DestructionList
from tests.factories import OrganisationFactory
from tests.matrix.expect import ENROL, LOGIN, Expect, only
from wio.accounts.constants import Role

REVIEWERS = only(Role.FUNCTIONAL_ADMIN, Role.PRIVACY_OFFICER)


def _list_url() -> str:
    destruction_list = DestructionList.objects.create(
        gemeente=OrganisationFactory(), due_on=timezone.localdate()
    )
    return reverse("cases:destruction_list_detail", args=[destruction_list.pk])


EXPECTATIONS: dict[str, Expect] = {
    "cases:destruction_list_index": Expect(LOGIN, ENROL, roles=REVIEWERS),
    "cases:destruction_list_detail": Expect(LOGIN, ENROL, roles=REVIEWERS, path=_list_url),
}
