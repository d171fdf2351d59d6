"""Server-side SVG bar charts drawn from published (disclosure-controlled) cells only.

A chart never sees a raw count: it takes `PublishedCell`s, draws a visible value as a bar and a
suppressed one as a short hatched stub labelled with the cell's own text ("<5"). The same SVG goes
into the web page (inline) and into the PDF (as an image with the same text alternative), and every
chart is followed by its data table in the templates (A11Y-4, SDC-5).

A label is never cut: it wraps at word boundaries onto as many lines as it needs inside the label
column (a character budget from the column's width and the font size), and its row grows with it.
The SVG has an intrinsic size in CSS pixels, so on a page its 12-unit text is 12 px; a page gives it a
container that scrolls sideways on a narrow screen rather than shrinking it.
"""

import base64
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from django.utils.safestring import SafeString, mark_safe

from monitor.statistics.tables import PublishedCell, PublishedTable

WIDTH = 640
LABEL_WIDTH = 240
LABEL_X = 4  # labels start here, left-aligned in the label column
LABEL_PADDING = 12  # room between a label's longest line and the axis
VALUE_WIDTH = 60
BAR_HEIGHT = 20
BAR_GAP = 8
TOP = 8
STUB_WIDTH = 14  # a suppressed cell: a fixed stub, so its length says nothing about the number
FONT_SIZE = 12
LINE_HEIGHT = 15
# DejaVu Sans, the widest of the fonts below, averages about 0.55 em per character of Dutch text;
# 0.6 em leaves room for a line with many wide letters.
AVERAGE_CHAR_EM = 0.6
LABEL_CHARS = int((LABEL_WIDTH - LABEL_X - LABEL_PADDING) / (FONT_SIZE * AVERAGE_CHAR_EM))
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


def label_lines(label: str) -> list[str]:
    """The label over as many lines as it needs, each within the label column; nothing left out."""
    return textwrap.wrap(label, LABEL_CHARS, break_on_hyphens=False) or [""]


def _describe(title: str, bars: Sequence[Bar]) -> str:
    values = "; ".join(f"{bar.label}: {bar.cell.text}" for bar in bars)
    return f"{title}. {values}." if values else f"{title}."


def _row_height(bar: Bar) -> int:
    return max(BAR_HEIGHT, len(label_lines(bar.label)) * LINE_HEIGHT)


def _label_markup(label: str, middle: float) -> str:
    """Left-aligned lines centred on the row's middle; the first tspan carries the baseline."""
    lines = label_lines(label)
    baseline = middle - (len(lines) - 1) * LINE_HEIGHT / 2 + FONT_SIZE * 0.35
    spans = "".join(
        f'<tspan x="{LABEL_X}" y="{baseline + index * LINE_HEIGHT:.1f}">{escape(line)}</tspan>'
        for index, line in enumerate(lines)
    )
    return f'<text class="wio-chart-label" x="{LABEL_X}" y="{baseline:.1f}">{spans}</text>'


def _bar_markup(bar: Bar, top: int, scale: float, pattern_id: str) -> str:
    middle = top + _row_height(bar) / 2
    y = middle - BAR_HEIGHT / 2
    parts = [_label_markup(bar.label, middle)]
    value = bar.cell.value
    if value is None:
        width = float(STUB_WIDTH)
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y:.1f}" width="{width:.1f}" height="{BAR_HEIGHT}" '
            f'fill="url(#{pattern_id})" stroke="{HATCH_STROKE}" stroke-dasharray="3 2"/>'
        )
    else:
        width = value * scale
        if width > 0:
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y:.1f}" width="{width:.1f}" height="{BAR_HEIGHT}" '
                f'fill="{BAR_FILL}"/>'
            )
    parts.append(
        f'<text class="wio-chart-value" x="{LABEL_WIDTH + width + 6:.1f}" '
        f'y="{middle + FONT_SIZE * 0.35:.1f}">{escape(bar.cell.text)}</text>'
    )
    return "".join(parts)


def _rows_markup(bars: Sequence[Bar], scale: float, pattern_id: str) -> tuple[str, int]:
    """Every bar's markup, and the height they take together."""
    parts, top = [], TOP
    for bar in bars:
        parts.append(_bar_markup(bar, top, scale, pattern_id))
        top += _row_height(bar) + BAR_GAP
    return "".join(parts), top


def bar_chart(*, chart_id: str, title: str, bars: Sequence[Bar]) -> Chart:
    """A horizontal bar chart; `chart_id` must be unique on a page (it prefixes the SVG's ids)."""
    visible = [bar.cell.value for bar in bars if bar.cell.value is not None]
    largest = max(visible, default=0)
    scale = (WIDTH - LABEL_WIDTH - VALUE_WIDTH) / largest if largest else 0.0
    description = _describe(title, bars)
    pattern_id = f"{chart_id}-hatch"
    rows, bottom = _rows_markup(bars, scale, pattern_id)
    height = bottom + TOP if bars else TOP * 2 + BAR_HEIGHT + BAR_GAP
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="wio-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family={quoteattr(FONT)} font-size="{FONT_SIZE}">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
        f'<defs><pattern id="{pattern_id}" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" '
        f'stroke="{HATCH_STROKE}" stroke-width="2"/></pattern></defs>'
        f'<line x1="{LABEL_WIDTH}" y1="{TOP / 2}" x2="{LABEL_WIDTH}" y2="{height - TOP / 2}" stroke="#333"/>'
        f"{rows}</svg>"
    )
    return Chart(chart_id=chart_id, title=title, description=description, svg=mark_safe(svg))  # noqa: S308 - every text is escaped above
