"""Every CSV and XLSX file WIO writes shows text that looks like a formula as text (CSV injection)."""

import csv
import io

import openpyxl
import pytest
from openpyxl import Workbook

from wio import spreadsheet

ROW = ["=1+1", "+31 6 12345678", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "Sam", "", None, 7, -3]
ESCAPED = ["'=1+1", "'+31 6 12345678", "'-2+3", "'@SUM(A1)", "'\t=1", "'\r=1", "Sam", "", None, 7, -3]


def test_a_csv_writes_formula_text_with_a_leading_apostrophe_and_numbers_as_they_are() -> None:
    # given
    buffer = io.StringIO()
    writer = spreadsheet.CsvWriter(buffer, delimiter=";")
    # when
    writer.writerow(ROW)
    writer.writerows([["=1+1"]])
    # then
    read = list(csv.reader(io.StringIO(buffer.getvalue()), delimiter=";"))
    assert read == [[str(cell) if cell is not None else "" for cell in ESCAPED], ["'=1+1"]]
    assert buffer.getvalue().endswith("\r\n")


def test_an_xlsx_sheet_holds_formula_text_as_text_and_numbers_as_numbers() -> None:
    # given
    workbook = Workbook()
    # when
    spreadsheet.append_row(workbook.active, ROW)
    buffer = io.BytesIO()
    workbook.save(buffer)
    # then
    sheet = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active
    # (XML reads a carriage return back as a line feed, and an empty text as no value)
    assert [cell.value for cell in sheet[1]] == [
        *("'=1+1", "'+31 6 12345678", "'-2+3", "'@SUM(A1)", "'\t=1", "'\n=1", "Sam"),
        *(None, None, 7, -3),
    ]
    assert "f" not in {cell.data_type for cell in sheet[1]}  # nothing is a formula


@pytest.mark.parametrize("text", ["Sam", "de Vries", "'s-Gravenhage", "3-4", "a=b"])
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert spreadsheet.safe_cell(text) == text
