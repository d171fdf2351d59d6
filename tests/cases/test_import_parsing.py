"""CSV import of cases, the reading of a file on its own: no input makes a 500."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from cases import imports

HEADER = "voornaam;achternaam;geboortedatum;swv_code;categorie;projectcasus;registratiedatum"


def _csv(*lines: str) -> str:
    return "\r\n".join((HEADER, *lines)) + "\r\n"


# --- arbitrary input -------------------------------------------------------------------------------------

_CELL = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)


def _rows_or_refusal(content: str) -> tuple[list[imports.RawRow], str]:
    try:
        return imports.read_csv(content), ""
    except imports.ImportFileError as error:
        return [], error.message


def _text_or_refusal(raw: bytes) -> str:
    try:
        return imports.decode_upload(raw)
    except imports.ImportFileError as error:
        return error.message


@settings(max_examples=300, deadline=None)
@given(
    body=st.lists(
        st.lists(_CELL | st.sampled_from(["", '"', ";", "2013-03-04", "ja"]), max_size=9), max_size=6
    )
)
def test_any_file_body_is_either_refused_as_a_whole_or_checked_row_by_row(body: list[list[str]]) -> None:
    # given: the right header above arbitrary cells, quotes and separators
    content = _csv(*(";".join(cells) for cells in body))
    # when
    rows, refusal = _rows_or_refusal(content)
    checked = [imports.check_row(row, {}, date(2025, 1, 1)) for row in rows]
    # then: a refusal says why; otherwise every row is judged
    assert bool(refusal) != bool(rows)
    assert all(isinstance(row, imports.NewCase | imports.InvalidRow) for row in checked)


@settings(max_examples=200, deadline=None)
@given(raw=st.binary(max_size=200))
def test_any_bytes_decode_or_are_refused_with_a_reason(raw: bytes) -> None:
    # when
    text = _text_or_refusal(raw)
    # then
    assert isinstance(text, str)
