"""Attachment URLs: an attachment of a case outside the user's municipality or partnership is 404 for
case workers; roles that do not work with cases get 403 (no case data for them)."""

from collections.abc import Callable

from django.urls import reverse

from tests.cases.factories import AttachmentFactory, CaseFactory
from tests.matrix.expect import ENROL, FORBIDDEN, LOGIN, NOT_FOUND, Expect
from wio.accounts.constants import Role

CASE_WORKERS = (Role.LPA, Role.ONDERSTEUNER, Role.SWV_COORDINATOR)


def _foreign(path: Callable[[], str]) -> Expect:
    return Expect(LOGIN, ENROL, roles=dict.fromkeys(CASE_WORKERS, NOT_FOUND), every_role=FORBIDDEN, path=path)


def _add_url() -> str:
    return reverse("cases:attachment_add", args=[CaseFactory().pk])


def _attachment_url(name: str) -> Callable[[], str]:
    def path() -> str:
        attachment = AttachmentFactory()
        return reverse(name, args=[attachment.case_id, attachment.pk])

    return path


EXPECTATIONS: dict[str, Expect] = {
    "cases:attachment_add": _foreign(_add_url),
    "cases:attachment_download": _foreign(_attachment_url("cases:attachment_download")),
    "cases:attachment_delete": _foreign(_attachment_url("cases:attachment_delete")),
}
