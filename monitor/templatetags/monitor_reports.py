"""Template helpers for published tables in the report PDF (and any page that shows one)."""

from django import template

from monitor.statistics.tables import PublishedCell, PublishedTable

register = template.Library()

Row = tuple[str, tuple[PublishedCell, ...], PublishedCell | None]


@register.filter
def rows_with_totals(table: PublishedTable) -> list[Row]:
    """Each row with its row total (None when the table publishes no row totals)."""
    totals: list[PublishedCell | None] = list(table.row_totals) or [None] * len(table.rows)
    return [(label, cells, total) for (label, cells), total in zip(table.rows, totals, strict=True)]
