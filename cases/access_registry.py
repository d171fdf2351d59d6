"""What apps above `cases` add to a subject-access overview, without `cases` importing them.

`moreelberaad` (beraden with their participants) and `monitor` (stories) register a contribution from
their AppConfig.ready(), as they register case panels (ADR 0006). A contribution renders its own
models readably; the generic walk of `cases.access_overview` still reaches every model linked to the
case and lists, in its plain form, whatever no contribution claims. Nothing can be left out.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from .models import Case


@dataclass
class DataRow:
    title: str
    fields: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class DataSection:
    key: str  # the model label ("cases.consent"), or a contribution's own name
    title: str
    rows: list[DataRow] = field(default_factory=list)


@dataclass(frozen=True)
class AccessContext:
    """What every contribution needs to know: the case, and whether employees are named (C-579/21)."""

    case: Case
    name_employees: bool


Collect = Callable[[AccessContext], list[DataSection]]


@dataclass(frozen=True)
class AccessContribution:
    name: str
    covers: frozenset[str]  # model labels this contribution lists itself
    collect: Collect


_CONTRIBUTIONS: dict[str, AccessContribution] = {}


def register_access_contribution(name: str, covers: set[str] | frozenset[str], collect: Collect) -> None:
    _CONTRIBUTIONS.setdefault(name, AccessContribution(name, frozenset(covers), collect))


def access_contributions() -> list[AccessContribution]:
    return list(_CONTRIBUTIONS.values())
