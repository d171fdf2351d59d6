"""The beraden of a case, with everyone at the table, for the subject-access overview (AVG art. 15).

Registered with `cases.access_registry` from the AppConfig; the other beraad models (steps,
perspectives, evaluations, …) are listed by the overview's generic walk.
"""

from django.utils.translation import gettext as _

from cases.access_registry import AccessContext, DataRow, DataSection
from cases.access_values import row_fields

from .models import Beraad, Participant

COVERS = frozenset({"moreelberaad.beraad", "moreelberaad.participant"})


def _participant_row(participant: Participant, names: bool) -> DataRow:
    return DataRow(
        title=_("Participant %(id)s") % {"id": participant.pk},
        fields=row_fields(participant, name_employees=names),
    )


def beraden_with_participants(context: AccessContext) -> list[DataSection]:
    names = context.name_employees
    section = DataSection(key="moreelberaad.beraad", title=_("Moreel Beraden and their participants"))
    beraden = Beraad.objects.filter(case=context.case).prefetch_related("participants").order_by("pk")
    for beraad in beraden:
        section.rows.append(
            DataRow(
                title=_("Moreel Beraad %(id)s") % {"id": beraad.pk},
                fields=row_fields(beraad, name_employees=names),
            )
        )
        section.rows.extend(_participant_row(p, names) for p in beraad.participants.order_by("pk"))
    return [section]
