"""What apps above `cases` destroy of a case, without `cases` importing them (ADR 0014).

A case file reaches into `moreelberaad` (beraden, their pack PDFs) and `monitor` (stories). Those
apps register a destroyer from their AppConfig.ready(), as they register their case panels
(ADR 0006); `cases.services.destruction` runs every destroyer before it deletes the case itself.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from .models import Case


@dataclass
class Destruction:
    """One case being destroyed: destroyers delete its rows and add what they did here."""

    case: Case
    # Names on the private storage; removed only once the deleting transaction has committed.
    files: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)

    def deleted(self, per_model: dict[str, int]) -> None:
        self.counts.update({label: count for label, count in per_model.items() if count})


CaseDestroyer = Callable[[Destruction], None]

_DESTROYERS: dict[str, CaseDestroyer] = {}


def register_case_destroyer(name: str, destroyer: CaseDestroyer) -> None:
    _DESTROYERS.setdefault(name, destroyer)


def case_destroyers() -> list[CaseDestroyer]:
    return list(_DESTROYERS.values())
