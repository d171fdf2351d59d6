"""What each count of the monitor means, in words for the methodology page and next to each table."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class CountDefinition:
    name: Promise | str
    definition: Promise | str


PARENTS_SPOKEN_WITH = CountDefinition(
    _("Parents spoken with"),
    _(
        "Distinct parents, guardians and foster parents recorded as attendees of a held proposal "
        "conversation or parent conversation on or before the reference date."
    ),
)
DEVELOPMENT_PRESENT = CountDefinition(
    _("Youths with development already present"),
    _(
        "Youths in whom development already turned out to be present (in education, care, work or at "
        "home), as noted in the case file on or before the reference date."
    ),
)
NEW_MOVEMENT = CountDefinition(
    _("Youths with new movement"),
    _("Youths in whom new movement was created, with the first movement on or before the reference date."),
)
CASES_BY_CATEGORY = CountDefinition(
    _("Cases by category"),
    _(
        "Project cases registered on or before the reference date, by exemption 5 onder a or absolute "
        "absenteeism."
    ),
)
CONVERSATIONS = CountDefinition(
    _("Conversations held and planned"),
    _(
        "Planned: the number of conversations planned per case (three unless changed), added up. Held: "
        "conversations of any kind marked as held, on or before the reference date."
    ),
)
BERADEN_HELD = CountDefinition(
    _("Moreel Beraad sessions held"),
    _("Moreel Beraad sessions held or evaluated, starting on or before the reference date."),
)
KNELPUNTEN = CountDefinition(
    _("Bottlenecks by category and status"),
    _(
        "Bottlenecks raised on or before the reference date, with the status they had on that date. A "
        "bottleneck met in several cases counts once."
    ),
)
PASSEND_AANBOD = CountDefinition(
    _("Suitable offer within three months"),
    _(
        "Of the cases whose escalation clock started at least twelve weeks before the reference date: "
        "those with a suitable offer (durable, agreed by parents, youth and professionals) agreed within "
        "twelve weeks of the start."
    ),
)
HOURS = CountDefinition(
    _("Hours against budget"),
    _(
        "Hours written on the project per municipality with an hours budget, regular and extra, against "
        "that budget; rounded to whole hours. Hours of every date are counted."
    ),
)
DEFINITIONS: list[CountDefinition] = [
    PARENTS_SPOKEN_WITH,
    DEVELOPMENT_PRESENT,
    NEW_MOVEMENT,
    CASES_BY_CATEGORY,
    CONVERSATIONS,
    BERADEN_HELD,
    KNELPUNTEN,
    PASSEND_AANBOD,
    HOURS,
]
CORE_COUNTS = (PARENTS_SPOKEN_WITH, DEVELOPMENT_PRESENT, NEW_MOVEMENT)
