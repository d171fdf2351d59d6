"""A withdrawn consent deletes the pack PDFs made while it held (ADR 0016).

A stale PDF was already never served (its sharing fingerprint no longer matches), but it stayed on
the disk with the case information in it. This hook, registered with `cases.consent_hooks`, removes
the PDF and its sidecar of every beraad of the case; the next pack is generated without the data.
"""

from cases.models import Consent
from cases.storage import private_storage
from wio.audit import services as audit
from wio.audit.constants import Action

from ..models import Beraad
from ..pack_files import meta_name, pdf_name
from .common import record

SYSTEM = audit.Actor(user=None, label="system", role="", organisation_id=None, source_ip=None)


def pack_pdfs_discard(*, case_id: int) -> int:
    """Delete the stored packs of the case's beraden; returns how many PDFs were removed."""
    storage = private_storage()
    removed = 0
    for beraad in Beraad.objects.filter(case_id=case_id).select_related("case"):
        names = [name for name in (pdf_name(beraad.pk), meta_name(beraad.pk)) if storage.exists(name)]
        for name in names:
            storage.delete(name)
        if pdf_name(beraad.pk) in names:
            removed += 1
            record(SYSTEM, beraad, Action.DELETE, "beraad.pack_pdf.discard", {"reason": "consent_withdrawn"})
    return removed


def discard_packs_on_withdrawal(consent: Consent) -> None:
    """The consent-withdrawal hook: any withdrawn consent of the case makes its old packs go."""
    pack_pdfs_discard(case_id=consent.case_id)
