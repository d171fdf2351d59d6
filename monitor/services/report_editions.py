"""Re-issuing a published report as a new edition (ADR 0017), e.g. without a story whose consent ended.

A published PDF is a file the ministries may already hold; it cannot be changed. When a story it
printed may no longer be used, the report is withdrawn for the ministries and re-issued with the
same parameters and counts edition as edition n+1, which names the report it replaces and why. The
new PDF is generated from the stories whose consent still holds, so the story is left out by
construction. Idempotent: a report already withdrawn is not re-issued twice.
"""

import hashlib

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.constants import ConsentScope
from cases.models import Consent
from monitor.constants import ReportScope
from monitor.models import Report, Story
from monitor.services.reports import report_enqueue
from monitor.stories.selectors import usable_stories
from wio.audit import services as audit
from wio.audit.constants import Action, Purpose


def reports_that_printed(story: Story) -> QuerySet[Report]:
    """Published, current reports whose PDF may hold the story: its region (or national), a period
    containing its approval, and generated after it was approved."""
    if story.approved_at is None:
        return Report.objects.none()
    approved_on = timezone.localdate(story.approved_at)
    return Report.objects.filter(
        Q(scope=ReportScope.NATIONAL) | Q(scope=ReportScope.REGION, region_id=story.region_id),
        published_at__isnull=False,
        withdrawn_at__isnull=True,
        finished_at__gte=story.approved_at,
        period_start__lte=approved_on,
        period_end__gte=approved_on,
    )


def _next_key(report: Report) -> str:
    return hashlib.sha256(f"{report.parameters_key}:edition:{report.edition + 1}".encode()).hexdigest()


def _reissue(report: Report, reason: str, actor: audit.Actor) -> Report:
    Report.objects.filter(pk=report.pk).update(withdrawn_at=timezone.now())
    successor = Report.objects.create(
        scope=report.scope,
        region=report.region,
        period_start=report.period_start,
        period_end=report.period_end,
        peildatum=report.peildatum,
        suppression_k=report.suppression_k,
        publication=report.publication,
        parameters_key=_next_key(report),
        edition=report.edition + 1,
        replaces=report,
        reissue_reason=reason,
        requested_by=actor.user or report.requested_by,
        # The ministries keep seeing this report, now as the edition that replaced the withdrawn one.
        published_at=timezone.now(),
        published_by=actor.user or report.published_by,
    )
    report_enqueue(successor)  # an outbox job, written with the new edition (ADR 0013)
    for obj, event in ((report, "monitor.report.withdraw"), (successor, "monitor.report.reissue")):
        audit.record_change(
            actor=actor,
            obj=obj,
            action=Action.UPDATE if obj is report else Action.CREATE,
            event_type=event,
            purpose=Purpose.MONITORING,
            detail={"edition": obj.edition},
        )
    return successor


@transaction.atomic
def reissue_reports_without_stories(*, story_ids: list[int], actor: audit.Actor) -> list[Report]:
    """Withdraw every published report that may print one of these stories; re-issue each once."""
    reason = _("Re-issued without a story whose consent was withdrawn.")
    reissued = []
    for story in Story.objects.filter(pk__in=story_ids):
        for report in reports_that_printed(story).select_for_update():
            reissued.append(_reissue(report, reason, actor))
    return reissued


def reissue_reports_for_case(*, case_id: int, actor: audit.Actor) -> list[Report]:
    """Re-issue the reports that printed a story of this case that may no longer be used (a story
    whose consent still holds through another person stays, and so do its reports)."""
    unusable = Story.objects.filter(case_id=case_id).exclude(pk__in=usable_stories().values("pk"))
    return reissue_reports_without_stories(story_ids=list(unusable.values_list("pk", flat=True)), actor=actor)


def reissue_on_consent_withdrawal(consent: Consent) -> None:
    """Registered with `cases.consent_hooks`: runs after a withdrawal has committed; idempotent,
    because a withdrawn report is never re-issued twice."""
    if consent.scope != ConsentScope.ANONYMISED_STORY:
        return
    reissue_reports_for_case(case_id=consent.case_id, actor=audit.actor_from(user=consent.withdrawn_by))
