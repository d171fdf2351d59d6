"""CSV import of cases: template, upload, preview with reasons, all-or-nothing commit, no duplicates."""

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

import pytest
from pytest_django import DjangoAssertNumQueries

from cases import imports
from cases.constants import Category, PreparationKind
from cases.models import Case, CaseImport, PreparationItem
from cases.permissions import gemeente_ids
from tests.cases.factories import CaseFactory, CaseImportFactory
from tests.factories import OrganisationFactory, user_with_role
from wio.accounts.constants import Role
from wio.accounts.models import Organisation, User
from wio.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

HEADER = "voornaam;achternaam;geboortedatum;swv_code;categorie;projectcasus;registratiedatum"
UPLOAD_URL = reverse("cases:import_upload")


@pytest.fixture
def officer() -> User:
    return user_with_role(Role.LPA)


@pytest.fixture
def swv(officer: User) -> Organisation:
    """An SWV of the officer's region, so that it serves their gemeente (issue 9)."""
    return OrganisationFactory(swv=True, code="PO 22-02", region=_gemeente_of(officer).region)


def _gemeente_of(user: User) -> Organisation:
    return Organisation.objects.get(pk=next(iter(gemeente_ids(user))))


def _csv(*lines: str, header: str = HEADER) -> str:
    return "\r\n".join((header, *lines)) + "\r\n"


def _upload(client: Client, gemeente: Organisation, data: bytes, name: str = "jeugdigen.csv") -> Any:
    file = SimpleUploadedFile(name, data, content_type="text/csv")
    return client.post(UPLOAD_URL, {"gemeente": gemeente.pk, "csv_file": file})


def _import(officer: User, content: str) -> CaseImport:
    return CaseImportFactory(uploaded_by=officer, gemeente=_gemeente_of(officer), content=content)


def _messages(response: Any) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- the template -------------------------------------------------------------------------------------


def test_the_template_is_a_semicolon_csv_with_a_bom_that_the_import_reads_back(
    signed_in: Callable[[User], Client], officer: User
) -> None:
    # given
    client = signed_in(officer)
    # when
    response = client.get(reverse("cases:import_template"))
    # then
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith("\ufeff".encode())
    assert response.content.decode("utf-8-sig").strip() == HEADER
    with pytest.raises(imports.ImportFileError, match="geen rijen"):
        imports.read_csv(imports.decode_upload(response.content))


# --- upload -------------------------------------------------------------------------------------------


def test_an_upload_is_stored_for_its_uploader_and_recorded_with_counts_only(
    signed_in: Callable[[User], Client], officer: User, swv: Organisation
) -> None:
    # given
    client = signed_in(officer)
    gemeente = _gemeente_of(officer)
    content = _csv("Sam;Jansen;2013-03-04;PO 22-02;absoluut_verzuim;ja;")
    # when
    response = _upload(client, gemeente, content.encode("utf-8-sig"))
    # then
    stored = CaseImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:import_preview", args=[stored.pk])
    assert (stored.gemeente, stored.uploaded_by, stored.committed_at) == (gemeente, officer, None)
    assert stored.content == content
    assert len(stored.checksum) == 64
    event = AuditEvent.objects.get(event_type="case_import.upload")
    assert (event.object_type, event.object_id, event.detail) == (
        "cases.caseimport",
        str(stored.pk),
        {"rows": 1},
    )


