"""The dossier's sections of entries, described once for the views and the templates."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .forms import entries as forms
from .models import (
    ActionItem,
    Arrangement,
    CaseEntry,
    Consent,
    Conversation,
    Development,
    Goal,
    Involved,
    Movement,
    Narrative,
    Outcome,
    Plan,
    Referral,
    TimelineEntry,
)


@dataclass(frozen=True)
class Section:
    slug: str
    model: type[CaseEntry]
    form: type[forms.EntryForm]
    title: str | Promise
    add_label: str | Promise
    related_name: str
    empty_text: str | Promise
    # On screen the newest entry comes first (what happened last is what a worker looks for);
    # the printed dossier reads from the first entry to the last, like a file on paper.
    newest_first: bool = False

    @property
    def row_template(self) -> str:
        return f"cases/sections/rows/{self.slug}.html"


SECTIONS: tuple[Section, ...] = (
    Section(
        "betrokkenen",
        Involved,
        forms.InvolvedForm,
        _("People involved"),
        _("Add a person"),
        "involveds",
        _("No one has been added yet. Start with the parents and the youth."),
    ),
    Section(
        "toestemming",
        Consent,
        forms.ConsentForm,
        _("Consent"),
        _("Record consent"),
        "consents",
        _("No consent has been recorded. Nothing of this case may be shared yet."),
    ),
    Section(
        "tijdlijn",
        TimelineEntry,
        forms.TimelineEntryForm,
        _("Timeline"),
        _("Add to the timeline"),
        "timelineentrys",
        _("The timeline is empty."),
        newest_first=True,
    ),
    Section(
        "gesprekken",
        Conversation,
        forms.ConversationForm,
        _("Conversations"),
        _("Add a conversation"),
        "conversations",
        _("No conversations have been planned yet."),
    ),
    Section(
        "ontwikkeling",
        Development,
        forms.DevelopmentForm,
        _("Development that is there"),
        _("Record development"),
        "developments",
        _("No development has been recorded yet."),
    ),
    Section(
        "beweging",
        Movement,
        forms.MovementForm,
        _("New movement"),
        _("Record new movement"),
        "movements",
        _("No new movement has been recorded yet."),
    ),
    Section(
        "acties",
        ActionItem,
        forms.ActionItemForm,
        _("Actions"),
        _("Add an action"),
        "actionitems",
        _("There are no agreed actions."),
    ),
    Section(
        "plan",
        Plan,
        forms.PlanForm,
        _("Plan"),
        _("Start a plan"),
        "plans",
        _("There is no plan yet: one child, one family, one plan."),
    ),
    Section(
        "doelen",
        Goal,
        forms.GoalForm,
        _("Goals"),
        _("Add a goal"),
        "goals",
        _("The plan has no goals yet."),
    ),
    Section(
        "arrangementen",
        Arrangement,
        forms.ArrangementForm,
        _("Arrangements"),
        _("Add an arrangement"),
        "arrangements",
        _("There are no arrangements."),
    ),
    Section(
        "escalaties",
        Referral,
        forms.ReferralForm,
        _("Escalation referrals"),
        _("Add a referral"),
        "referrals",
        _("The case has not been escalated."),
    ),
    Section(
        "uitkomsten",
        Outcome,
        forms.OutcomeForm,
        _("Outcome per perspective"),
        _("Record an outcome"),
        "outcomes",
        _("Parents, youth and professionals have not yet described the result."),
    ),
    Section(
        "leerverhaal",
        Narrative,
        forms.NarrativeForm,
        _("Learning narrative"),
        _("Write the narrative"),
        "narratives",
        _("The learning narrative has not been written yet."),
    ),
)
SECTIONS_BY_SLUG = {section.slug: section for section in SECTIONS}


def on_screen(section: Section, entries: Iterable[Any]) -> list[Any]:
    """A section's entries in the order the dossier page shows them. `entries` come in the model's
    own order, which is chronological, and that is how the printed dossier shows them."""
    ordered = list(entries)
    return ordered[::-1] if section.newest_first else ordered


def section_or_404(slug: str) -> Section:
    try:
        return SECTIONS_BY_SLUG[slug]
    except KeyError:
        raise Http404 from None
