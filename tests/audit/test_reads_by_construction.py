"""Views reach a youth's data only through the scoped gates, which note the read for the audit trail.

`get_case_for_user_or_404`, `get_beraad_for_user_or_404` and the story gates note what a response will
show (wio/audit/reads.py); AuditReadMiddleware records it. A view that fetched a case-data row some
other way would escape that, so this test reads the views' source: every lookup of a model row in a
view must be a child of an object that came through a gate (filtered by `case=`, `cases=` or
`beraad=`). The crawl test in tests/forms checks the result page by page.
"""

import ast
from pathlib import Path

from django.test import Client

import pytest

from tests.cases.factories import CaseFactory
from tests.conftest import sign_in
from tests.factories import MembershipFactory, user_with_role
from wio.accounts.constants import Role
from wio.audit.constants import Action, Result
from wio.audit.models import AuditEvent

ROOT = Path(__file__).resolve().parents[2]
VIEW_PACKAGES = ("cases/views", "moreelberaad/views", "monitor/views")
GATED_BY = {"case", "cases", "beraad", "case_id", "beraad_id"}
LOOKUPS = {"filter", "get", "exclude"}


def _reads_rows(call: ast.Call) -> bool:
    if isinstance(call.func, ast.Name) and call.func.id == "get_object_or_404":
        return True
    if isinstance(call.func, ast.Attribute) and call.func.attr in LOOKUPS:
        source = ast.unparse(call.func.value)
        return ".objects" in source or "_default_manager" in source or source.endswith("objects")
    return False


def _ungated_lookups() -> list[str]:
    found = []
    for package in VIEW_PACKAGES:
        for path in sorted((ROOT / package).glob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
                if isinstance(node, ast.Call) and _reads_rows(node):
                    keywords = {keyword.arg for keyword in node.keywords}
                    if not keywords & GATED_BY:
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno} {ast.unparse(node)[:80]}")
    return found


def test_views_look_up_rows_only_under_a_gated_case_or_beraad() -> None:
    assert _ungated_lookups() == []


@pytest.mark.django_db
def test_a_page_without_its_own_audit_call_still_records_the_read() -> None:
    """The group edit forms once showed the doctor's question without any trace (issue 9)."""
    case = CaseFactory()
    officer = user_with_role(Role.LPA)
    MembershipFactory(user=officer, organisation=case.gemeente, role=Role.LPA)
    client = sign_in(Client(), officer)
    before = AuditEvent.objects.count()

    response = client.get(f"/casussen/{case.pk}/gegevens/vrijstelling/")

    assert response.status_code == 200
    reads = AuditEvent.objects.order_by("pk")[before:]
    assert [(event.action, event.youth_ref, event.detail.get("view")) for event in reads] == [
        ("R", case.reference, "cases:group_edit")
    ]


@pytest.mark.django_db
def test_a_redirect_or_a_refusal_records_no_read() -> None:
    case = CaseFactory()
    officer = user_with_role(Role.LPA)
    MembershipFactory(user=officer, organisation=case.gemeente, role=Role.LPA)
    client = sign_in(Client(), officer)
    reads = AuditEvent.objects.filter(action=Action.READ, result=Result.OK)
    before = reads.count()

    saved = client.post(f"/casussen/{case.pk}/gegevens/regie/", {"version": "1"})
    other = CaseFactory()
    refused = client.get(f"/casussen/{other.pk}/gegevens/regie/")

    assert (saved.status_code, refused.status_code) == (302, 404)
    assert reads.count() == before  # the refusal is a denied event of its own
