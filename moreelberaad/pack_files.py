"""Where the generated pack PDF lives, and whether the stored one may still be served.

No model: the PDF and a small JSON sidecar (checksum, sharing fingerprint, generation time) live on
the private storage under a name derived from the beraad, so regenerating replaces them. The
storage is shared by web and worker (DESIGN.md §5). Whether the PDF is being made, or could not be
made, is read from its outbox job (ADR 0013); whether a file may be served from the sidecar alone.
"""

import enum
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from django.core.files.storage import Storage

from cases.storage import private_storage
from wio.outbox.selectors import progress_of

from .models import Beraad
from .pack import sharing_fingerprint
from .tasks_pack import PACK_TOPIC


class PdfState(enum.StrEnum):
    NONE = "none"  # never generated
    PENDING = "pending"  # requested, the worker has not finished yet
    FAILED = "failed"  # the last request failed, or its worker stopped making progress
    READY = "ready"  # generated, and nothing it depends on changed since
    STALE = "stale"  # generated, but consent, participants or the beraad changed since


@dataclass(frozen=True)
class PdfMeta:
    sha256: str
    fingerprint: str
    generated_at: datetime
    shares_case_information: bool

    def to_json(self) -> bytes:
        return json.dumps(
            {
                "sha256": self.sha256,
                "fingerprint": self.fingerprint,
                "generated_at": self.generated_at.isoformat(),
                "shares_case_information": self.shares_case_information,
            }
        ).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> "PdfMeta":
        data = json.loads(raw)
        return cls(
            sha256=data["sha256"],
            fingerprint=data["fingerprint"],
            generated_at=datetime.fromisoformat(data["generated_at"]),
            shares_case_information=bool(data["shares_case_information"]),
        )


def pdf_name(beraad_id: int) -> str:
    return f"beraden/{beraad_id}/voorbereidingspakket.pdf"


def meta_name(beraad_id: int) -> str:
    return f"beraden/{beraad_id}/voorbereidingspakket.json"


def read_meta(beraad_id: int, storage: Storage | None = None) -> PdfMeta | None:
    storage = storage or private_storage()
    name = meta_name(beraad_id)
    if not storage.exists(name):
        return None
    try:
        with storage.open(name, "rb") as handle:
            return PdfMeta.from_json(handle.read())
    except (OSError, ValueError, KeyError):
        return None  # half-written or damaged: treat as absent, the user generates it again


def pdf_state(beraad: Beraad) -> tuple[PdfState, PdfMeta | None]:
    meta = read_meta(beraad.pk)
    job = progress_of(PACK_TOPIC, beraad.pk)
    if job.failed or job.stalled:
        return PdfState.FAILED, meta
    if job.active:
        return PdfState.PENDING, meta
    if meta is None:
        return PdfState.NONE, None
    if meta.fingerprint != sharing_fingerprint(beraad):
        return PdfState.STALE, meta
    return PdfState.READY, meta


def servable_pdf(beraad: Beraad) -> tuple[bytes, PdfMeta] | None:
    """The stored PDF, only if its sidecar still matches the live consent and participants, and the
    file is the one the sidecar describes (a regeneration may be replacing it right now)."""
    meta = read_meta(beraad.pk)
    if meta is None or meta.fingerprint != sharing_fingerprint(beraad):
        return None
    storage = private_storage()
    try:
        with storage.open(pdf_name(beraad.pk), "rb") as handle:
            content = handle.read()
    except OSError:
        return None
    if hashlib.sha256(content).hexdigest() != meta.sha256:
        return None
    return content, meta
