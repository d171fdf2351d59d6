"""Server-side SVG bar charts drawn from published (disclosure-controlled) cells only.

A chart never sees a raw count: it takes `PublishedCell`s, draws a visible value as a bar and a
suppressed one as a short hatched stub labelled with the cell's own text ("<5"). The same SVG goes
into the web page (inline) and into the PDF (as an image with the same text alternative), and every
chart is followed by its data table in the templates (A11Y-4, SDC-5).
"""

import base64
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from django.utils.safestring import SafeString, mark_safe

from monitor.statistics.tables import PublishedCell, PublishedTable

WIDTH = 640
LABEL_WIDTH = 210
VALUE_WIDTH = 60
BAR_HEIGHT = 20
BAR_GAP = 8
TOP = 8
STUB_WIDTH = 14  # a suppressed cell: a fixed stub, so its length says nothing about the number
MAX_LABEL_CHARS = 32
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
BAR_FILL = "#154273"
HATCH_STROKE = "#154273"


@dataclass(frozen=True)
class Bar:
    label: str
    cell: PublishedCell


@dataclass(frozen=True)
class Chart:
    chart_id: str
    title: str
    description: str  # the text alternative: every label with its published text
    svg: SafeString

    @property
    def data_uri(self) -> str:
        """The same SVG as an image source, for the PDF (WeasyPrint fetches data: URIs only)."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()


def column_bars(table: PublishedTable, column: int = 0) -> list[Bar]:
    """One bar per row of `table`, for the cells of one column."""
    return [Bar(label, cells[column]) for label, cells in table.rows]


def row_bars(table: PublishedTable, row: int = 0) -> list[Bar]:
    """One bar per column of `table`, for the cells of one row."""
    _label, cells = table.rows[row]
    return [Bar(column, cell) for column, cell in zip(table.columns, cells, strict=True)]


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def _describe(title: str, bars: Sequence[Bar]) -> str:
    values = "; ".join(f"{bar.label}: {bar.cell.text}" for bar in bars)
    return f"{title}. {values}." if values else f"{title}."


def _bar_markup(bar: Bar, y: int, scale: float, pattern_id: str) -> str:
    label_y = y + BAR_HEIGHT * 0.7
    parts = [
        f'<text x="{LABEL_WIDTH - 8}" y="{label_y:.1f}" text-anchor="end">{escape(_short(bar.label))}</text>'
    ]
    value = bar.cell.value
    if value is None:
        width = float(STUB_WIDTH)
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" '
            f'fill="url(#{pattern_id})" stroke="{HATCH_STROKE}" stroke-dasharray="3 2"/>'
        )
    else:
        width = value * scale
        if width > 0:
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" '
                f'fill="{BAR_FILL}"/>'
            )
    parts.append(f'<text x="{LABEL_WIDTH + width + 6:.1f}" y="{label_y:.1f}">{escape(bar.cell.text)}</text>')
    return "".join(parts)


def bar_chart(*, chart_id: str, title: str, bars: Sequence[Bar]) -> Chart:
    """A horizontal bar chart; `chart_id` must be unique on a page (it prefixes the SVG's ids)."""
    visible = [bar.cell.value for bar in bars if bar.cell.value is not None]
    largest = max(visible, default=0)
    scale = (WIDTH - LABEL_WIDTH - VALUE_WIDTH) / largest if largest else 0.0
    height = TOP * 2 + max(len(bars), 1) * (BAR_HEIGHT + BAR_GAP)
    description = _describe(title, bars)
    pattern_id = f"{chart_id}-hatch"
    rows = "".join(
        _bar_markup(bar, TOP + index * (BAR_HEIGHT + BAR_GAP), scale, pattern_id)
        for index, bar in enumerate(bars)
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="wio-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-family={quoteattr(FONT)} font-size="12">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
        f'<defs><pattern id="{pattern_id}" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" '
        f'stroke="{HATCH_STROKE}" stroke-width="2"/></pattern></defs>'
        f'<line x1="{LABEL_WIDTH}" y1="{TOP / 2}" x2="{LABEL_WIDTH}" y2="{height - TOP / 2}" stroke="#333"/>'
        f"{rows}</svg>"
    )
    return Chart(chart_id=chart_id, title=title, description=description, svg=mark_safe(svg))  # noqa: S308 - every text is escaped above
