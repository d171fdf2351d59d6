"""Recording the session: the steps of the method, the perspectives table, the minutes, 'held'.

The coordinator, the gespreksleider and the notulist record; others in scope (the LPA) only view.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from cases.services import ConflictError
from wio.audit import services as audit
from wio.confirmation import confirmation_page, is_confirmed
from wio.submissions.services import AlreadySubmitted

from .. import selectors, services
from ..constants import METHOD_STEPS, Step
from ..forms.session import DilemmaForm, NotesForm, PerspectiveForm, StepForm
from ..models import Beraad, Perspective, StepRecord
from ..permissions import can_manage_beraad, can_record_beraad
from .common import actor, beraad_user_required, coordinator_actor

CONFLICT = gettext_lazy(
    "Someone else saved this in the meantime. Your text has not been saved; below is the current "
    "version, and your own text is shown so you can copy what is still needed."
)
RECORD_ANCHOR, OUTCOME_ANCHOR = "verslag", "uitkomst"


def recordable_beraad(request: HttpRequest, beraad_id: int) -> Beraad:
    """The beraad, if in the user's scope (else 404) and theirs to record (else 403)."""
    beraad = selectors.get_beraad_for_user_or_404(request, beraad_id)
    if not can_record_beraad(request.user, beraad, list(beraad.participants.all())):
        raise PermissionDenied
    return beraad


def recording_actor(request: HttpRequest, beraad: Beraad) -> audit.Actor:
    """Coordinators act as coordinator; a gespreksleider or notulist in their own role."""
    return coordinator_actor(request) if can_manage_beraad(request.user, beraad) else actor(request)


def removal_context(beraad: Beraad, anchor: str) -> dict[str, object]:
    """What every removal page of the record shares: back to its part of the beraad, red, for good."""
    back_url = f"{reverse('moreelberaad:detail', args=[beraad.pk])}#{anchor}"
    return {"beraad": beraad, "back_url": back_url, "irreversible": True, "danger": True}


def back_to(beraad: Beraad, anchor: str) -> HttpResponse:
    return redirect(f"{reverse('moreelberaad:detail', args=[beraad.pk])}#{anchor}")


def form_page(
    request: HttpRequest,
    beraad: Beraad,
    form: object,
    *,
    title: str,
    anchor: str,
    status: int = 200,
    intro: str = "",
    unsaved: str = "",
) -> HttpResponse:
    context = {
        "beraad": beraad,
        "form": form,
        "title": title,
        "intro": intro,
        "anchor": anchor,
        "conflict": CONFLICT if status == 409 else "",
        "unsaved": unsaved,
    }
    return render(request, "moreelberaad/session/form.html", context, status=status)


# --- steps ---------------------------------------------------------------------------------------


def _step_form(step: str, *args: object, **kwargs: object) -> StepForm | DilemmaForm:
    form_class = DilemmaForm if step == Step.DILEMMA else StepForm
    return form_class(*args, label=Step(step).label, **kwargs)  # type: ignore[arg-type]


def _step_initial(step: str, step_record: StepRecord | None) -> dict[str, object]:
    form_class = DilemmaForm if step == Step.DILEMMA else StepForm
    if step_record is None:
        return form_class.initial_for("", 0)
    return form_class.initial_for(step_record.content, step_record.version)


@beraad_user_required
@require_http_methods(["GET", "POST"])
def step_edit(request: HttpRequest, beraad_id: int, step: str) -> HttpResponse:
    beraad = recordable_beraad(request, beraad_id)
    if step not in METHOD_STEPS[beraad.method]:
        raise Http404
    step_record = StepRecord.objects.filter(beraad=beraad, step=step).first()
    form = _step_form(step, request.POST or None, initial=_step_initial(step, step_record))
    title = str(Step(step).label)
    if request.method == "POST" and form.is_valid():
        try:
            services.step_record_save(
                beraad=beraad,
                actor=recording_actor(request, beraad),
                step=step,
                content=form.record_content(),
                expected_version=form.expected_version(),
            )
        except ConflictError as conflict:
            current = conflict.current if isinstance(conflict.current, StepRecord) else None
            fresh = _step_form(step, initial=_step_initial(step, current))
            unsaved = form.record_content()
            return form_page(
                request, beraad, fresh, title=title, anchor=RECORD_ANCHOR, status=409, unsaved=unsaved
            )
        messages.success(request, _("The step has been recorded."))
        return back_to(beraad, RECORD_ANCHOR)
    status = 422 if request.method == "POST" else 200
    intro = beraad.ethical_question if step in (Step.CASE, Step.DILEMMA) else ""
    return form_page(request, beraad, form, title=title, anchor=RECORD_ANCHOR, status=status, intro=intro)


# --- the perspectives table ----------------------------------------------------------------------


