"""The national data set of issue 13, written on top of the demo data (`bench_national_seed`)."""

import random
import time
from collections.abc import Callable

from django.db.models import Model
from django.utils import timezone

from cases.models import Case

from .people import seed_people
from .plan import Places, plan_cases
from .shape import NationalShape
from .tables import Table, vacuum_analyze
from .write_audit import write_audit
from .write_beraden import choose_beraden, write_beraden
from .write_cases import write_cases, write_details, write_preparation, write_status_changes
from .write_entries import EntryWriter

RANDOM_SEED = 13


def _highest_case_id() -> int:
    return Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def generate(cases: int, log: Callable[[str], None] = print) -> dict[str, int]:
    """Write the data set for `cases` cases in total; returns the rows written per table."""
    shape = NationalShape(cases)
    rng = random.Random(RANDOM_SEED)  # noqa: S311 - made-up data, the same on every run
    now = timezone.now()
    started = time.perf_counter()
    staff = seed_people()
    plans = plan_cases(shape, _highest_case_id() + 1, timezone.localdate(), rng)
    if not plans:
        return {}
    choose_beraden(plans, shape, Places.load(), rng)
    entry_count = sum(p.entries for p in plans)
    log(f"planned {len(plans)} cases, {entry_count} entries ({time.perf_counter() - started:.0f} s)")
    tables: list[Table] = [write_cases(plans, staff, now, rng)]
    tables += write_details(plans, now, rng)
    tables += [write_status_changes(plans, staff, now, rng), write_preparation(plans, now, rng)]
    entries = EntryWriter(plans, staff, now, rng)
    tables += entries.write_all()
    log(f"cases and dossiers written ({time.perf_counter() - started:.0f} s)")
    tables += write_beraden(plans, entries.involved_ids, staff, now, rng)
    tables.append(write_audit(plans, staff, now, rng))
    log(f"beraden and audit events written ({time.perf_counter() - started:.0f} s)")
    models: list[type[Model]] = [table.model for table in tables]
    vacuum_analyze(models)
    return {table.model._meta.label: table.rows_written for table in tables}
