"""CSV import of cases: reading and checking a file, and the preview of what a commit would do.

Nothing here writes to the database; it reads the partnerships (to match codes, and to check that
they serve the chosen municipality) and the cases of that municipality (to find youths that are
already registered). The changes are in
`cases.services.imports`.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from wio import spreadsheet
from wio.accounts.constants import OrganisationKind
from wio.accounts.models import Organisation

from .constants import Category
from .forms.case import MAX_AGE_YEARS
from .models import Case, CaseImport
from .partnerships import swvs_serving
from .permissions import AnyUser, gemeente_ids

COLUMNS = (
    "voornaam",
    "achternaam",
    "geboortedatum",
    "swv_code",
    "categorie",
    "projectcasus",
    "registratiedatum",
)
OPTIONAL_COLUMNS = frozenset({"registratiedatum"})
TEMPLATE_DELIMITER = ";"  # what Excel uses with Dutch regional settings
MAX_UPLOAD_BYTES = 1_000_000
# The project follows about five youths per partnership; a file far larger is a mistake, and one
# commit creates every case in a single transaction.
MAX_ROWS = 500
# Far above the longest real value (a last name of 150 characters): a longer cell was pasted in by
# mistake, or a missing quotation mark swallowed the lines after it.
MAX_CELL_CHARS = 1_000

# Matched after lower-casing and reading "_" as a space, so "vrijstelling_5a" is "vrijstelling 5a".
_CATEGORY_WORDS = {
    "vrijstelling 5a": Category.VRIJSTELLING_5A,
    "vrijstelling 5 onder a": Category.VRIJSTELLING_5A,
    "vrijstelling 5 sub a": Category.VRIJSTELLING_5A,
    "absoluut verzuim": Category.ABSOLUUT_VERZUIM,
    "absoluut verzuimer": Category.ABSOLUUT_VERZUIM,
}
_YES = frozenset({"ja", "j", "yes", "y", "1", "waar", "true"})
_NO = frozenset({"nee", "n", "no", "0", "onwaar", "false"})
_DUTCH_DATE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")
FIRST_NAME_MAX, LAST_NAME_MAX = 100, 150  # as on Case


class ImportFileError(ValueError):
    """The file as a whole cannot be used (not text, not CSV, wrong columns); `message` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- the template and reading a file ------------------------------------------------------------


def template_csv() -> bytes:
    """The empty template: the header line, UTF-8 with a byte order mark so that Excel reads it."""
    buffer = io.StringIO()
    spreadsheet.CsvWriter(buffer, delimiter=TEMPLATE_DELIMITER).writerow(COLUMNS)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def decode_upload(raw: bytes) -> str:
    """The file's text: UTF-8 (with or without BOM), else Windows-1252 as older Excel saves it."""
    if b"\x00" in raw:
        raise ImportFileError(_("This is not a text file. Save the sheet as CSV and upload that file."))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportFileError(
            _("The characters in this file cannot be read. Save the sheet as “CSV UTF-8”.")
        ) from None


@dataclass(frozen=True)
class RawRow:
    line: int  # the line in the file (the header is line 1), as Excel numbers its rows
    values: dict[str, str]
    surplus: bool  # more filled-in values than there are columns


def _delimiter_of(first_line: str) -> str:
    return ";" if first_line.count(";") >= first_line.count(",") else ","


def _check_header(header: list[str]) -> list[str]:
    names = [name.strip().lstrip("\ufeff").strip().lower() for name in header]
    while names and not names[-1]:
        names.pop()  # Excel may leave empty columns at the end
    missing = [name for name in COLUMNS if name not in names and name not in OPTIONAL_COLUMNS]
    unknown = [name or _("(empty)") for name in names if name not in COLUMNS]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if missing or unknown or repeated:
        problems = []
        if missing:
            problems.append(_("missing: %(names)s") % {"names": ", ".join(missing)})
        if unknown:
            problems.append(_("unknown: %(names)s") % {"names": ", ".join(unknown)})
        if repeated:
            problems.append(_("twice: %(names)s") % {"names": ", ".join(repeated)})
        raise ImportFileError(
            _(
                "The first line must name the columns of the template (%(columns)s); "
                "this file's first line does not (%(problems)s). Download the template and start from it."
            )
            % {"columns": ", ".join(COLUMNS), "problems": "; ".join(problems)}
        )
    return names


