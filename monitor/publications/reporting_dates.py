"""The fixed dates for which the monitor publishes counts: the end of each month or quarter (ADR 0017).

Offering only these dates means a reader cannot ask for the day before and the day after one change
and subtract; every other date simply has no numbers. A date is offered once it has passed.
"""

from collections.abc import Iterator
from datetime import date, timedelta
from itertools import takewhile

from django.conf import settings
from django.utils import timezone

from wio.accounts.models import Phase

FIRST_POSSIBLE = date(2021, 1, 1)  # before the project's first phase
MONTHS_PER_PERIOD = {"month": 1, "quarter": 3}


def _months_per_period() -> int:
    period = getattr(settings, "WIO_REPORTING_PERIOD", "month")
    if period not in MONTHS_PER_PERIOD:
        raise ValueError(f"WIO_REPORTING_PERIOD must be one of {sorted(MONTHS_PER_PERIOD)}")
    return MONTHS_PER_PERIOD[period]


def _month_end(year: int, month: int) -> date:
    first_of_next = date(year + month // 12, month % 12 + 1, 1)
    return first_of_next - timedelta(days=1)


def _first_day() -> date:
    first = Phase.objects.order_by("starts_on").values_list("starts_on", flat=True).first()
    return max(first or FIRST_POSSIBLE, FIRST_POSSIBLE)


def _period_ends() -> Iterator[date]:
    """Every reporting date from the project's start on, oldest first, without end."""
    step, start = _months_per_period(), _first_day()
    year, month = start.year, step * ((start.month - 1) // step + 1)
    while True:
        yield _month_end(year, month)
        year, month = (year + 1, month + step - 12) if month + step > 12 else (year, month + step)


def reporting_dates(today: date | None = None) -> list[date]:
    """Every reporting date that has passed, newest first."""
    today = today or timezone.localdate()
    return list(takewhile(lambda end: end < today, _period_ends()))[::-1]


def next_reporting_date(today: date | None = None) -> date:
    """The first reporting date that has not passed yet: the next numbers are published after it."""
    today = today or timezone.localdate()
    return next(end for end in _period_ends() if end >= today)


def is_reporting_date(candidate: date, today: date | None = None) -> bool:
    return candidate in reporting_dates(today)


def latest_reporting_date(today: date | None = None) -> date | None:
    dates = reporting_dates(today)
    return dates[0] if dates else None