@beraad_user_required
@require_http_methods(["GET", "POST"])
def perspective_add(request: HttpRequest, beraad_id: int) -> HttpResponse:
    beraad = recordable_beraad(request, beraad_id)
    form = PerspectiveForm(request.POST or None, beraad=beraad)
    if request.method == "POST" and form.is_valid():
        try:
            services.perspective_add(
                beraad=beraad,
                actor=recording_actor(request, beraad),
                data=form.model_data(),
                submission_key=form.submission_key_value(),
            )
        except AlreadySubmitted:
            return back_to(beraad, RECORD_ANCHOR)
        messages.success(request, _("The perspective has been added."))
        return back_to(beraad, RECORD_ANCHOR)
    status = 422 if request.method == "POST" else 200
    title = _("Add a perspective")
    return form_page(request, beraad, form, title=title, anchor=RECORD_ANCHOR, status=status)


@beraad_user_required
@require_http_methods(["GET", "POST"])
def perspective_edit(request: HttpRequest, beraad_id: int, perspective_id: int) -> HttpResponse:
    beraad = recordable_beraad(request, beraad_id)
    perspective = get_object_or_404(Perspective, pk=perspective_id, beraad=beraad)
    form = PerspectiveForm(request.POST or None, instance=perspective, beraad=beraad)
    title = _("Edit a perspective")
    if request.method == "POST" and form.is_valid():
        try:
            services.perspective_update(
                perspective=perspective,
                actor=recording_actor(request, beraad),
                data=form.model_data(),
                expected_version=form.expected_version(),
            )
        except ConflictError as conflict:
            fresh = PerspectiveForm(instance=conflict.current, beraad=beraad)
            unsaved = "\n".join(
                str(form.cleaned_data[n]) for n in ("perspective", "values", "norms", "argument")
            )
            return form_page(
                request, beraad, fresh, title=title, anchor=RECORD_ANCHOR, status=409, unsaved=unsaved
            )
        messages.success(request, _("The perspective has been saved."))
        return back_to(beraad, RECORD_ANCHOR)
    status = 422 if request.method == "POST" else 200
    return form_page(request, beraad, form, title=title, anchor=RECORD_ANCHOR, status=status)


@beraad_user_required
@require_http_methods(["GET", "POST"])
def perspective_remove(request: HttpRequest, beraad_id: int, perspective_id: int) -> HttpResponse:
    beraad = recordable_beraad(request, beraad_id)
    perspective = get_object_or_404(
        Perspective.objects.select_related("participant"), pk=perspective_id, beraad=beraad
    )
    if is_confirmed(request, perspective.version):
        services.perspective_remove(perspective=perspective, actor=recording_actor(request, beraad))
        messages.success(request, _("The perspective has been removed."))
        return back_to(beraad, RECORD_ANCHOR)
    name = perspective.participant.name
    context = {
        **removal_context(beraad, RECORD_ANCHOR),
        "title": _("Remove the perspective of %(name)s?") % {"name": name},
        "confirm_label": _("Remove the perspective"),
        "consequence": _("The perspective of %(name)s is removed from the record of this beraad.")
        % {"name": name},
    }
    return confirmation_page(
        request, "moreelberaad/session/confirm_remove.html", context, perspective.version
    )


# --- minutes and the session held ----------------------------------------------------------------


@beraad_user_required
@require_http_methods(["GET", "POST"])
def notes(request: HttpRequest, beraad_id: int) -> HttpResponse:
    beraad = recordable_beraad(request, beraad_id)
    form = NotesForm(request.POST or None, initial={"notes": beraad.notes, "version": beraad.version})
    title = _("Minutes")
    if request.method == "POST" and form.is_valid():
        try:
            services.notes_save(
                beraad=beraad,
                actor=recording_actor(request, beraad),
                notes=form.cleaned_data["notes"],
                expected_version=form.expected_version(),
            )
        except ConflictError as conflict:
            current = conflict.current
            fresh = NotesForm(initial={"notes": current.notes, "version": current.version})  # type: ignore[attr-defined]
            unsaved = form.cleaned_data["notes"]
            return form_page(
                request, beraad, fresh, title=title, anchor=RECORD_ANCHOR, status=409, unsaved=unsaved
            )
        messages.success(request, _("The minutes have been saved."))
        return back_to(beraad, RECORD_ANCHOR)
    status = 422 if request.method == "POST" else 200
    return form_page(request, beraad, form, title=title, anchor=RECORD_ANCHOR, status=status)


@beraad_user_required
@require_POST
def mark_held(request: HttpRequest, beraad_id: int) -> HttpResponse:
    beraad = recordable_beraad(request, beraad_id)
    try:
        services.mark_held(beraad=beraad, actor=recording_actor(request, beraad))
    except services.SessionStateError as refused:
        messages.error(request, str(refused.message))
    else:
        messages.success(request, _("The session has been recorded as held."))
    return back_to(beraad, OUTCOME_ANCHOR)