def _raw_row(line: int, header: list[str], record: list[str]) -> RawRow:
    values = dict.fromkeys(COLUMNS, "")
    values.update(zip(header, (value.strip() for value in record), strict=False))
    surplus = any(value.strip() for value in record[len(header) :])
    return RawRow(line=line, values=values, surplus=surplus)


def _check_cell_lengths(line: int, header: list[str], record: list[str]) -> None:
    for index, value in enumerate(record):
        if len(value) > MAX_CELL_CHARS:
            column = header[index] if index < len(header) else str(index + 1)
            raise ImportFileError(
                _(
                    "Line %(line)d: the value in column %(column)s is %(length)d characters long; a value "
                    "may be at most %(max)d characters. Was something pasted into that cell, or is a "
                    "quotation mark missing?"
                )
                % {"line": line, "column": column, "length": len(value), "max": MAX_CELL_CHARS}
            )


def read_csv(content: str) -> list[RawRow]:
    """The data rows of a file, or ImportFileError. Accepts `;` and `,` as separator."""
    content = content.lstrip("\ufeff")
    if not content.strip():
        raise ImportFileError(_("The file is empty."))
    # The csv module's own limit (128 KiB a cell) fails with an error that reads as a quoting problem,
    # so cells are measured against MAX_CELL_CHARS instead. The limit is process-wide; it is only ever
    # raised here, to the length of the file, which no cell can exceed.
    csv.field_size_limit(max(csv.field_size_limit(), len(content)))
    reader = csv.reader(io.StringIO(content), delimiter=_delimiter_of(content.splitlines()[0]), strict=True)
    rows: list[RawRow] = []
    try:
        header = _check_header(next(reader))
        for record in reader:
            _check_cell_lengths(reader.line_num, header, record)
            if any(value.strip() for value in record):  # skip the empty lines Excel leaves behind
                rows.append(_raw_row(reader.line_num, header, record))
            if len(rows) > MAX_ROWS:
                raise ImportFileError(
                    _("The file has more than %(max)d rows. Split it into smaller files.") % {"max": MAX_ROWS}
                )
    except csv.Error:
        raise ImportFileError(
            _("Line %(line)d cannot be read as CSV. Check the quotation marks on that line.")
            % {"line": reader.line_num}
        ) from None
    if not rows:
        raise ImportFileError(_("The file contains no rows below the column names."))
    return rows


# --- checking the rows --------------------------------------------------------------------------


def _normalise_code(code: str) -> str:
    return "".join(code.split()).upper()


def _normalise_name(name: str) -> str:
    return " ".join(name.split())


def _parse_date(text: str) -> date | None:
    """YYYY-MM-DD or DD-MM-YYYY (what Dutch Excel shows); None when it is neither."""
    match = _DUTCH_DATE.match(text)
    try:
        if match:
            day, month, year = (int(part) for part in match.groups())
            return date(year, month, day)
        return date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    except ValueError:
        return None


def _category_of(text: str) -> str | None:
    return _CATEGORY_WORDS.get(" ".join(text.lower().replace("_", " ").split()))


def _project_case_of(text: str) -> bool | None:
    word = text.strip().lower()
    return True if word in _YES else False if word in _NO else None


@dataclass(frozen=True)
class NewCase:
    """A valid row: a youth the commit will register."""

    line: int
    first_name: str
    last_name: str
    date_of_birth: date
    swv: Organisation
    category: str
    is_project_case: bool
    registered_on: date

    @property
    def identity(self) -> tuple[str, str, date]:
        return _identity(self.first_name, self.last_name, self.date_of_birth)

    @property
    def category_label(self) -> str:
        return str(Category(self.category).label)

    def case_data(self, gemeente_id: int) -> dict[str, Any]:
        """The data for `cases.services.case_create`."""
        return {
            "first_name": self.first_name,
            "last_name": self.last_name,
            "date_of_birth": self.date_of_birth,
            "gemeente_id": gemeente_id,
            "swv": self.swv,
            "category": self.category,
            "is_project_case": self.is_project_case,
            "registered_on": self.registered_on,
        }


@dataclass(frozen=True)
class DuplicateRow:
    """A valid row for a youth who is already registered, or who is on an earlier line of the file."""

    row: NewCase
    existing: Case | None = None
    earlier_line: int | None = None


@dataclass(frozen=True)
class InvalidRow:
    line: int
    reasons: list[str]


