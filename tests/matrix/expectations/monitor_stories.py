"""Monitor stories, rode draden, lessons, accountability and hotspots: project staff only (others 403),
except writing a story, which is for a case's own workers (404 on a case outside their scope, 403 for
every role that works with no cases), and editing one, which an author may do on their own story."""

from collections.abc import Callable

from django.urls import reverse

from tests.cases.factories import CaseFactory
from tests.factories import RegionFactory
from tests.matrix.expect import ENROL, LOGIN, NOT_FOUND, OK, REDIRECT, Expect
from tests.monitor.factories import AccountabilityFactory, LessonFactory, StoryFactory, ThemeFactory
from wio.accounts.constants import Role

CASE_WORKERS = (Role.LPA, Role.ONDERSTEUNER, Role.SWV_COORDINATOR)


def _staff(staff: str = OK, path: Callable[[], str] | None = None, method: str = "GET") -> Expect:
    return Expect(
        LOGIN, ENROL, roles={Role.PROJECT_STAFF: staff}, every_role=NOT_FOUND, path=path, method=method
    )


def _story_url(name: str) -> Callable[[], str]:
    return lambda: reverse(name, args=[StoryFactory().pk])


EXPECTATIONS: dict[str, Expect] = {
    "monitor:story_create": Expect(
        LOGIN,
        ENROL,
        roles=dict.fromkeys(CASE_WORKERS, NOT_FOUND),
        every_role=NOT_FOUND,
        path=lambda: reverse("monitor:story_create", args=[CaseFactory().pk]),
    ),
    "monitor:story_list": _staff(),
    "monitor:story_detail": _staff(path=_story_url("monitor:story_detail")),
    "monitor:story_edit": Expect(
        LOGIN,
        ENROL,
        roles={Role.PROJECT_STAFF: OK, **dict.fromkeys(CASE_WORKERS, NOT_FOUND)},
        every_role=NOT_FOUND,
        path=_story_url("monitor:story_edit"),
    ),
    "monitor:story_review": _staff(REDIRECT, _story_url("monitor:story_review"), "POST"),
    "monitor:story_approve": _staff(REDIRECT, _story_url("monitor:story_approve"), "POST"),
    "monitor:story_withdraw": _staff(REDIRECT, _story_url("monitor:story_withdraw"), "POST"),
    "monitor:theme_list": _staff(),
    "monitor:theme_create": _staff(),
    "monitor:theme_edit": _staff(path=lambda: reverse("monitor:theme_edit", args=[ThemeFactory().pk])),
    "monitor:hotspots": _staff(),
    "monitor:lesson_list": _staff(),
    "monitor:lesson_create": _staff(),
    "monitor:accountability_list": _staff(),
    "monitor:accountability_edit": _staff(
        path=lambda: reverse("monitor:accountability_edit", args=[RegionFactory().pk])
    ),
    # The second reader's buttons (ADR 0016): POST, back to the list.
    "monitor:theme_approve": _staff(
        REDIRECT, lambda: reverse("monitor:theme_approve", args=[ThemeFactory().pk]), "POST"
    ),
    "monitor:lesson_approve": _staff(
        REDIRECT, lambda: reverse("monitor:lesson_approve", args=[LessonFactory().pk]), "POST"
    ),
    "monitor:accountability_approve": _staff(
        REDIRECT, lambda: reverse("monitor:accountability_approve", args=[AccountabilityFactory().pk]), "POST"
    ),
}
