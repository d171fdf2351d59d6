"""The API's lists cost the same number of queries for 3 rows as for 25 (rule 6)."""

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from ..cases.factories import CaseFactory, TimelineEntryFactory
from ..factories import OrganisationFactory, RegionFactory
from .support import api_for

pytestmark = pytest.mark.django_db


def _queries(api: Any, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert api.get(path).status_code == 200
    return len(captured.captured_queries)


def test_list_queries_do_not_grow_with_the_rows() -> None:
    region = RegionFactory()
    gemeente = OrganisationFactory(region=region)
    swv = OrganisationFactory(swv=True, region=region)
    first = CaseFactory(gemeente=gemeente, swv=swv)
    for _ in range(2):
        CaseFactory(gemeente=gemeente, swv=swv)
        TimelineEntryFactory(case=first)
    api = api_for(gemeente)
    few_cases = _queries(api, "/api/v1/casussen/")
    few_entries = _queries(api, f"/api/v1/casussen/{first.pk}/tijdlijn/")

    for _ in range(22):
        CaseFactory(gemeente=gemeente, swv=swv)
        TimelineEntryFactory(case=first)

    assert _queries(api, "/api/v1/casussen/") == few_cases
    assert _queries(api, f"/api/v1/casussen/{first.pk}/tijdlijn/") == few_entries
    assert few_cases <= 12
