"""Pages of a list that never show everything at once (issue 13): one page of rows, and the links
to the previous and next page that keep every other parameter of the address (filters, the page of
another list on the same screen).

A screen with more than one list gives each its own parameter (`param`), so paging one list leaves
the others where they were. The links are plain links: they work without JavaScript.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


@dataclass(frozen=True)
class PageOfRows:
    page: Page
    param: str
    previous_url: str
    next_url: str

    @property
    def rows(self) -> list[Any]:
        return list(self.page.object_list)


def _url_for(request: HttpRequest, param: str, number: int) -> str:
    query = request.GET.copy()
    query[param] = str(number)
    return f"{request.path}?{query.urlencode()}"


def page_of_rows(
    request: HttpRequest, rows: QuerySet[Any] | Sequence[Any], *, param: str, per_page: int
) -> PageOfRows:
    """The page of `rows` the address asks for in `param` (the first when absent or invalid; the last
    when beyond the end), with links to its neighbours. A queryset costs a COUNT and one page's rows."""
    page = Paginator(rows, per_page).get_page(request.GET.get(param))
    page.object_list = list(page.object_list)
    previous_url = _url_for(request, param, page.previous_page_number()) if page.has_previous() else ""
    next_url = _url_for(request, param, page.next_page_number()) if page.has_next() else ""
    return PageOfRows(page=page, param=param, previous_url=previous_url, next_url=next_url)
