"""A destroyed case takes its stories along; published reports hold only aggregates and stay.

Registered with `cases.destroyers` from MonitorConfig.ready(): `cases` never imports this app.
"""

from cases.destroyers import Destruction
from monitor.models import Story


def destroy_stories(work: Destruction) -> None:
    _count, per_model = Story.objects.filter(case=work.case).delete()
    work.deleted(per_model)
