"""CSV and XLSX exports of the aggregate tables: suppressed like every other output, and audited."""

import csv
import io
from collections.abc import Callable
from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

import openpyxl
import pytest

from cases.constants import InvolvedRole
from cases.models import Case, Conversation
from monitor.publications.exports import build_csv, build_xlsx
from monitor.publications.reporting_dates import reporting_dates
from monitor.statistics import counts
from monitor.statistics.sdc import publish
from monitor.statistics.tables import CountTable, PublishedTable
from tests.cases.factories import CaseFactory, InvolvedFactory
from tests.conftest import sign_in
from tests.factories import OrganisationFactory, PhaseFactory, RegionFactory, user_with_role
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit.constants import Action, Purpose
from wio.audit.models import AuditEvent

SMALL = {"1", "2", "3", "4"}


def _small_table(label: str = "Alfa") -> PublishedTable:
    return publish(
        CountTable(
            title="Core counts by region",
            row_header="Region",
            columns=("Parents", "Youths"),
            rows=((label, (3, 12)), ("Bravo", (9, 2)), ("Charlie", (7, 8))),
        ),
        5,
    )


def _csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def _xlsx_values(content: bytes) -> dict[str, list[list[object]]]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook}


def test_csv_is_utf8_with_bom_semicolons_and_suppressed_cells() -> None:
    # When a table with small counts is exported as CSV
    content = build_csv([_small_table()])
    rows = _csv_rows(content)

    # Then it starts with a byte order mark, has a header and a totals row, and shows "<5", never 1..4
    assert content.startswith(b"\xef\xbb\xbf")
    assert rows[0] == ["Core counts by region"]
    assert rows[1] == ["Region", "Parents", "Youths", _("Total")]
    assert rows[2][:2] == ["Alfa", "<5"]
    assert rows[5][0] == _("Total")
    assert "<5" in {cell for row in rows for cell in row}
    assert not SMALL & {cell for row in rows[1:6] for cell in row}


def test_xlsx_has_one_sheet_per_table_with_numbers_and_marks() -> None:
    # When two tables are exported as XLSX, with the peildatum
    peildatum = timezone.localdate()
    content = build_xlsx([_small_table(), _small_table("Delta")], peildatum)

    # Then each table has its own sheet; shown counts are numbers, hidden ones their mark
    sheets = _xlsx_values(content)
    assert list(sheets) == ["Core counts by region", "Core counts by region (2)"]
    first = sheets["Core counts by region"]
    assert first[0] == ["Core counts by region", None, None, None]
    assert peildatum.isoformat() in str(first[1][0])
    assert first[2] == ["Region", "Parents", "Youths", _("Total")]
    assert first[3][:2] == ["Alfa", "<5"]
    assert first[6][0] == _("Total")
    cells = [cell for row in first for cell in row]
    assert "<5" in cells
    assert not [cell for cell in cells if isinstance(cell, int) and 1 <= cell <= 4]


def test_text_that_looks_like_a_formula_is_written_as_text() -> None:
    # Given a row label that a spreadsheet would run as a formula
    table = _small_table(label='=HYPERLINK("http://evil.example","x")')

    # When exported
    csv_rows = _csv_rows(build_csv([table]))
    sheet = _xlsx_values(build_xlsx([table]))["Core counts by region"]

    # Then it is quoted as text in both formats
    assert csv_rows[2][0].startswith("'=")
    assert str(sheet[2][0]).startswith("'=")


@pytest.fixture
def staff_client(client: Client, db: None) -> tuple[Client, User]:
    staff = user_with_role(Role.PROJECT_STAFF)
    return sign_in(client, staff), staff


@pytest.fixture
def small_region(db: None) -> Case:
    """One region where two parents were spoken with: a count that must never leave WIO as "2"."""
    region = RegionFactory(name="Westerkwartier", phase_joined=PhaseFactory(number=1))
    case = CaseFactory(
        swv=OrganisationFactory(swv=True, region=region),
        gemeente=OrganisationFactory(region=region),
        registered_on=timezone.localdate() - timedelta(days=60),
        first_name="Sietske",
        last_name="Hoekstra",
    )
    conversation = Conversation.objects.create(
        case=case, kind="oudergesprek", held_on=timezone.localdate() - timedelta(days=10), is_held=True
    )
    conversation.attendees.add(
        InvolvedFactory(case=case), InvolvedFactory(case=case, role=InvolvedRole.VOOGD)
    )
    return case


