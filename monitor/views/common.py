from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponseBase

from cases.permissions import can_use_cases
from monitor.permissions import can_read_published_reports, can_use_monitor

View = Callable[..., HttpResponseBase]


def _requiring(predicate: Callable[[Any], bool]) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not predicate(request.user):
                # The monitor does not tell others that a page exists: a ministry user sees the
                # published reports and a 404 everywhere else.
                raise Http404
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


monitor_user_required = _requiring(can_use_monitor)
report_reader_required = _requiring(can_read_published_reports)
# Writing a story starts from a case, so its writers are case workers.
story_writer_required = _requiring(can_use_cases)