def test_a_comma_separated_windows_1252_file_is_accepted(
    signed_in: Callable[[User], Client], officer: User, swv: Organisation
) -> None:
    # given: what an older Excel saves, with a diacritic outside UTF-8
    client = signed_in(officer)
    content = _csv(
        "Zoë,Çelik,04-03-2013,po 22-02,vrijstelling 5 onder a,nee,", header=HEADER.replace(";", ",")
    )
    # when
    _upload(client, _gemeente_of(officer), content.encode("cp1252"))
    # then
    preview = imports.preview_import(
        content=CaseImport.objects.get().content,
        gemeente_id=_gemeente_of(officer).pk,
        today=timezone.localdate(),
    )
    assert [(row.first_name, row.last_name) for row in preview.new] == [("Zoë", "Çelik")]
    assert preview.new[0].date_of_birth == date(2013, 3, 4)
    assert (preview.new[0].category, preview.new[0].is_project_case) == (Category.VRIJSTELLING_5A, False)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        pytest.param("foto.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", id="not-a-csv-name"),
        pytest.param("stiekem.csv", b"%PDF-1.7\n\x00\x01\x02binary", id="binary-content"),
        pytest.param(
            "te-groot.csv",
            _csv(*["Sam;Jansen;2013-03-04;PO 22-02;absoluut_verzuim;ja;"] * 20_000).encode(),
            id="over-1-mb",
        ),
        pytest.param("kolommen.csv", b"naam;geboren\r\nSam;2013-03-04\r\n", id="wrong-header"),
        pytest.param("leeg.csv", HEADER.encode(), id="no-rows"),
    ],
)
def test_an_unusable_file_is_refused_next_to_the_field_and_nothing_is_stored(
    signed_in: Callable[[User], Client], officer: User, name: str, data: bytes
) -> None:
    # given
    client = signed_in(officer)
    # when
    response = _upload(client, _gemeente_of(officer), data, name=name)
    # then
    assert response.status_code == 422
    assert list(response.context["form"].errors) == ["csv_file"]
    assert 'id="error_1_id_csv_file"' in response.content.decode()
    assert not CaseImport.objects.exists()


def test_an_officer_cannot_import_into_another_municipality(
    signed_in: Callable[[User], Client], officer: User, swv: Organisation
) -> None:
    # given
    client = signed_in(officer)
    elsewhere = OrganisationFactory()
    # when
    response = _upload(
        client, elsewhere, _csv("Sam;Jansen;2013-03-04;PO 22-02;absoluut_verzuim;ja;").encode()
    )
    # then
    assert response.status_code == 422
    assert list(response.context["form"].errors) == ["gemeente"]
    assert not CaseImport.objects.exists()


def test_a_coordinator_may_not_import(signed_in: Callable[[User], Client]) -> None:
    # given
    client = signed_in(user_with_role(Role.SWV_COORDINATOR))
    # when
    response = client.get(UPLOAD_URL)
    # then
    assert response.status_code == 403


# --- preview ------------------------------------------------------------------------------------------


