"""The project staff's start page: the latest published core counts, nationally, from the stored
publication (ADR 0017), never counted for the page; or, before there are any, when they will come."""

from typing import Any

from monitor.publications.cells import NATIONAL
from monitor.publications.editions import tables_for
from monitor.publications.reporting_dates import latest_reporting_date, next_reporting_date
from monitor.services.publications import publication_for
from monitor.statistics.scope import counted_cases
from wio.accounts.models import User
from wio.audit import services as audit


def latest_numbers_panel(user: User) -> dict[str, Any]:
    """The core counts of the latest reporting date once a counted case falls on or before it."""
    latest = latest_reporting_date()
    if latest is None or not counted_cases(latest).exists():
        return {"publication": None, "first_numbers_on": next_reporting_date()}
    publication = publication_for(latest, audit.actor_from(user=user))
    national = tables_for(publication, NATIONAL)["core-national"]
    _label, cells = national.rows[0]
    return {
        "publication": publication,
        "numbers": list(zip(national.columns, cells, strict=True)),
        "notes": national.notes,
    }
