"""The shape every published number takes: a count table before and after disclosure control.

`CountTable` holds raw counts (never shown to anyone); `statistics.sdc.publish(table, k)` turns it into
a `PublishedTable` whose cells are strings ("12", "<5", "0"). Pages, charts, PDFs and CSV/XLSX exports
render only `PublishedTable`s, so no raw small number can reach an output (SDC-1..5).
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CountTable:
    """Raw counts: `rows` are (row label, one count per column). Totals are computed, not stored."""

    title: str
    row_header: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[int, ...]], ...]
    definition: str = ""
    with_totals: bool = True
    # False when the columns are different measures (parents, youths, ...): then only column totals are
    # published, because a row total across them would mean nothing.
    columns_add_up: bool = True

    def column_totals(self) -> tuple[int, ...]:
        return tuple(sum(values[i] for _label, values in self.rows) for i in range(len(self.columns)))

    def row_totals(self) -> tuple[int, ...]:
        return tuple(sum(values) for _label, values in self.rows)


@dataclass(frozen=True)
class PublishedCell:
    text: str  # what may be shown: a number, "0", or the suppression mark such as "<5"
    suppressed: bool = False

    @property
    def value(self) -> int | None:
        """The number for charts, or None when it may not be shown."""
        return None if self.suppressed else int(self.text)


@dataclass(frozen=True)
class PublishedTable:
    title: str
    row_header: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[PublishedCell, ...]], ...]
    row_totals: tuple[PublishedCell, ...] = ()
    column_totals: tuple[PublishedCell, ...] = ()
    grand_total: PublishedCell | None = None
    definition: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)
