"""The monitor's stories of a case, for the subject-access overview (AVG art. 15).

A story is anonymised, but it was written from this youth's case, so it is data about them.
"""

from django.utils.translation import gettext as _

from cases.access_registry import AccessContext, DataRow, DataSection
from cases.access_values import row_fields
from monitor.models import Story

COVERS = frozenset({"monitor.story"})


def stories_of_case(context: AccessContext) -> list[DataSection]:
    section = DataSection(key="monitor.story", title=_("Stories in the monitor"))
    for story in Story.objects.filter(case=context.case).prefetch_related("themes").order_by("pk"):
        section.rows.append(
            DataRow(
                title=_("Story %(id)s") % {"id": story.pk},
                fields=row_fields(story, name_employees=context.name_employees),
            )
        )
    return [section]
