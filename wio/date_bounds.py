"""The span of dates each kind of date can sensibly take, enforced on every date field of a form.

A date typed as 0001-01-01 or 9999-12-31 is a slip of the keyboard, never a fact about a youth; once
stored it breaks date arithmetic (an escalation milestone twelve weeks after 9999-12-31 does not
exist). Forms therefore bound every date field, and arithmetic on stored dates goes through
`shift`, which cannot overflow.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

# Nothing in the project predates the Leerplichtwet practice it records.
EARLIEST_RECORD = date(2000, 1, 1)


def shift(day: date, delta: timedelta) -> date:
    """`day + delta`, held at the calendar's ends instead of raising OverflowError."""
    try:
        return day + delta
    except OverflowError:
        return date.max if delta > timedelta(0) else date.min


def shift_moment(moment: datetime, delta: timedelta) -> datetime:
    """`moment + delta`, held at the calendar's ends (in the moment's own time zone)."""
    try:
        return moment + delta
    except OverflowError:
        if delta > timedelta(0):
            return datetime.max.replace(tzinfo=moment.tzinfo)
        return datetime.min.replace(tzinfo=moment.tzinfo)


def _today() -> date:
    return timezone.localdate()


@dataclass(frozen=True)
class DateSpan:
    """Inclusive bounds, computed when a form is built (today moves)."""

    earliest: Callable[[], date]
    latest: Callable[[], date]
    message: "str | _StrPromise"

    def bounds(self) -> tuple[date, date]:
        return self.earliest(), self.latest()

    def validate(self, value: date | datetime) -> None:
        day = value.date() if isinstance(value, datetime) else value
        earliest, latest = self.bounds()
        if not earliest <= day <= latest:
            raise ValidationError(
                self.message,
                code="date_out_of_span",
                params={
                    "earliest": formats.date_format(earliest, "j F Y"),
                    "latest": formats.date_format(latest, "j F Y"),
                },
            )


CASE_EVENT = DateSpan(
    lambda: EARLIEST_RECORD,
    lambda: shift(_today(), timedelta(days=365)),
    _("Enter a date between %(earliest)s and %(latest)s."),
)
BERAAD_MOMENT = DateSpan(
    lambda: shift(_today(), timedelta(days=-730)),
    lambda: shift(_today(), timedelta(days=730)),
    _("A Moreel Beraad lies within two years of today: between %(earliest)s and %(latest)s."),
)
RECORDED_PAST = DateSpan(
    lambda: EARLIEST_RECORD,
    _today,
    _("Enter a date between %(earliest)s and today (%(latest)s)."),
)
DATE_OF_BIRTH = DateSpan(
    lambda: shift(_today(), timedelta(days=-366 * 30)),
    _today,
    _("Enter a date of birth between %(earliest)s and today."),
)


def _widget_bounds(field: forms.Field, earliest: date, latest: date) -> tuple[str, str]:
    if isinstance(field, forms.DateTimeField):
        return f"{earliest.isoformat()}T00:00", f"{latest.isoformat()}T23:59"
    return earliest.isoformat(), latest.isoformat()


def bound_dates(form: forms.BaseForm, spans: Mapping[str, DateSpan], default: DateSpan) -> None:
    """Give every date field its span: validated on the server, and as min/max for the browser."""
    for name, field in form.fields.items():
        if not isinstance(field, forms.DateField | forms.DateTimeField):
            continue
        span = spans.get(name, default)
        field.validators = [*field.validators, span.validate]
        field.widget.attrs["min"], field.widget.attrs["max"] = _widget_bounds(field, *span.bounds())


class BoundedDatesMixin:
    """Bounds every date field of the form; `date_spans` names the fields that differ from the default."""

    date_spans: ClassVar[Mapping[str, DateSpan]] = {}
    default_date_span: ClassVar[DateSpan] = CASE_EVENT

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bound_dates(self, self.date_spans, self.default_date_span)  # type: ignore[arg-type]
