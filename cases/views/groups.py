"""Editing one group of fields of the case itself: regie, youth voice, offer, escalation, details."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import selectors, services
from ..constants import Category
from ..forms import case as case_forms
from ..forms.base import CONFLICT_MESSAGE, with_version
from ..models import Case
from ..permissions import can_edit_case
from .common import actor, case_worker_required, warn_about_health_terms


@dataclass(frozen=True)
class FieldGroup:
    slug: str
    title: str | Promise
    form: type[case_forms.CaseFieldGroupForm]
    anchor: str
    category: Category | None = None  # the details of one category; None: fields of every case

    def applies_to(self, case: Case) -> bool:
        return self.category is None or case.category == self.category

    def instance(self, case: Case) -> Model:
        """Raises ObjectDoesNotExist when the case has no details row of this group's category."""
        if self.slug == "vrijstelling":
            return case.exemption
        if self.slug == "verzuim":
            return case.absenteeism
        return case

    def save(self, case: Case, request: HttpRequest, data: dict[str, Any], version: int) -> Model:
        update = {
            "vrijstelling": services.exemption_update,
            "verzuim": services.absenteeism_update,
        }.get(self.slug, services.case_update)
        return update(case=case, actor=actor(request), data=data, expected_version=version)


GROUPS = {
    group.slug: group
    for group in (
        FieldGroup("regie", gettext_lazy("Direction and mandate"), case_forms.RegieForm, "regie"),
        FieldGroup("stem", gettext_lazy("The youth's own voice"), case_forms.YouthVoiceForm, "stem"),
        FieldGroup("aanbod", gettext_lazy("Suitable offer"), case_forms.OfferForm, "escalatieklok"),
        FieldGroup("escalatie", gettext_lazy("Escalation clock"), case_forms.EscalationForm, "escalatieklok"),
        FieldGroup(
            "vrijstelling",
            gettext_lazy("Exemption 5 onder a"),
            case_forms.ExemptionForm,
            "gegevens",
            Category.VRIJSTELLING_5A,
        ),
        FieldGroup(
            "verzuim",
            gettext_lazy("Absolute absenteeism"),
            case_forms.AbsenteeismForm,
            "gegevens",
            Category.ABSOLUUT_VERZUIM,
        ),
    )
}


@case_worker_required
def group_edit(request: HttpRequest, case_id: int, group: str) -> HttpResponse:
    spec = GROUPS.get(group)
    if spec is None:
        raise Http404
    case = selectors.get_case_for_user_or_404(request, case_id)
    if not can_edit_case(request.user, case):
        raise PermissionDenied
    if not spec.applies_to(case):
        raise Http404  # the details of the other category (left behind when the category changed)
    try:
        instance = spec.instance(case)
    except ObjectDoesNotExist:
        raise Http404 from None
    form = spec.form(request.POST or None, instance=instance, initial=with_version(instance))
    if request.method == "POST" and form.is_valid():
        try:
            spec.save(case, request, form.case_data(), form.expected_version())
        except services.ConflictError as conflict:
            form = spec.form(instance=conflict.current, initial=with_version(conflict.current))
            return render(
                request,
                "cases/group_form.html",
                {"case": case, "group": spec, "form": form, "conflict": CONFLICT_MESSAGE},
                status=409,
            )
        messages.success(request, _("“%(group)s” has been saved.") % {"group": spec.title})
        warn_about_health_terms(request, form)
        return redirect(f"{reverse('cases:detail', args=[case.pk])}#{spec.anchor}")
    status = 422 if request.method == "POST" else 200
    return render(
        request, "cases/group_form.html", {"case": case, "group": spec, "form": form}, status=status
    )