def test_staff_download_a_table_as_csv_and_the_export_is_audited(
    staff_client: tuple[Client, User], small_region: Case
) -> None:
    # Given a project staff member
    client, staff = staff_client

    # When they download the core counts by region
    response = client.get(reverse("monitor:export_csv", args=["core-by-region"]))

    # Then they get a CSV attachment of the latest reporting date where the 2 parents are withheld
    # ("x", ADR 0017), and one export event is written
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    rows = _csv_rows(response.content)
    region_row = next(row for row in rows if row[:1] == ["Westerkwartier"])
    assert region_row[1] == "x"
    assert reporting_dates()[0].isoformat() in response["Content-Disposition"]
    assert "Sietske" not in response.content.decode("utf-8-sig")
    event = AuditEvent.objects.get(event_type="monitor.export")
    assert (event.action, event.purpose, event.actor) == (Action.EXECUTE, Purpose.MONITORING, staff)
    assert event.detail == {"table": "core-by-region", "format": "csv"}
    assert event.youth_ref == ""


def test_staff_download_every_table_as_one_workbook(
    staff_client: tuple[Client, User], small_region: Case
) -> None:
    # When a project staff member downloads all tables as XLSX
    client, _staff = staff_client
    response = client.get(reverse("monitor:export_xlsx", args=["all"]))

    # Then there is a sheet per table, and no raw count from 1 to 4 among the numbers
    assert response.status_code == 200
    sheets = _xlsx_values(response.content)
    assert len(sheets) == len(counts.TABLES)
    numbers = [cell for rows in sheets.values() for row in rows for cell in row if isinstance(cell, int)]
    assert not [n for n in numbers if 1 <= n <= 4]
    assert AuditEvent.objects.get(event_type="monitor.export").detail == {"table": "all", "format": "xlsx"}


@pytest.mark.parametrize("name", ["monitor:export_csv", "monitor:export_xlsx"])
def test_an_unknown_table_is_not_found(staff_client: tuple[Client, User], name: str) -> None:
    client, _staff = staff_client

    response = client.get(reverse(name, args=["cases-with-names"]))

    assert response.status_code == 404
    assert not AuditEvent.objects.filter(event_type="monitor.export").exists()


def test_a_ministry_user_cannot_export(client: Client, db: None, signed_in: Callable[[User], Client]) -> None:
    response = signed_in(user_with_role(Role.MINISTRY)).get(
        reverse("monitor:export_csv", args=["knelpunten"])
    )

    assert response.status_code == 404


@pytest.mark.parametrize("peildatum", ["2025-06-15", "not-a-date", "2099-12-31"])
def test_only_reporting_dates_can_be_downloaded(staff_client: tuple[Client, User], peildatum: str) -> None:
    # Given a date that is not a reporting date that has passed (ADR 0017)
    client, _staff = staff_client

    # When a download for it is asked
    response = client.get(reverse("monitor:export_csv", args=["all"]), {"peildatum": peildatum})

    # Then there is nothing: numbers exist for the reporting dates only
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(event_type="monitor.export").exists()


def test_a_download_for_a_reporting_date_shows_its_stored_publication(
    staff_client: tuple[Client, User], small_region: Case
) -> None:
    # Given the latest reporting date, published, and then a case more registered before it
    client, _staff = staff_client
    date = reporting_dates()[0]
    first = client.get(
        reverse("monitor:export_csv", args=["cases-by-category"]), {"peildatum": date.isoformat()}
    )
    CaseFactory(swv=small_region.swv, gemeente=small_region.gemeente, registered_on=date - timedelta(days=5))

    # When the same download is asked again
    again = client.get(
        reverse("monitor:export_csv", args=["cases-by-category"]), {"peildatum": date.isoformat()}
    )

    # Then it shows what was published, not a recount (a correction would be a new edition)
    assert again.content == first.content
