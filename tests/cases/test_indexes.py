"""Every filter the case list offers is backed by an index (issue #3 acceptance)."""

from django.db import connection

import pytest

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL's catalogue"),
]

# filter of the case list -> a column that must lead some index of cases_case
FILTER_COLUMNS = {
    "category": "category",
    "status": "status",
    "swv": "swv_id",
    "gemeente": "gemeente_id",
    "escalation": "escalation_start_on",
    "project case": "is_project_case",
    "reference search": "reference",
    "name search": "last_name",
}


def _index_definitions() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'cases_case'")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.parametrize(("name", "column"), FILTER_COLUMNS.items())
def test_filter_is_backed_by_an_index(name: str, column: str) -> None:
    leading = [d for d in _index_definitions() if f"({column}" in d.replace('"', "")]
    assert leading, f"no index starts with {column} for the {name} filter"


@pytest.mark.parametrize("column", ["first_name", "last_name"])
def test_name_search_uses_trigram_indexes(column: str) -> None:
    assert any("gin_trgm_ops" in d and column in d for d in _index_definitions())


def _plan_of_name_search(word: str) -> str:
    """The plan PostgreSQL chooses for the case list's name search, with sequential scans and full
    index walks priced out: a test table is too small for the planner to prefer a search index on its
    own, and once earlier tests have left rows and statistics behind it may walk the list's ordering
    index and filter every row instead. What is left is a bitmap scan, the only way a GIN index is read."""
    from cases.models import Case
    from cases.selectors import _search_q

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("SET LOCAL enable_indexonlyscan = off")
    return Case.objects.filter(_search_q(word)).order_by().explain()


def test_the_name_search_is_answered_from_the_trigram_indexes() -> None:
    # given the query the case list runs for a name ("icontains": UPPER(col::text) LIKE UPPER(…))
    plan = _plan_of_name_search("akke")

    # then PostgreSQL reads the reference and both trigram indexes instead of scanning every case
    assert "cases_case_reference_upper" in plan
    assert "cases_case_first_name_upper_trgm" in plan
    assert "cases_case_last_name_upper_trgm" in plan
    assert "Seq Scan" not in plan


def test_the_scope_of_an_officer_without_offers_is_a_plain_index_condition() -> None:
    # given an attendance officer whose municipality has no case offered to it
    from cases.selectors import cases_visible_to
    from tests.factories import user_with_role
    from wio.accounts.constants import Role

    officer = user_with_role(Role.LPA)

    # then the scope is "gemeente_id IN (…)", which the gemeente indexes answer: a handover subquery
    # inside the OR made every list, count and filter choice scan all cases (issue 13)
    sql = str(cases_visible_to(officer).query)
    assert "cases_casehandover" not in sql
    assert '"cases_case"."gemeente_id" IN' in sql
