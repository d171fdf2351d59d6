"""Statistical disclosure control: the one gate every published number passes (NORMS.md §5 SDC-1..4).

Primary suppression hides every count from 1 to k−1 as "<k" (k = settings.WIO_SUPPRESSION_K unless
given). Secondary suppression then hides more entries, marked "x", until no hidden entry can be worked
out from the published totals and the visible entries (see `monitor.statistics.sdc_pattern` for the rules).
`publish_nested` does the same for a table and its roll-up (regions within phases) together, so that
one cannot be subtracted from the other (SDC-4). Percentages go through `publish_percentage` (SDC-3).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from monitor.statistics.sdc_pattern import Grid, Line, Position, hidden_entries
from monitor.statistics.tables import CountTable, PublishedCell, PublishedTable

SECONDARY_MARK = "x"  # CBS convention for a value withheld for confidentiality


def suppression_threshold(k: int | None = None) -> int:
    """The k in use: the argument, else the setting WIO_SUPPRESSION_K."""
    return settings.WIO_SUPPRESSION_K if k is None else k


def suppression_mark(k: int | None = None) -> str:
    return f"<{suppression_threshold(k)}"


def _table_grid(table: CountTable) -> Grid:
    """Cells at (row, column); column totals in row len(rows), row totals in column len(columns)."""
    n_rows, n_cols = len(table.rows), len(table.columns)
    values = {
        (i, j): value for i, (_label, counts) in enumerate(table.rows) for j, value in enumerate(counts)
    }
    if not table.with_totals:
        return Grid(values, ())
    values.update({(n_rows, j): total for j, total in enumerate(table.column_totals())})
    if not table.columns_add_up:
        return Grid(values, tuple(tuple((i, j) for i in range(n_rows + 1)) for j in range(n_cols)))
    values.update({(i, n_cols): total for i, total in enumerate(table.row_totals())})
    values[(n_rows, n_cols)] = sum(table.row_totals())
    rows = tuple(tuple((i, j) for j in range(n_cols + 1)) for i in range(n_rows + 1))
    columns = tuple(tuple((i, j) for i in range(n_rows + 1)) for j in range(n_cols + 1))
    return Grid(values, rows + columns)


@dataclass(frozen=True)
class _Pattern:
    grid: Grid
    k: int
    primary: set[Position]
    hidden: set[Position]


def _pattern(grid: Grid, k: int) -> _Pattern:
    primary, hidden = hidden_entries(grid, k)
    return _Pattern(grid, k, primary, hidden)


def _published(
    table: CountTable,
    pattern: _Pattern,
    first_row: int = 0,
    totals_row: int | None = None,
    totals_column: int | None = None,
) -> PublishedTable:
    """`table` as published, its cells at grid rows first_row…, its margins where given."""
    grid, k, primary, hidden = pattern.grid, pattern.k, pattern.primary, pattern.hidden

    def cell(position: Position) -> PublishedCell:
        if position in primary:
            return PublishedCell(text=f"<{k}", suppressed=True)
        if position in hidden:
            return PublishedCell(text=SECONDARY_MARK, suppressed=True)
        return PublishedCell(text=str(grid.values[position]))

    n_cols = len(table.columns)
    rows = tuple(
        (label, tuple(cell((first_row + i, j)) for j in range(n_cols)))
        for i, (label, _counts) in enumerate(table.rows)
    )
    row_totals = () if totals_column is None else tuple(cell((i, totals_column)) for i in range(len(rows)))
    grand_total = None
    if totals_row is not None and totals_column is not None:
        grand_total = cell((totals_row, totals_column))
    return PublishedTable(
        title=table.title,
        row_header=table.row_header,
        columns=table.columns,
        rows=rows,
        row_totals=row_totals,
        column_totals=() if totals_row is None else tuple(cell((totals_row, j)) for j in range(n_cols)),
        grand_total=grand_total,
        definition=table.definition,
        notes=_notes(primary, hidden, k),
    )


def _notes(primary: set[Position], hidden: set[Position], k: int) -> tuple[str, ...]:
    notes = []
    if primary:
        notes.append(_("Counts from 1 to %(below)s are shown as “<%(k)s”.") % {"below": k - 1, "k": k})
    if hidden - primary:
        notes.append(
            _("“%(mark)s”: not shown, so that the hidden counts cannot be worked out from the totals.")
            % {"mark": SECONDARY_MARK}
        )
    return tuple(notes)


def publish(table: CountTable, k: int | None = None) -> PublishedTable:
    """The only way a count table leaves WIO: small counts and what would give them away are hidden."""
    n_rows, n_cols = len(table.rows), len(table.columns)
    return _published(
        table,
        _pattern(_table_grid(table), suppression_threshold(k)),
        totals_row=n_rows if table.with_totals else None,
        totals_column=n_cols if table.with_totals and table.columns_add_up else None,
    )


def _nested_grid(inner: CountTable, outer: CountTable, parent_of: Sequence[int]) -> Grid:
    """Inner rows at 0…, the shared column totals at row len(inner.rows), outer rows after that."""
    n_inner, n_cols = len(inner.rows), len(inner.columns)
    values = {(i, j): v for i, (_label, counts) in enumerate(inner.rows) for j, v in enumerate(counts)}
    values.update({(n_inner, j): total for j, total in enumerate(inner.column_totals())})
    values.update(
        {
            (n_inner + 1 + p, j): v
            for p, (_label, counts) in enumerate(outer.rows)
            for j, v in enumerate(counts)
        }
    )
    lines: list[Line] = []
    for j in range(n_cols):
        lines.append((*((i, j) for i in range(n_inner)), (n_inner, j)))
        lines.append((*((n_inner + 1 + p, j) for p in range(len(outer.rows))), (n_inner, j)))
        for p in range(len(outer.rows)):
            members = tuple((i, j) for i in range(n_inner) if parent_of[i] == p)
            lines.append((*members, (n_inner + 1 + p, j)))
    return Grid(values, tuple(lines))


def _check_nesting(inner: CountTable, outer: CountTable, parent_of: Sequence[int]) -> None:
    if inner.columns != outer.columns or len(parent_of) != len(inner.rows):
        raise ValueError("Nested tables need the same columns and a parent for every inner row.")
    for p, (_label, counts) in enumerate(outer.rows):
        members = [c for i, (_l, c) in enumerate(inner.rows) if parent_of[i] == p]
        if tuple(sum(c[j] for c in members) for j in range(len(counts))) != counts:
            raise ValueError("Every outer row must be the sum of its inner rows.")


def publish_nested(
    inner: CountTable, outer: CountTable, parent_of: Sequence[int], k: int | None = None
) -> tuple[PublishedTable, PublishedTable]:
    """A table and its roll-up (regions and the phases they belong to), suppressed together so that
    subtracting one from the other gives nothing away (SDC-4). Row `i` of `inner` belongs to row
    `parent_of[i]` of `outer`. Both get the shared column totals; row totals are not published."""
    _check_nesting(inner, outer, parent_of)
    pattern = _pattern(_nested_grid(inner, outer, parent_of), suppression_threshold(k))
    n_inner = len(inner.rows)
    return (
        _published(inner, pattern, totals_row=n_inner),
        _published(outer, pattern, first_row=n_inner + 1, totals_row=n_inner),
    )


def publish_percentage(numerator: int, denominator: int, k: int | None = None) -> str:
    """A share such as "43 %", or "" where it would give away a small group (SDC-3).

    Hidden when the denominator is below k, and also when the numerator or its complement is a count
    from 1 to k−1: with the denominator published, the share would give that suppressed count away.
    Never rounds to "0 %" or "100 %" unless it really is none or all.
    """
    k = suppression_threshold(k)
    rest = denominator - numerator
    if denominator < k or 0 < numerator < k or 0 < rest < k:
        return ""
    share = int((Decimal(100 * numerator) / Decimal(denominator)).quantize(Decimal(1), ROUND_HALF_UP))
    if numerator and rest:
        share = min(max(share, 1), 99)
    return f"{share} %"
