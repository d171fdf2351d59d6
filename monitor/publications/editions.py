"""Reading what was published: stored editions drawn as `PublishedTable`s (ADR 0017).

Nothing here counts anything: a reporting date's tables come from its stored `Publication`, so a page,
an export and a report of the same edition show the same cells, whenever they are asked for.
"""

from datetime import datetime
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext as _

from monitor.models import Publication
from monitor.publications.cells import NATIONAL
from monitor.statistics.sdc import publish_percentage
from monitor.statistics.tables import PublishedCell, PublishedTable

WITHHELD_MARK = "x"  # one mark for every withheld cell, whatever its value (CBS: "geheim")


def withheld_note(k: int) -> str:
    return _(
        "“%(mark)s”: not published. Counts from 1 to %(below)s are never published, and other cells are "
        "withheld as well so that none of them can be worked out; “%(mark)s” can stand for any number, "
        "also 0."
    ) % {"mark": WITHHELD_MARK, "below": k - 1}


def _cell(shown: dict[str, int | None], cell_id: str) -> PublishedCell:
    value = shown[cell_id]
    return PublishedCell(text=WITHHELD_MARK, suppressed=True) if value is None else PublishedCell(str(value))


def _table(layout: dict[str, Any], shown: dict[str, int | None], k: int) -> PublishedTable:
    rows = tuple((label, tuple(_cell(shown, c) for c in ids)) for label, ids in layout["rows"])
    used = [c for _label, ids in layout["rows"] for c in ids]
    used += [*layout["row_totals"], *layout["column_totals"], *filter(None, [layout["grand_total"]])]
    grand = layout["grand_total"]
    return PublishedTable(
        title=layout["title"],
        row_header=layout["row_header"],
        columns=tuple(layout["columns"]),
        rows=rows,
        row_totals=tuple(_cell(shown, c) for c in layout["row_totals"]),
        column_totals=tuple(_cell(shown, c) for c in layout["column_totals"]),
        grand_total=None if grand is None else _cell(shown, grand),
        definition=layout["definition"],
        notes=(withheld_note(k),) if any(shown[c] is None for c in used) else (),
    )


def latest_edition(reporting_date: Any) -> Publication | None:
    newest = (
        Publication.objects.filter(reporting_date=reporting_date)
        .order_by("-edition")
        .values_list("pk", "created_at")
        .first()
    )
    return None if newest is None else _edition(*newest)


@lru_cache(maxsize=8)
def _edition(pk: int, created_at: datetime) -> Publication:
    """An edition is never changed once written (a correction is a new edition), so each process keeps
    the few it read last: decoding their ~300 KB of JSON took 15 ms of every dashboard view. The key
    holds the creation time too, so a test database that reuses an id never gets another's edition."""
    return Publication.objects.get(pk=pk, created_at=created_at)


def tables_for(publication: Publication, audience: str | int = NATIONAL) -> dict[str, PublishedTable]:
    """The tables as published for the nation (dashboard, exports, national report) or one region."""
    layouts = publication.tables.get(str(audience), [])
    return {
        layout["slug"]: _table(layout, publication.shown, publication.suppression_k) for layout in layouts
    }


def share_for(publication: Publication, audience: str | int = NATIONAL) -> str:
    """The share with a suitable offer within twelve weeks, from the published cells only."""
    table = tables_for(publication, audience).get("passend-aanbod")
    if table is None:
        return ""
    cells = table.column_totals if str(audience) == NATIONAL else (table.rows[0][1] if table.rows else ())
    if len(cells) != 2 or any(cell.value is None for cell in cells):
        return ""
    return publish_percentage(cells[0].value or 0, cells[1].value or 0, k=publication.suppression_k)
