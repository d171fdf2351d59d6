"""What every count of the monitor starts from, shared by the core and the supporting counts.

Scope of every count: project cases (`is_project_case`) registered on or before the peildatum, placed
in the region of their samenwerkingsverband. A case whose SWV has no region is not counted anywhere, so
that the sum of the regions is the national figure.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import QuerySet

from cases.models import Case
from monitor.statistics.definitions import CountDefinition
from wio.accounts.models import Region


def counted_cases(peildatum: date, region_ids: Iterable[int] | None = None) -> QuerySet[Case]:
    cases = Case.objects.filter(is_project_case=True, registered_on__lte=peildatum, swv__region__isnull=False)
    return cases if region_ids is None else cases.filter(swv__region__in=list(region_ids))


def definition_text(*definitions: CountDefinition) -> str:
    return " ".join(f"{d.name}: {d.definition}" for d in definitions)


def by_region(rows: Iterable[dict[str, Any]]) -> dict[int, int]:
    """{region id: n} from rows of `.values(region=...).annotate(n=...)`."""
    return {row["region"]: row["n"] or 0 for row in rows}


def regions_in_order(region_ids: Iterable[int] | None = None) -> list[Region]:
    regions = Region.objects.only("id", "name", "phase_joined_id").order_by("name")
    return list(regions if region_ids is None else regions.filter(pk__in=list(region_ids)))
