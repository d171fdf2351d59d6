"""Dossier changes with rules of their own: checklist, consent withdrawal, knelpunten, actions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wio.confirmation import confirmation_page, is_confirmed
from wio.submissions.services import AlreadySubmitted
from wio.version_token import posted_version

from .. import selectors, services
from ..forms.base import CONFLICT_MESSAGE, with_version
from ..forms.entries import KnelpuntForm, PreparationItemForm
from ..models import ActionItem, Case, Consent, Knelpunt, PreparationItem
from ..permissions import can_withdraw_consent
from .common import actor, case_worker_required, editable_case_or_404, warn_about_health_terms


def _back_to(case: Case, anchor: str) -> HttpResponse:
    return redirect(f"{reverse('cases:detail', args=[case.pk])}#{anchor}")


@case_worker_required
@require_http_methods(["GET", "POST"])
def preparation_edit(request: HttpRequest, case_id: int, item_id: int) -> HttpResponse:
    case = editable_case_or_404(request, case_id)
    item = get_object_or_404(PreparationItem, pk=item_id, case=case)
    form = PreparationItemForm(request.POST or None, instance=item, initial=with_version(item))
    if request.method == "POST" and form.is_valid():
        try:
            services.preparation_item_update(
                item=item,
                actor=actor(request),
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                expected_version=form.expected_version(),
            )
        except services.ConflictError as conflict:
            form = PreparationItemForm(instance=conflict.current, initial=with_version(conflict.current))
            return render(
                request,
                "cases/preparation_form.html",
                {"case": case, "item": item, "form": form, "conflict": CONFLICT_MESSAGE},
                status=409,
            )
        messages.success(request, _("The preparation checklist has been updated."))
        warn_about_health_terms(request, form)
        return _back_to(case, "voorbereiding")
    status = 422 if request.method == "POST" else 200
    return render(
        request, "cases/preparation_form.html", {"case": case, "item": item, "form": form}, status=status
    )


@case_worker_required
@require_http_methods(["GET", "POST"])
def consent_withdraw(request: HttpRequest, case_id: int, consent_id: int) -> HttpResponse:
    case = selectors.get_case_for_user_or_404(request, case_id)
    if not can_withdraw_consent(request.user, case):
        raise PermissionDenied
    consent = get_object_or_404(Consent.objects.select_related("person", "case"), pk=consent_id, case=case)
    if consent.withdrawn_on is not None:
        return _back_to(case, "toestemming")
    if is_confirmed(request, consent.pk):
        services.consent_withdraw(consent=consent, actor=actor(request))
        messages.success(request, _("The consent has been withdrawn; it no longer applies."))
        return _back_to(case, "toestemming")
    context = {
        "case": case,
        "consent": consent,
        "back_url": f"{reverse('cases:detail', args=[case.pk])}#toestemming",
        "irreversible": True,
        "danger": True,
    }
    return confirmation_page(request, "cases/consent_confirm_withdraw.html", context, consent.pk)


@case_worker_required
@require_http_methods(["GET", "POST"])
def knelpunt_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = editable_case_or_404(request, case_id)
    form = KnelpuntForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.knelpunt_create(
                case=case, actor=actor(request), data=data, submission_key=form.submission_key_value()
            )
        except AlreadySubmitted:
            return _back_to(case, "knelpunten")
        messages.success(request, _("The bottleneck has been recorded."))
        warn_about_health_terms(request, form)
        return _back_to(case, "knelpunten")
    status = 422 if request.method == "POST" else 200
    return render(request, "cases/knelpunt_form.html", {"case": case, "form": form}, status=status)


@case_worker_required
@require_POST
def knelpunt_status(request: HttpRequest, case_id: int, knelpunt_id: int) -> HttpResponse:
    case = editable_case_or_404(request, case_id)
    knelpunt = get_object_or_404(Knelpunt, pk=knelpunt_id, cases=case)
    try:
        services.knelpunt_transition(
            knelpunt=knelpunt, case=case, to_status=request.POST.get("to_status", ""), actor=actor(request)
        )
    except (ValidationError, KeyError):
        messages.error(request, _("This step is not possible for this bottleneck."))
    else:
        messages.success(request, _("The status of the bottleneck has been updated."))
    return _back_to(case, "knelpunten")


@case_worker_required
@require_POST
def action_done(request: HttpRequest, case_id: int, action_id: int) -> HttpResponse:
    case = editable_case_or_404(request, case_id)
    action = get_object_or_404(ActionItem.objects.select_related("case"), pk=action_id, case=case)
    try:
        services.action_complete(
            action=action, actor=actor(request), expected_version=posted_version(request.POST)
        )
    except services.ConflictError:
        messages.error(request, CONFLICT_MESSAGE)
    else:
        messages.success(request, _("The action has been marked as done."))
    return _back_to(case, "acties")
