"""Schemathesis runs the published schema against the app (issue 15): for every operation, generated
requests (valid and invalid) never get a 5xx, and every answer matches the schema. The client is a
real one of gemeente A; gemeente B's case must stay 404 whatever is asked."""

import json
from collections.abc import Iterator
from typing import Any

from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

import pytest
import schemathesis
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings

from cases.models import Case
from wio.accounts.models import Organisation

from ..cases.factories import CaseFactory, InvolvedFactory, TimelineEntryFactory
from ..factories import OrganisationFactory, RegionFactory
from .support import api_for

pytestmark = [pytest.mark.slow]

EXAMPLES_PER_OPERATION = 25


@pytest.fixture
def gemeente_a(db: None) -> Organisation:
    region = RegionFactory()
    gemeente = OrganisationFactory(region=region)
    case = CaseFactory(gemeente=gemeente, swv=OrganisationFactory(swv=True, region=region))
    TimelineEntryFactory(case=case)
    InvolvedFactory(case=case)
    return gemeente


@pytest.fixture
def case_of_b(db: None) -> Case:
    return CaseFactory()


@pytest.fixture
def token(gemeente_a: Organisation) -> str:
    return api_for(gemeente_a).token


@pytest.fixture
def transaction_kept_open() -> Iterator[None]:
    """The app runs in-process inside the test's transaction; as Django's test client does, the
    connection must not be closed at the end of each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _generated_schema() -> dict[str, Any]:
    """The schema as /api/schema/ serves it (test_the_published_schema_is_the_one_tested checks that);
    built at collection, before any database, so each operation becomes its own test."""
    document = SchemaGenerator().get_schema(request=None, public=True)
    parsed: dict[str, Any] = json.loads(OpenApiJsonRenderer().render(document))
    return parsed


schema = schemathesis.openapi.from_dict(_generated_schema())
schema.app = WSGIHandler()


@pytest.mark.django_db
def test_the_published_schema_is_the_one_tested(token: str, client: Any) -> None:
    served = client.get("/api/schema/?format=json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert served.status_code == 200
    assert served.json() == _generated_schema()


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_every_operation_keeps_to_the_schema(
    case: Any, token: str, case_of_b: Case, transaction_kept_open: None
) -> None:
    # A request can match the schema and still be refused: an organisation id that does not exist,
    # a partnership that does not serve the municipality, a youth of 26. Those rules are the forms'
    # (tests/api/test_access.py), not the schema's, so "schema-valid means accepted" is not checked.
    response = case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        excluded_checks=[schemathesis.checks.positive_data_acceptance],
    )
    if case.path_parameters and case.path_parameters.get("case_id") == case_of_b.pk:
        assert response.status_code in {404, 401, 429}
