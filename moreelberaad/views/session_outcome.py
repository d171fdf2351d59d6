"""After the session: the outcome with its commitments and follow-up actions, evaluation, reflections."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cases.services import ConflictError
from wio.confirmation import confirmation_page, is_confirmed
from wio.submissions.services import AlreadySubmitted

from .. import services
from ..constants import BeraadStatus
from ..forms.session import CommitmentForm, EvaluationForm, FollowUpActionForm, OutcomeForm, ReflectionForm
from ..models import Beraad, Evaluation, OrganisationCommitment, Reflection
from ..public_text import beraad_people
from .common import beraad_user_required
from .session import (
    CONFLICT,
    OUTCOME_ANCHOR,
    back_to,
    form_page,
    recordable_beraad,
    recording_actor,
    removal_context,
)


def _outcome_page(
    request: HttpRequest,
    beraad: Beraad,
    form: OutcomeForm,
    commitment_form: CommitmentForm,
    status: int = 200,
) -> HttpResponse:
    context = {
        "beraad": beraad,
        "form": form,
        "commitment_form": commitment_form,
        "commitments": list(beraad.commitments.all()),
        "conflict": CONFLICT if status == 409 else "",
    }
    return render(request, "moreelberaad/session/outcome_form.html", context, status=status)


@beraad_user_required
@require_http_methods(["GET", "POST"])
def outcome(request: HttpRequest, beraad_id: int) -> HttpResponse:
    beraad = recordable_beraad(request, beraad_id)
    form = OutcomeForm(request.POST or None, instance=beraad, known=lambda: beraad_people(beraad))
    if request.method == "POST" and form.is_valid():
        try:
            services.outcome_save(
                beraad=beraad,
                actor=recording_actor(request, beraad),
                data=form.model_data(),
                expected_version=form.expected_version(),
            )
        except ConflictError as conflict:
            fresh = OutcomeForm(instance=conflict.current)
            return _outcome_page(request, beraad, fresh, CommitmentForm(), status=409)
        messages.success(request, _("The outcome has been saved."))
        return back_to(beraad, OUTCOME_ANCHOR)
    status = 422 if request.method == "POST" else 200
    return _outcome_page(request, beraad, form, CommitmentForm(), status=status)


@beraad_user_required
@require_POST
def commitment_add(request: HttpRequest, beraad_id: int) -> HttpResponse:
    beraad = recordable_beraad(request, beraad_id)
    form = CommitmentForm(request.POST, known=lambda: beraad_people(beraad))
    if not form.is_valid():
        return _outcome_page(request, beraad, OutcomeForm(instance=beraad), form, status=422)
    try:
        services.commitment_add(
            beraad=beraad,
            actor=recording_actor(request, beraad),
            organisation_name=form.cleaned_data["organisation_name"],
            commitment=form.cleaned_data["commitment"],
            submission_key=form.submission_key_value(),
        )
    except AlreadySubmitted:
        return redirect("moreelberaad:outcome", beraad_id=beraad.pk)
    messages.success(request, _("The commitment has been added."))
    return redirect("moreelberaad:outcome", beraad_id=beraad.pk)


@beraad_user_required
@require_http_methods(["GET", "POST"])
def commitment_remove(request: HttpRequest, beraad_id: int, commitment_id: int) -> HttpResponse:
    beraad = recordable_beraad(request, beraad_id)
    commitment = get_object_or_404(OrganisationCommitment, pk=commitment_id, beraad=beraad)
    if is_confirmed(request, commitment.pk):
        services.commitment_remove(commitment=commitment, actor=recording_actor(request, beraad))
        messages.success(request, _("The commitment has been removed."))
        return redirect("moreelberaad:outcome", beraad_id=beraad.pk)
    name = commitment.organisation_name
    context = {
        **removal_context(beraad, OUTCOME_ANCHOR),
        "back_url": reverse("moreelberaad:outcome", args=[beraad.pk]),
        "title": _("Remove the commitment of %(name)s?") % {"name": name},
        "confirm_label": _("Remove the commitment"),
        "consequence": _("The commitment of %(name)s is removed from the outcome of this beraad.")
        % {"name": name},
    }
    return confirmation_page(request, "moreelberaad/session/confirm_remove.html", context, commitment.pk)


@beraad_user_required
@require_http_methods(["GET", "POST"])
def action_add(request: HttpRequest, beraad_id: int) -> HttpResponse:
    beraad = recordable_beraad(request, beraad_id)
    form = FollowUpActionForm(request.POST or None, case=beraad.case)
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_action_add(
                beraad=beraad,
                actor=recording_actor(request, beraad),
                description=form.cleaned_data["description"],
                due_on=form.cleaned_data["due_on"],
                owner=form.cleaned_data["owner"],
                owner_name=form.cleaned_data["owner_name"],
                submission_key=form.submission_key_value(),
            )
        except AlreadySubmitted:
            return back_to(beraad, OUTCOME_ANCHOR)
        messages.success(request, _("The follow-up action has been added to the case."))
        return back_to(beraad, OUTCOME_ANCHOR)
    status = 422 if request.method == "POST" else 200
    title = _("Add a follow-up action")
    intro = _("The action is added to the case's actions, with its action holder and due date.")
    return form_page(request, beraad, form, title=title, anchor=OUTCOME_ANCHOR, status=status, intro=intro)


@beraad_user_required
@require_http_methods(["GET", "POST"])
def evaluation(request: HttpRequest, beraad_id: int) -> HttpResponse:
    beraad = recordable_beraad(request, beraad_id)
    if beraad.status not in (BeraadStatus.GEHOUDEN, BeraadStatus.GEEVALUEERD):
        messages.error(request, _("A beraad is evaluated after it has been held."))
        return back_to(beraad, OUTCOME_ANCHOR)
    current = Evaluation.objects.filter(beraad=beraad).first()
    form = EvaluationForm(request.POST or None, instance=current)
    title = _("Evaluate the three goals of Moreel Beraad")
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_save(
                beraad=beraad,
                actor=recording_actor(request, beraad),
                data=form.model_data(),
                expected_version=form.expected_version(),
            )
        except ConflictError as conflict:
            fresh = EvaluationForm(instance=conflict.current)
            return form_page(request, beraad, fresh, title=title, anchor=OUTCOME_ANCHOR, status=409)
        except services.SessionStateError as refused:  # the table is not complete: say what is missing
            form.add_error(None, str(refused.message))
            return form_page(request, beraad, form, title=title, anchor=OUTCOME_ANCHOR, status=422)
        messages.success(request, _("The evaluation has been saved."))
        return back_to(beraad, OUTCOME_ANCHOR)
    status = 422 if request.method == "POST" else 200
    return form_page(request, beraad, form, title=title, anchor=OUTCOME_ANCHOR, status=status)


@beraad_user_required
@require_http_methods(["GET", "POST"])
def reflection_add(request: HttpRequest, beraad_id: int) -> HttpResponse:
    beraad = recordable_beraad(request, beraad_id)
    form = ReflectionForm(request.POST or None, known=lambda: beraad_people(beraad))
    if request.method == "POST" and form.is_valid():
        try:
            services.reflection_add(
                beraad=beraad,
                actor=recording_actor(request, beraad),
                level=form.cleaned_data["level"],
                theme=form.cleaned_data["theme"],
                text=form.cleaned_data["text"],
                submission_key=form.submission_key_value(),
            )
        except AlreadySubmitted:
            return back_to(beraad, OUTCOME_ANCHOR)
        messages.success(request, _("The reflection has been added."))
        return back_to(beraad, OUTCOME_ANCHOR)
    status = 422 if request.method == "POST" else 200
    title = _("Add a reflection")
    intro = _("Which lesson does this beraad hold, and at which level of learning?")
    return form_page(request, beraad, form, title=title, anchor=OUTCOME_ANCHOR, status=status, intro=intro)


@beraad_user_required
@require_http_methods(["GET", "POST"])
def reflection_remove(request: HttpRequest, beraad_id: int, reflection_id: int) -> HttpResponse:
    beraad = recordable_beraad(request, beraad_id)
    reflection = get_object_or_404(Reflection, pk=reflection_id, beraad=beraad)
    if is_confirmed(request, reflection.pk, reflection.released_at):
        services.reflection_remove(reflection=reflection, actor=recording_actor(request, beraad))
        messages.success(request, _("The reflection has been removed."))
        return back_to(beraad, OUTCOME_ANCHOR)
    context = {
        **removal_context(beraad, OUTCOME_ANCHOR),
        "title": _("Remove this reflection?"),
        "confirm_label": _("Remove the reflection"),
        "consequence": _("The reflection “%(theme)s” (%(level)s) is removed from this beraad.")
        % {"theme": reflection.theme or _("without a theme"), "level": reflection.get_level_display()},
    }
    template = "moreelberaad/session/confirm_remove.html"
    return confirmation_page(request, template, context, reflection.pk, reflection.released_at)
