"""Publishing the counts of a reporting date, once, and correcting them as a new edition (ADR 0017).

`publication_for` returns what was published for a reporting date, publishing it the first time it is
asked for. `publish_correction` publishes a new, labelled edition that replaces the latest one. Either
way the suppression pattern is computed jointly over every table of that date (the nation, the phases,
every region's report) and against the neighbouring reporting dates and the edition it replaces, so
no withheld cell can be worked out by combining them (`monitor.statistics.joint_suppression`).
"""

import math
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation

from monitor.models import Publication
from monitor.publications.cells import PublicationCells, publication_cells
from monitor.publications.editions import latest_edition
from monitor.publications.reporting_dates import is_reporting_date
from monitor.statistics.joint_suppression import CellId, Constraint, protect
from monitor.statistics.sdc import suppression_threshold
from wio.audit import services as audit
from wio.audit.constants import Action, Purpose


class NotAReportingDate(ValueError):
    """Counts are published only for the reporting dates (the end of each month or quarter)."""


def _constraints_json(constraints: list[Constraint]) -> list[list[object]]:
    """JSON has no infinity: an open bound is stored as null."""
    return [[[list(term) for term in c.terms], _finite(c.lower), _finite(c.upper)] for c in constraints]


def _finite(bound: float) -> float | None:
    return None if math.isinf(bound) else bound


def _bound(stored: object, open_end: float) -> float:
    return open_end if stored is None else float(stored)  # type: ignore[arg-type]


def _constraints_from(stored: list[list[object]], prefix: str) -> list[Constraint]:
    rebuilt = []
    for terms, lower, upper in stored:
        renamed = tuple((f"{prefix}{cell}", int(k)) for cell, k in terms)  # type: ignore[attr-defined]
        rebuilt.append(Constraint(renamed, _bound(lower, -math.inf), _bound(upper, math.inf)))
    return rebuilt


def _neighbours(reporting_date: date, replaced: Publication | None) -> list[tuple[str, Publication]]:
    """The publications a reader can hold next to this one: the edition it replaces and the latest
    editions of the nearest earlier and later reporting dates."""
    latest = Publication.objects.order_by("reporting_date", "-edition")
    earlier = latest.filter(reporting_date__lt=reporting_date).order_by("-reporting_date", "-edition").first()
    later = latest.filter(reporting_date__gt=reporting_date).first()
    found = [("edition:", replaced), ("earlier:", earlier), ("later:", later)]
    return [(prefix, publication) for prefix, publication in found if publication is not None]


def _links(prefix: str, other: Publication, values: dict[CellId, int]) -> list[Constraint]:
    """What a reader may assume between two reporting dates, kept only where it is true: counts that
    grew (cumulative counts). Between editions nothing is assumed about the size of a correction;
    a new edition withholds at least what the one it replaces withheld."""
    links = []
    for cell, value in values.items():
        before = other.values.get(cell)
        if before is None:
            continue
        theirs = f"{prefix}{cell}"
        if prefix == "earlier:" and before <= value:
            links.append(Constraint.at_most(theirs, cell))
        elif prefix == "later:" and value <= before:
            links.append(Constraint.at_most(cell, theirs))
    return links


def _withheld(
    cells: PublicationCells, reporting_date: date, replaced: Publication | None, k: int
) -> set[CellId]:
    constraints = list(cells.constraints)
    earlier: dict[CellId, int | None] = {}
    for prefix, other in _neighbours(reporting_date, replaced):
        constraints += _constraints_from(other.constraints, prefix) + _links(prefix, other, cells.values)
        earlier |= {f"{prefix}{cell}": value for cell, value in other.shown.items()}
    start = {c for c, v in replaced.shown.items() if v is None} if replaced else set()
    return protect(cells.values, tuple(constraints), k, earlier, start)


def _publish(
    reporting_date: date, actor: audit.Actor | None, replaced: Publication | None, reason: str
) -> Publication:
    k = suppression_threshold()
    with translation.override(settings.LANGUAGE_CODE):
        cells = publication_cells(reporting_date)
    withheld = _withheld(cells, reporting_date, replaced, k)
    publication = Publication.objects.create(
        reporting_date=reporting_date,
        edition=replaced.edition + 1 if replaced else 1,
        reason=reason,
        replaces=replaced,
        suppression_k=k,
        tables={audience: [t.as_json() for t in layouts] for audience, layouts in cells.tables.items()},
        shown={cell: (None if cell in withheld else value) for cell, value in cells.values.items()},
        values=cells.values,
        constraints=_constraints_json(cells.constraints),
        created_by=actor.user if actor else None,
    )
    if actor is not None:
        audit.record_change(
            actor=actor,
            obj=publication,
            action=Action.CREATE,
            event_type="monitor.publication",
            purpose=Purpose.MONITORING,
            detail={"reporting_date": reporting_date.isoformat(), "edition": publication.edition},
        )
    return publication


def publication_for(reporting_date: date, actor: audit.Actor | None = None) -> Publication:
    """The latest edition for a reporting date, published now if it is the first time it is asked."""
    if not is_reporting_date(reporting_date):
        raise NotAReportingDate(reporting_date)
    existing = latest_edition(reporting_date)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return _publish(reporting_date, actor, None, "")
    except IntegrityError:  # published by a concurrent request a moment ago
        published = latest_edition(reporting_date)
        if published is None:
            raise
        return published


@transaction.atomic
def publish_correction(*, reporting_date: date, reason: str, actor: audit.Actor) -> Publication:
    """A new edition for an already published date, naming the edition it replaces and why."""
    if not reason.strip():
        raise ValueError("a correction needs a reason")
    replaced = (
        Publication.objects.select_for_update()
        .filter(reporting_date=reporting_date)
        .order_by("-edition")
        .first()
    )
    if replaced is None:
        raise NotAReportingDate(reporting_date)
    return _publish(reporting_date, actor, replaced, reason.strip())
