"""Demo: closed cases carry their destruction dates, and one list awaits its two approvals."""

from datetime import timedelta

from django.utils import timezone

from .constants import Status
from .models import Case
from .retention import destruction_date, retention_years_for
from .services.retention import destruction_lists_create

DUE_IN_DEMO = 2  # closed cases of one municipality whose retention the demo lets end


def seed_retention(*, home_gemeente_code: str) -> int:
    """Dates for every closed case, then a destruction list for the home municipality."""
    closed = Case.objects.filter(status=Status.AFGESLOTEN, closed_on__isnull=True)
    for case in closed:
        case.closed_on = timezone.localdate(case.status_changed_at or timezone.now())
        case.destroy_on = destruction_date(
            closed_on=case.closed_on,
            date_of_birth=case.date_of_birth,
            legal_basis=case.legal_basis,
            retention_years=retention_years_for(case.gemeente_id),
        )
        case.save(update_fields=["closed_on", "destroy_on"])
    today = timezone.localdate()
    closed = Case.objects.filter(status=Status.AFGESLOTEN).order_by("reference")
    # The home municipality's closed cases if it has any, else those of the first that has some.
    first = closed.filter(gemeente__code=home_gemeente_code).first() or closed.first()
    if first is None:
        return 0
    same_gemeente = closed.filter(gemeente_id=first.gemeente_id)
    due = list(same_gemeente.values_list("pk", flat=True)[:DUE_IN_DEMO])
    Case.objects.filter(pk__in=due).update(
        closed_on=today - timedelta(days=6 * 365), destroy_on=today - timedelta(days=1)
    )
    return len(destruction_lists_create(today=today))