def test_the_preview_lists_new_rows_and_every_invalid_row_with_its_reasons(
    signed_in: Callable[[User], Client], officer: User, swv: Organisation
) -> None:
    # given
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    case_import = _import(
        officer,
        _csv(
            "Sam;Jansen;2013-03-04;PO 22-02;absoluut_verzuim;ja;",
            f"Noor;de Vries;{tomorrow};PO 22-02;absoluut_verzuim;ja;",
            "Mo;Bakker;2012-01-01;PO 99-99;absoluut_verzuim;ja;",
            "Lin;Smit;2012-01-01;PO 22-02;thuisonderwijs;ja;",
            ";Visser;31-02-2012;PO 22-02;absoluut verzuim;misschien;",
        ),
    )
    client = signed_in(officer)
    # when
    response = client.get(reverse("cases:import_preview", args=[case_import.pk]))
    # then
    preview = response.context["preview"]
    assert response.status_code == 200
    assert [row.line for row in preview.new] == [2]
    reasons = {row.line: row.reasons for row in preview.invalid}
    assert reasons[3] == [_("The date of birth lies in the future.")]
    assert len(reasons[4]) == 1
    assert "PO 99-99" in reasons[4][0]
    assert len(reasons[5]) == 1
    assert "thuisonderwijs" in reasons[5][0]
    assert reasons[6][0] == _("The first name is missing.")
    assert "31-02-2012" in reasons[6][1]
    assert "misschien" in reasons[6][2]
    assert len(reasons[6]) == 3
    page = response.content.decode()
    assert 'id="invalid-rows"' in page
    assert 'id="commit-blocked"' in page
    assert reverse("cases:import_commit", args=[case_import.pk]) not in page


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param(
            '"=HYPERLINK(""http://x.example"",""y"")";Jansen;2013-03-04;PO 22-02;absoluut_verzuim;ja;',
            "De voornaam begint met “=”: dat kan een spreadsheetformule zijn. Verwijder dat teken.",
            id="hyperlink",
        ),
        pytest.param(
            "@SUM(A1:A9);Jansen;2013-03-04;PO 22-02;absoluut_verzuim;ja;",
            "De voornaam begint met “@”: dat kan een spreadsheetformule zijn. Verwijder dat teken.",
            id="at-sign",
        ),
        pytest.param(
            "Sam;+31612345678;2013-03-04;PO 22-02;absoluut_verzuim;ja;",
            "De achternaam begint met “+”: dat kan een spreadsheetformule zijn. Verwijder dat teken.",
            id="plus-in-last-name",
        ),
        pytest.param(
            '"\t-1+2";Jansen;2013-03-04;PO 22-02;absoluut_verzuim;ja;',
            "De voornaam begint met “-”: dat kan een spreadsheetformule zijn. Verwijder dat teken.",
            id="tab-then-minus",
        ),
    ],
)
def test_a_name_a_spreadsheet_would_run_as_a_formula_is_refused_and_nothing_is_imported(
    signed_in: Callable[[User], Client], officer: User, swv: Organisation, line: str, expected: str
) -> None:
    # given
    client = signed_in(officer)
    upload = _upload(client, _gemeente_of(officer), _csv(line).encode("utf-8-sig"))
    case_import = CaseImport.objects.get()
    # when: the preview is opened and the import committed anyway
    preview = client.get(upload["Location"])
    commit = client.post(reverse("cases:import_commit", args=[case_import.pk]))
    # then
    assert preview.status_code == 200
    assert {row.line: row.reasons for row in preview.context["preview"].invalid} == {2: [expected]}
    assert expected in preview.content.decode()
    assert 'id="commit-blocked"' in preview.content.decode()
    assert commit["Location"] == reverse("cases:import_preview", args=[case_import.pk])
    assert not Case.objects.exists()


def test_a_cell_far_too_long_is_refused_saying_so_rather_than_blaming_the_quotes(
    signed_in: Callable[[User], Client], officer: User, swv: Organisation
) -> None:
    # given: 200 kB pasted into one cell, more than the csv module reads by default
    client = signed_in(officer)
    content = _csv(f"{'A' * 200_000};Jansen;2013-03-04;PO 22-02;absoluut_verzuim;ja;")
    # when
    response = _upload(client, _gemeente_of(officer), content.encode())
    # then
    assert response.status_code == 422
    assert response.context["form"].errors["csv_file"] == [
        "Regel 2: de waarde in kolom voornaam is 200000 tekens lang; een waarde mag hoogstens "
        f"{imports.MAX_CELL_CHARS} tekens hebben. Is er iets in die cel geplakt, of ontbreekt er "
        "een aanhalingsteken?"
    ]
    assert not CaseImport.objects.exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(
            _csv('"Sam;Jansen;2013-03-04;PO 22-02;absoluut_verzuim;ja;'), "Regel", id="malformed-quotes"
        ),
        pytest.param("naam;geboren\r\nSam;2013-03-04\r\n", "voornaam", id="wrong-header"),
    ],
)
def test_a_file_that_cannot_be_read_shows_why_and_cannot_be_committed(
    signed_in: Callable[[User], Client], officer: User, content: str, expected: str
) -> None:
    # given: a stored file that the upload form would have refused
    case_import = _import(officer, content)
    client = signed_in(officer)
    # when
    response = client.get(reverse("cases:import_preview", args=[case_import.pk]))
    # then
    preview = response.context["preview"]
    assert expected in preview.file_error
    assert not preview.can_commit
    assert 'id="file-error"' in response.content.decode()


