"""Issue 13's acceptance, "query counts per page ≤ 20": every page the benchmark measures, opened by
the account the load driver uses, on the benchmark generator's own data (200 cases here, the same
shape as the national 100,000), plus the case page of the generated case with the most lists filled.
That the counts do not grow with the data is asserted per page elsewhere (tests/cases/test_dossier_pages.py,
test_my_work.py, test_views.py); this checks the ceiling on realistic data in one place."""

from django.db import connection
from django.db.models import Q
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from cases.models import Case
from cases.row_counts import row_count, row_count_annotations
from cases.selectors_dossier import _counted_relations
from tests.conftest import sign_in
from wio.accounts import demo as accounts_demo
from wio.accounts.models import User
from wio.benchmark.driver.pages import wio_pages
from wio.benchmark.people import login_email
from wio.benchmark.seed import generate
from wio.benchmark.shape import BIG_CITY_CODE

CASES = 200
PAGE_QUERY_CEILING = 20

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the generator loads with COPY"),
    pytest.mark.django_db,
]


def _busiest_big_city_case() -> Case:
    """The case of the big city (the benchmark's LPAs work there) with the most lists that have rows."""
    relations = _counted_relations()
    cases = Case.objects.filter(Q(gemeente__code=BIG_CITY_CODE)).annotate(**row_count_annotations(relations))
    return max(cases, key=lambda case: (sum((row_count(case, name) or 0) > 0 for name in relations), case.pk))


def _queries(client: Client, path: str) -> int:
    client.get(path)  # a session's first view may set up once
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200, path
    return len(context)


def test_every_measured_page_runs_at_most_20_queries_on_the_benchmarks_data() -> None:
    accounts_demo.seed()
    generate(CASES, log=lambda _line: None)
    pages = wio_pages()
    pages_by_account: dict[str, list[tuple[str, str]]] = {page.account: [] for page in pages}
    for page in pages:
        pages_by_account[page.account] += [(page.name, path) for path in page.paths]
    busiest = _busiest_big_city_case()
    pages_by_account["lpa"].append(("busiest case page", reverse("cases:detail", args=[busiest.pk])))

    counts: dict[tuple[str, str], int] = {}
    for account, paths in pages_by_account.items():
        client = sign_in(Client(), User.objects.get(email=login_email(account, 1)))
        counts |= {(name, path): _queries(client, path) for name, path in paths}

    assert {name for name, _path in counts} == {page.name for page in pages} | {"busiest case page"}
    assert {key: n for key, n in counts.items() if n > PAGE_QUERY_CEILING} == {}