@dataclass(frozen=True)
class ImportPreview:
    file_error: str = ""
    new: list[NewCase] = field(default_factory=list)
    duplicates: list[DuplicateRow] = field(default_factory=list)
    invalid: list[InvalidRow] = field(default_factory=list)

    @property
    def can_commit(self) -> bool:
        return not self.file_error and not self.invalid

    @property
    def nothing_to_import(self) -> bool:
        """A correct file whose every youth is already registered: no button, an explanation."""
        return self.can_commit and not self.new

    @property
    def existing_cases(self) -> list[Case]:
        return [duplicate.existing for duplicate in self.duplicates if duplicate.existing is not None]


def _identity(first_name: str, last_name: str, born: date) -> tuple[str, str, date]:
    """Same municipality + first name + last name + date of birth is the same youth (names ignore case)."""
    return (_normalise_name(first_name).casefold(), _normalise_name(last_name).casefold(), born)


def _check_names(values: dict[str, str], reasons: list[str]) -> tuple[str, str]:
    """Names are the only free text stored as written (the other columns become dates, codes and
    choices), so they are where a formula could slip into WIO and from there into an export."""
    first_name, last_name = _normalise_name(values["voornaam"]), _normalise_name(values["achternaam"])
    if not first_name:
        reasons.append(_("The first name is missing."))
    elif len(first_name) > FIRST_NAME_MAX:
        reasons.append(_("The first name is longer than %(max)d characters.") % {"max": FIRST_NAME_MAX})
    elif spreadsheet.starts_like_formula(first_name):
        reasons.append(
            _(
                "The first name starts with “%(character)s”: a spreadsheet may run it as a formula. "
                "Remove that character."
            )
            % {"character": first_name[0]}
        )
    if not last_name:
        reasons.append(_("The last name is missing."))
    elif len(last_name) > LAST_NAME_MAX:
        reasons.append(_("The last name is longer than %(max)d characters.") % {"max": LAST_NAME_MAX})
    elif spreadsheet.starts_like_formula(last_name):
        reasons.append(
            _(
                "The last name starts with “%(character)s”: a spreadsheet may run it as a formula. "
                "Remove that character."
            )
            % {"character": last_name[0]}
        )
    return first_name, last_name


def _check_birth_date(text: str, today: date, reasons: list[str]) -> date | None:
    if not text:
        reasons.append(_("The date of birth is missing."))
        return None
    born = _parse_date(text)
    if born is None:
        reasons.append(
            _("The date of birth “%(value)s” is not a date; write it as YYYY-MM-DD or DD-MM-YYYY.")
            % {"value": text}
        )
    elif born > today:
        reasons.append(_("The date of birth lies in the future."))
    elif (today - born).days > MAX_AGE_YEARS * 366:
        reasons.append(
            _("The date of birth makes this youth older than %(years)d; check it.") % {"years": MAX_AGE_YEARS}
        )
    else:
        return born
    return None


def _check_swv(
    text: str, swvs: dict[str, Organisation], reasons: list[str], serving: frozenset[int] | None = None
) -> Organisation | None:
    if not text:
        reasons.append(_("The partnership code (swv_code) is missing."))
        return None
    swv = swvs.get(_normalise_code(text))
    if swv is None:
        reasons.append(
            _("There is no partnership with the code “%(value)s” (codes look like “PO 22-02”).")
            % {"value": text}
        )
    elif serving is not None and swv.pk not in serving:
        reasons.append(
            _(
                "Partnership “%(value)s” does not serve this municipality; use a partnership of its "
                "region (or ask the functional administrator to link one of another region)."
            )
            % {"value": swv.code}
        )
        return None
    return swv


def _check_category(text: str, reasons: list[str]) -> str | None:
    if not text:
        reasons.append(_("The category is missing."))
        return None
    category = _category_of(text)
    if category is None:
        reasons.append(
            _("The category “%(value)s” is unknown; use vrijstelling_5a or absoluut_verzuim.")
            % {"value": text}
        )
    return category


def _check_project_case(text: str, reasons: list[str]) -> bool | None:
    project = _project_case_of(text)
    if not text:
        reasons.append(_("Project case (projectcasus) is missing; fill in ja or nee."))
    elif project is None:
        reasons.append(_("Project case “%(value)s” is not ja or nee.") % {"value": text})
    return project


