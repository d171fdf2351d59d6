"""Reads of a youth's data are recorded by construction, not by each view remembering to.

The scoped selectors that hand a view a case, a beraad or a story (the only way a view gets one)
note it on the request with `note_shown`. When the response shows content (not a redirect or an
error), `AuditReadMiddleware` records one read per youth that no explicit `record_read` of the same
request already covered. So a page that forgets its audit call still leaves its trace, and a page
that records a more specific read (a list's rows, a detail page) is not counted twice.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Model
from django.http import HttpRequest, HttpResponseBase

SHOWN_ATTRIBUTE = "_wio_audit_shown"
RECORDED_ATTRIBUTE = "_wio_audit_recorded"
# Responses that show a page: success, and forms re-shown with their errors or a conflict.
SHOWING_STATUSES = frozenset({200, 409, 422})


@dataclass(frozen=True)
class Shown:
    obj: Model
    youth_ref: str
    purpose: str


def note_shown(request: HttpRequest, obj: Model, *, purpose: str) -> None:
    """`obj` (with an `audit_youth_ref`) is about to be shown to the requesting user."""
    youth_ref = str(getattr(obj, "audit_youth_ref", "") or "")
    if not youth_ref:
        return
    shown: dict[str, Shown] = request.__dict__.setdefault(SHOWN_ATTRIBUTE, {})
    shown.setdefault(youth_ref, Shown(obj, youth_ref, purpose))


def note_recorded(request: HttpRequest, youth_refs: Iterable[str]) -> None:
    recorded: set[str] = request.__dict__.setdefault(RECORDED_ATTRIBUTE, set())
    recorded.update(ref for ref in youth_refs if ref)


def unrecorded(request: HttpRequest, response: HttpResponseBase) -> list[Shown]:
    """What the response shows that no read event of this request covers yet."""
    if response.status_code not in SHOWING_STATUSES:
        return []
    shown: dict[str, Shown] = request.__dict__.get(SHOWN_ATTRIBUTE, {})
    recorded: set[str] = request.__dict__.get(RECORDED_ATTRIBUTE, set())
    return [item for ref, item in shown.items() if ref not in recorded]