def test_a_youth_already_registered_or_twice_in_the_file_is_skipped(
    signed_in: Callable[[User], Client], officer: User, swv: Organisation
) -> None:
    # given: names differ only in case and spacing
    existing = CaseFactory(
        gemeente=_gemeente_of(officer),
        swv=swv,
        first_name="Sam",
        last_name="Jansen",
        date_of_birth=date(2013, 3, 4),
    )
    case_import = _import(
        officer,
        _csv(
            "sam;  JANSEN ;2013-03-04;PO 22-02;absoluut_verzuim;ja;",
            "Noor;de Vries;2012-06-01;PO 22-02;absoluut_verzuim;ja;",
            "Noor;De Vries;01-06-2012;PO 22-02;absoluut_verzuim;nee;",
        ),
    )
    client = signed_in(officer)
    # when
    response = client.get(reverse("cases:import_preview", args=[case_import.pk]))
    # then
    preview = response.context["preview"]
    assert [row.line for row in preview.new] == [3]
    assert [(d.row.line, d.existing, d.earlier_line) for d in preview.duplicates] == [
        (2, existing, None),
        (4, None, 3),
    ]
    read = AuditEvent.objects.get(event_type="case.import_duplicate")
    assert read.youth_ref == existing.reference


def test_someone_elses_import_is_not_found_and_the_refusal_is_recorded(
    signed_in: Callable[[User], Client], officer: User
) -> None:
    # given: a colleague in the same municipality uploaded it
    colleague = user_with_role(Role.LPA)
    case_import = CaseImportFactory(uploaded_by=colleague, gemeente=_gemeente_of(officer))
    client = signed_in(officer)
    # when
    preview = client.get(reverse("cases:import_preview", args=[case_import.pk]))
    commit = client.post(reverse("cases:import_commit", args=[case_import.pk]))
    # then
    assert (preview.status_code, commit.status_code) == (404, 404)
    assert AuditEvent.objects.filter(event_type="case_import.out_of_scope").count() == 2
    assert not Case.objects.exists()


