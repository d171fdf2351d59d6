"""Writing CSV and XLSX files that a spreadsheet will not run as formulas (CSV injection).

Excel and LibreOffice run a cell that starts with "=", "+", "-" or "@" as a formula (and a leading tab
or carriage return can hide such a start), so a name like `=HYPERLINK(...)` in an export could open a
link or worse on the reader's machine. Following OWASP, every CSV and XLSX file WIO writes goes
through this module, which writes such text with a leading apostrophe so that it stays text. Numbers
are written as they are, so that negative numbers remain numbers.
"""

import csv
from collections.abc import Iterable
from typing import Any, Protocol

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | None


class _TextStream(Protocol):
    def write(self, text: str, /) -> Any: ...


def starts_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def safe_cell(value: Cell) -> Cell:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; the rest is unchanged."""
    if isinstance(value, str) and starts_like_formula(value):
        return f"'{value}"
    return value


def safe_row(row: Iterable[Cell]) -> list[Cell]:
    return [safe_cell(value) for value in row]


class CsvWriter:
    """`csv.writer` with Windows line endings (as Excel writes them) that writes every cell safely."""

    def __init__(self, stream: _TextStream, *, delimiter: str) -> None:
        self._writer = csv.writer(stream, delimiter=delimiter, lineterminator="\r\n")

    def writerow(self, row: Iterable[Cell]) -> None:
        self._writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Iterable[Cell]]) -> None:
        for row in rows:
            self.writerow(row)


def append_row(sheet: Any, row: Iterable[Cell]) -> None:
    """Append a row to an openpyxl worksheet; openpyxl itself would store "=..." as a formula."""
    sheet.append(safe_row(row))
