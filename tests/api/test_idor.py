"""Through the API, a token of gemeente A gets 404 for every object of gemeente B: every operation
of the published schema is called with B's case and B's entries, whatever the method."""

import pytest

from cases.models import Case

from ..cases.factories import ActionItemFactory, CaseFactory, InvolvedFactory, TimelineEntryFactory
from ..factories import OrganisationFactory
from .support import api_for
from .test_contract import _generated_schema

pytestmark = pytest.mark.django_db

ENTRY_FACTORIES = {
    "tijdlijn": TimelineEntryFactory,
    "betrokkenen": InvolvedFactory,
    "acties": ActionItemFactory,
}


def _path_for(template: str, case: Case) -> str:
    section = template.split("/")[-3] if "{entry_id}" in template else ""
    entry_id = ENTRY_FACTORIES[section](case=case).pk if section else 0
    return template.replace("{case_id}", str(case.pk)).replace("{entry_id}", str(entry_id))


def test_every_operation_on_another_municipalitys_case_is_404() -> None:
    case_of_b = CaseFactory()
    api = api_for(OrganisationFactory())
    calls = 0
    for template, operations in _generated_schema()["paths"].items():
        if "{case_id}" not in template:
            continue
        for method in operations:
            path = _path_for(template, case_of_b)
            if method == "get":
                response = api.get(path)
            elif method == "post":
                response = api.post(path, {"status": "afgesloten", "note": "x", "description": "x"})
            else:
                response = api.patch(path, {"description": "x", "last_name": "x"}, {"If-Match": '"v1"'})
            assert response.status_code == 404, f"{method.upper()} {path}: {response.status_code}"
            calls += 1
    assert calls == 15
    assert Case.objects.get(pk=case_of_b.pk).last_name == case_of_b.last_name