def test_the_preview_uses_a_constant_number_of_queries(
    signed_in: Callable[[User], Client],
    officer: User,
    swv: Organisation,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    # given
    gemeente = _gemeente_of(officer)
    CaseFactory.create_batch(3, gemeente=gemeente, swv=swv, date_of_birth=date(2012, 1, 1))
    existing = [
        f"{case.first_name};Testdata;2012-01-01;PO 22-02;absoluut_verzuim;ja;" for case in Case.objects.all()
    ]
    few = _import(officer, _csv(existing[0], "Sam;Jansen;2013-03-04;PO 22-02;absoluut_verzuim;ja;"))
    many_rows = [f"Kind{n};Jansen;2013-03-04;PO 22-02;vrijstelling_5a;nee;" for n in range(60)]
    many = _import(officer, _csv(*existing, *many_rows, "X;Y;2013-03-04;PO 00-00;absoluut_verzuim;ja;"))
    client = signed_in(officer)
    with CaptureQueriesContext(connection) as few_queries:
        client.get(reverse("cases:import_preview", args=[few.pk]))
    # when / then
    with django_assert_max_num_queries(len(few_queries)):
        response = client.get(reverse("cases:import_preview", args=[many.pk]))
    assert len(response.context["preview"].new) == 60


# --- commit -------------------------------------------------------------------------------------------


def test_commit_registers_every_new_case_through_the_case_service(
    signed_in: Callable[[User], Client], officer: User, swv: Organisation
) -> None:
    # given
    case_import = _import(
        officer,
        _csv(
            "Sam;Jansen;2013-03-04;PO 22-02;absoluut_verzuim;ja;2024-09-01",
            "Noor;de Vries;2012-06-01;PO 22-02;vrijstelling_5a;nee;",
        ),
    )
    client = signed_in(officer)
    # when
    response = client.post(reverse("cases:import_commit", args=[case_import.pk]))
    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:list")
    sam, noor = Case.objects.order_by("first_name").reverse()
    assert (sam.gemeente, sam.swv, sam.category, sam.is_project_case) == (
        case_import.gemeente,
        swv,
        Category.ABSOLUUT_VERZUIM,
        True,
    )
    assert (sam.registered_on, sam.escalation_start_on) == (date(2024, 9, 1), date(2024, 9, 1))
    assert noor.registered_on == timezone.localdate()
    assert sam.reference.startswith("WIO-")
    assert hasattr(sam, "absenteeism")
    assert hasattr(noor, "exemption")
    assert PreparationItem.objects.filter(case=sam).count() == len(PreparationKind.values)
    assert AuditEvent.objects.filter(event_type="case.create").count() == 2
    case_import.refresh_from_db()
    assert case_import.committed_at is not None
    assert case_import.created_count == 2
    assert case_import.content == ""  # the names and dates of birth do not outlive the commit
    commit = AuditEvent.objects.get(event_type="case_import.commit")
    assert commit.detail == {"created": 2, "already_registered": 0}
    assert _messages(response) == [
        ngettext(
            "%(count)d case has been imported into %(gemeente)s.",
            "%(count)d cases have been imported into %(gemeente)s.",
            2,
        )
        % {"count": 2, "gemeente": case_import.gemeente.name}
    ]


def test_commit_is_all_or_nothing(
    signed_in: Callable[[User], Client], officer: User, swv: Organisation
) -> None:
    # given: one good row and one with an unknown category
    case_import = _import(
        officer,
        _csv(
            "Sam;Jansen;2013-03-04;PO 22-02;absoluut_verzuim;ja;",
            "Noor;de Vries;2012-06-01;PO 22-02;onbekend;nee;",
        ),
    )
    client = signed_in(officer)
    # when
    response = client.post(reverse("cases:import_commit", args=[case_import.pk]))
    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:import_preview", args=[case_import.pk])
    assert not Case.objects.exists()
    case_import.refresh_from_db()
    assert case_import.committed_at is None
    assert not AuditEvent.objects.filter(event_type__in=["case.create", "case_import.commit"]).exists()


def test_importing_the_same_file_again_creates_no_duplicates(
    signed_in: Callable[[User], Client], officer: User, swv: Organisation
) -> None:
    # given: a file that has been imported once
    content = _csv(
        "Sam;Jansen;2013-03-04;PO 22-02;absoluut_verzuim;ja;",
        "Noor;de Vries;2012-06-01;PO 22-02;vrijstelling_5a;nee;",
    ).encode("utf-8-sig")
    client = signed_in(officer)
    gemeente = _gemeente_of(officer)
    _upload(client, gemeente, content)
    client.post(reverse("cases:import_commit", args=[CaseImport.objects.get().pk]))
    # when: the same file is uploaded and committed again
    _upload(client, gemeente, content)
    second = CaseImport.objects.latest("pk")
    response = client.post(reverse("cases:import_commit", args=[second.pk]))
    # then
    assert Case.objects.count() == 2
    second.refresh_from_db()
    assert (second.created_count, second.committed_at is not None) == (0, True)
    assert _messages(response)[-1] == _(
        "No new cases: every youth in the file is already registered in %(gemeente)s."
    ) % {"gemeente": gemeente.name}


def test_a_second_commit_of_the_same_import_changes_nothing(
    signed_in: Callable[[User], Client], officer: User, swv: Organisation
) -> None:
    # given
    case_import = _import(officer, _csv("Sam;Jansen;2013-03-04;PO 22-02;absoluut_verzuim;ja;"))
    client = signed_in(officer)
    client.post(reverse("cases:import_commit", args=[case_import.pk]))
    Case.objects.all().delete()  # even had the case gone since, a replayed commit must not bring it back
    # when
    response = client.post(reverse("cases:import_commit", args=[case_import.pk]))
    preview = client.get(reverse("cases:import_preview", args=[case_import.pk]))
    # then
    assert response.status_code == 302
    assert not Case.objects.exists()
    assert AuditEvent.objects.filter(event_type="case_import.commit").count() == 1
    assert preview.status_code == 302
    assert preview["Location"] == UPLOAD_URL


def test_commit_only_accepts_post(signed_in: Callable[[User], Client], officer: User) -> None:
    # given
    case_import = _import(officer, _csv("Sam;Jansen;2013-03-04;PO 22-02;absoluut_verzuim;ja;"))
    client = signed_in(officer)
    # when
    response = client.get(reverse("cases:import_commit", args=[case_import.pk]))
    # then
    assert response.status_code == 405
    assert not Case.objects.exists()
