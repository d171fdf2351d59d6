"""Vocabularies of the Moreel Beraad (DOMAIN.md §5, §10 B; PEERS.md §3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_DURATION_MINUTES = 120
DEFAULT_PLANNED_SESSIONS = 3
DEFAULT_CENTRAL_QUESTION = "Wat is hier goede zorg / goed onderwijs?"


class Method(models.TextChoices):
    DILEMMA = "dilemmamethode", _("Dilemma method")
    SOCRATIC = "socratisch_gesprek", _("Socratic dialogue")
    NIJMEGEN = "nijmeegse_methode", _("Nijmegen method")
    OTHER = "anders", _("Other method")


class BeraadStatus(models.TextChoices):
    CONCEPT = "concept", _("Draft")
    UITGENODIGD = "uitgenodigd", _("Invited")
    GEHOUDEN = "gehouden", _("Held")
    GEEVALUEERD = "geevalueerd", _("Evaluated")
    GEANNULEERD = "geannuleerd", _("Cancelled")


OPEN_STATUSES = frozenset({BeraadStatus.CONCEPT, BeraadStatus.UITGENODIGD})


class ParticipantCategory(models.TextChoices):
    OUDER = "ouder", _("Parent")
    JEUGDIGE = "jeugdige", _("Youth")
    LPA = "lpa", _("School attendance officer")
    SWV = "swv", _("Partnership")
    GEMEENTE = "gemeente", _("Municipality")
    ZORGPARTNER = "zorgpartner", _("Care partner")
    GESPECIALISEERD_ONDERWIJS = "gespecialiseerd_onderwijs", _("Specialised education")
    GEDRAGSWERK_OZJ = "gedragswerk_ozj", _("Gedragswerk / OZJ")
    RELEVANTE_ANDER = "relevante_ander", _("Relevant other")
    OVERIGE_PROFESSIONAL = "overige_professional", _("Other professional")


NON_PROFESSIONAL_CATEGORIES = frozenset(
    {ParticipantCategory.OUDER, ParticipantCategory.JEUGDIGE, ParticipantCategory.RELEVANTE_ANDER}
)


class ProposedBy(models.TextChoices):
    PARENTS = "parents", _("Proposed by the parents")
    PROFESSIONAL = "professional", _("Proposed by a professional")


class Answer(models.TextChoices):
    PENDING = "pending", _("No answer yet")
    ACCEPTED = "accepted", _("Accepted")
    TENTATIVE = "tentative", _("Maybe")
    DECLINED = "declined", _("Declined")


class LearningLevel(models.TextChoices):
    """The four levels of learning and reflection (DOMAIN.md §5)."""

    INDIVIDUAL = "individual", _("The individual question")
    RODE_DRAAD = "rode_draad", _("A common thread")
    SHAREABLE = "shareable", _("Shareable with other regions")
    IMPROVEMENT = "improvement", _("A step towards improvement")


class NextSession(models.TextChoices):
    UNDECIDED = "undecided", _("Not yet decided")
    NEEDED = "needed", _("A next session is needed")
    NOT_NEEDED = "not_needed", _("No next session")


class Step(models.TextChoices):
    """Steps of the dilemma method (PEERS.md §3); other methods use the generic ones."""

    CASE = "case", _("Presenting the case")
    DILEMMA = "dilemma", _("The dilemma: A or B, and the moral burden of each")
    CLARIFYING = "clarifying", _("Clarifying questions")
    PERSPECTIVES = "perspectives", _("Perspectives, values and norms")
    ALTERNATIVES = "alternatives", _("Alternatives")
    CHOICES = "choices", _("Each participant's argued choice")
    DIALOGUE = "dialogue", _("Dialogue")
    CONCLUSIONS = "conclusions", _("Conclusions")
    EVALUATION = "evaluation", _("Evaluation of the conversation")


METHOD_STEPS: dict[str, tuple[str, ...]] = {
    Method.DILEMMA: tuple(Step.values),
    Method.SOCRATIC: (Step.CASE, Step.CLARIFYING, Step.DIALOGUE, Step.CONCLUSIONS, Step.EVALUATION),
    Method.NIJMEGEN: (
        Step.CASE,
        Step.CLARIFYING,
        Step.PERSPECTIVES,
        Step.ALTERNATIVES,
        Step.CONCLUSIONS,
        Step.EVALUATION,
    ),
    Method.OTHER: (Step.CASE, Step.DIALOGUE, Step.CONCLUSIONS, Step.EVALUATION),
}