def _check_registered_on(text: str, born: date | None, today: date, reasons: list[str]) -> date | None:
    if not text:
        return today
    registered = _parse_date(text)
    if registered is None:
        reasons.append(
            _("The registration date “%(value)s” is not a date; write it as YYYY-MM-DD or DD-MM-YYYY.")
            % {"value": text}
        )
    elif registered > today:
        reasons.append(_("The registration date lies in the future."))
    elif born is not None and registered < born:
        reasons.append(_("The registration date lies before the date of birth."))
    else:
        return registered
    return None


def check_row(
    raw: RawRow, swvs: dict[str, Organisation], today: date, serving: frozenset[int] | None = None
) -> NewCase | InvalidRow:
    """Every problem of one row at once, so that the user can fix the file in one go.

    `serving`: the ids of the partnerships that serve the municipality (`cases.partnerships`).
    """
    reasons: list[str] = []
    if raw.surplus:
        reasons.append(_("This line has more values than there are columns; is there a separator in a name?"))
    first_name, last_name = _check_names(raw.values, reasons)
    born = _check_birth_date(raw.values["geboortedatum"], today, reasons)
    swv = _check_swv(raw.values["swv_code"], swvs, reasons, serving)
    category = _check_category(raw.values["categorie"], reasons)
    project = _check_project_case(raw.values["projectcasus"], reasons)
    registered = _check_registered_on(raw.values["registratiedatum"], born, today, reasons)
    if reasons or born is None or swv is None or category is None or project is None or registered is None:
        return InvalidRow(line=raw.line, reasons=reasons)
    return NewCase(raw.line, first_name, last_name, born, swv, category, project, registered)


# --- the preview --------------------------------------------------------------------------------


def swvs_by_code() -> dict[str, Organisation]:
    swvs = Organisation.objects.filter(kind=OrganisationKind.SWV).exclude(code="")
    return {_normalise_code(swv.code): swv for swv in swvs}


def _registered_youths(gemeente_id: int, rows: list[NewCase]) -> dict[tuple[str, str, date], Case]:
    births = {row.date_of_birth for row in rows}
    if not births:
        return {}
    cases = Case.objects.filter(gemeente_id=gemeente_id, date_of_birth__in=births).only(
        "id", "reference", "first_name", "last_name", "date_of_birth"
    )
    return {_identity(case.first_name, case.last_name, case.date_of_birth): case for case in cases}


def _split_duplicates(
    rows: list[NewCase], registered: dict[tuple[str, str, date], Case]
) -> tuple[list[NewCase], list[DuplicateRow]]:
    new: list[NewCase] = []
    duplicates: list[DuplicateRow] = []
    first_line: dict[tuple[str, str, date], int] = {}
    for row in rows:
        if row.identity in registered:
            duplicates.append(DuplicateRow(row=row, existing=registered[row.identity]))
        elif row.identity in first_line:
            duplicates.append(DuplicateRow(row=row, earlier_line=first_line[row.identity]))
        else:
            first_line[row.identity] = row.line
            new.append(row)
    return new, duplicates


def preview_import(*, content: str, gemeente_id: int, today: date) -> ImportPreview:
    """What committing this file into this municipality would do: a constant number of queries."""
    try:
        raw_rows = read_csv(content)
    except ImportFileError as error:
        return ImportPreview(file_error=error.message)
    swvs = swvs_by_code()
    serving = frozenset(swvs_serving([gemeente_id]).values_list("pk", flat=True))
    checked = [check_row(raw, swvs, today, serving) for raw in raw_rows]
    valid = [row for row in checked if isinstance(row, NewCase)]
    invalid = [row for row in checked if isinstance(row, InvalidRow)]
    new, duplicates = _split_duplicates(valid, _registered_youths(gemeente_id, valid))
    return ImportPreview(new=new, duplicates=duplicates, invalid=invalid)


# --- reading an import, scoped to its uploader ---------------------------------------------------


def import_of_uploader(user: AnyUser, import_id: int) -> CaseImport | None:
    """The user's own upload, while the municipality is still theirs; None for anyone else's."""
    return (
        CaseImport.objects.select_related("gemeente")
        .filter(pk=import_id, uploaded_by_id=user.pk, gemeente_id__in=gemeente_ids(user))
        .first()
    )


def import_exists(import_id: int) -> bool:
    return CaseImport.objects.filter(pk=import_id).exists()
