"""The pages the benchmark measures, each with the account kind that opens it."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse

from cases.constants import ACTIVE_STATUSES
from cases.models import Case
from wio.accounts.models import Organisation

from ..shape import BIG_CITY_CODE

TYPICAL_CASES = 20  # the typical case page rotates over this many cases of median size


@dataclass(frozen=True)
class Page:
    name: str
    account: str  # the LOGIN_ACCOUNTS key of the clients that open it
    paths: tuple[str, ...]

    def path(self, number: int) -> str:
        return self.paths[number % len(self.paths)]


def _big_city_cases() -> list[tuple[int, int]]:
    """(case id, timeline entries) of the big city's active cases, smallest first."""
    city = Organisation.objects.get(code=BIG_CITY_CODE)
    rows = (
        Case.objects.filter(gemeente=city, status__in=ACTIVE_STATUSES)
        .annotate(entries=Count("timelineentrys"))  # the largest share of every file, one join
        .filter(~Q(entries=0))
        .order_by("entries", "pk")
        .values_list("pk", "entries")
    )
    return list(rows)


def case_pages() -> tuple[tuple[str, ...], str]:
    """Paths of typical case pages (median size) and of the longest case page."""
    cases = _big_city_cases()
    middle = len(cases) // 2
    typical = cases[max(0, middle - TYPICAL_CASES // 2) : middle + TYPICAL_CASES // 2]
    longest = cases[-1][0]
    return tuple(reverse("cases:detail", args=[pk]) for pk, _n in typical), reverse(
        "cases:detail", args=[longest]
    )


def wio_pages() -> list[Page]:
    """WIO's own pages the benchmark measures (the comparison admin exists only in its settings)."""
    typical, longest = case_pages()
    return [
        Page("case list", "lpa", (reverse("cases:list"),)),
        Page("typical case page", "lpa", typical),
        Page("case page, longest", "lpa", (longest,)),
        Page("monitor dashboard", "staff", (reverse("monitor:dashboard"),)),
        Page("beraad overview", "coordinator", (reverse("moreelberaad:list"),)),
        Page("Mijn werk", "lpa", (reverse("cases:my_work"),)),
    ]


def measured_pages() -> list[Page]:
    case_list, *others = wio_pages()
    admin = Page("admin changelist", "admin", (reverse("admin:cases_case_changelist"),))
    return [case_list, admin, *others]
