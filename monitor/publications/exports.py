"""CSV and XLSX files of published aggregate tables (issue #5 item 7).

Only `PublishedTable`s go in, so a file carries exactly what a page or PDF shows: suppressed cells as
their text ("<5", "x"), never the number behind them. CSV is UTF-8 with a byte order mark and ";" as
separator, which is what Excel expects with Dutch regional settings. Both are written through
`wio.spreadsheet`, so that no label or note can be run as a formula.
"""

import io
from collections.abc import Iterable, Sequence
from datetime import date

from django.utils.translation import gettext as _

from openpyxl import Workbook
from openpyxl.styles import Font

from monitor.statistics.tables import PublishedCell, PublishedTable
from wio import spreadsheet

CSV_DELIMITER = ";"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_TITLE_MAX = 31
_FORBIDDEN_IN_SHEET_TITLES = str.maketrans(dict.fromkeys("[]:*?/\\", " "))

Cell = str | int


def _value(cell: PublishedCell) -> Cell:
    """A shown number as a number (so a spreadsheet can add it up); anything hidden as its mark."""
    return cell.text if cell.suppressed else int(cell.text)


def _header(table: PublishedTable) -> list[Cell]:
    total = [_("Total")] if table.row_totals else []
    return [table.row_header, *table.columns, *total]


def _body(table: PublishedTable) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for index, (label, cells) in enumerate(table.rows):
        row_total = [_value(table.row_totals[index])] if table.row_totals else []
        rows.append([label, *(_value(c) for c in cells), *row_total])
    if table.column_totals:
        grand = [_value(table.grand_total)] if table.grand_total is not None else []
        rows.append([_("Total"), *(_value(c) for c in table.column_totals), *grand])
    return rows


def _about(table: PublishedTable) -> list[str]:
    return [text for text in (table.definition, *table.notes) if text]


def _heading(table: PublishedTable, peildatum: date | None) -> list[str]:
    reference = [_("Reference date: %(date)s") % {"date": peildatum.isoformat()}] if peildatum else []
    return [table.title, *reference]


def table_rows(table: PublishedTable, peildatum: date | None = None) -> list[list[Cell]]:
    """One table as rows: title, reference date, header, body, totals row, then definition and notes."""
    heading: list[list[Cell]] = [[line] for line in _heading(table, peildatum)]
    about: list[list[Cell]] = [[line] for line in _about(table)]
    return [*heading, _header(table), *_body(table), *([[], *about] if about else [])]


def build_csv(tables: Sequence[PublishedTable], peildatum: date | None = None) -> bytes:
    buffer = io.StringIO()
    writer = spreadsheet.CsvWriter(buffer, delimiter=CSV_DELIMITER)
    for index, table in enumerate(tables):
        if index:
            writer.writerow([])
        writer.writerows(table_rows(table, peildatum))
    return buffer.getvalue().encode("utf-8-sig")


def _sheet_titles(tables: Iterable[PublishedTable]) -> list[str]:
    titles: list[str] = []
    for table in tables:
        base = table.title.translate(_FORBIDDEN_IN_SHEET_TITLES).strip()[:SHEET_TITLE_MAX] or _("Table")
        title, number = base, 2
        while title.lower() in (t.lower() for t in titles):
            suffix = f" ({number})"
            title, number = base[: SHEET_TITLE_MAX - len(suffix)] + suffix, number + 1
        titles.append(title)
    return titles


def build_xlsx(tables: Sequence[PublishedTable], peildatum: date | None = None) -> bytes:
    """One sheet per table; title, header and totals row in bold."""
    if not tables:
        raise ValueError("An XLSX export needs at least one table.")
    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    for table, title in zip(tables, _sheet_titles(tables), strict=True):
        sheet = workbook.create_sheet(title=title)
        heading_rows = len(_heading(table, peildatum))
        for row in table_rows(table, peildatum):
            spreadsheet.append_row(sheet, row)
        header_row = heading_rows + 1
        totals_row = header_row + len(table.rows) + 1 if table.column_totals else None
        for row_number in (1, header_row, totals_row):
            for cell in sheet[row_number] if row_number else ():
                cell.font = bold
        widest_label = max((len(label) for label, _cells in table.rows), default=0)
        sheet.column_dimensions["A"].width = min(40, max(12, widest_label + 2))
    workbook.properties.creator = "WIO"
    workbook.properties.title = tables[0].title if len(tables) == 1 else _("WIO monitor tables")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
