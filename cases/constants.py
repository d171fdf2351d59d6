"""Vocabularies of the case file (DOMAIN.md §3, §10 A). Labels are Dutch domain words via gettext."""

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    VRIJSTELLING_5A = "vrijstelling_5a", _("Exemption 5 onder a")
    ABSOLUUT_VERZUIM = "absoluut_verzuim", _("Absolute absenteeism")


class Status(models.TextChoices):
    IN_BEELD = "in_beeld", _("In view")
    VOORGESTELD = "voorgesteld", _("Proposed")
    OUDERGESPREK = "oudergesprek", _("Parent conversation")
    EXPERTISE_VERZAMELD = "expertise_verzameld", _("Expertise gathered")
    BERAAD_GEPLAND = "beraad_gepland", _("Beraad planned")
    BERAAD_GEHOUDEN = "beraad_gehouden", _("Beraad held")
    VERVOLG = "vervolg", _("Follow-up")
    NAZORG = "nazorg", _("Aftercare")
    AFGESLOTEN = "afgesloten", _("Closed")


# The status pipeline (A23). Going back is allowed where the work really goes back: a cancelled
# beraad, a follow-up session, a case reopened after closing.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    Status.IN_BEELD: frozenset({Status.VOORGESTELD, Status.AFGESLOTEN}),
    Status.VOORGESTELD: frozenset({Status.OUDERGESPREK, Status.AFGESLOTEN}),
    Status.OUDERGESPREK: frozenset({Status.EXPERTISE_VERZAMELD, Status.AFGESLOTEN}),
    Status.EXPERTISE_VERZAMELD: frozenset({Status.BERAAD_GEPLAND, Status.AFGESLOTEN}),
    Status.BERAAD_GEPLAND: frozenset({Status.BERAAD_GEHOUDEN, Status.EXPERTISE_VERZAMELD}),
    Status.BERAAD_GEHOUDEN: frozenset({Status.VERVOLG, Status.NAZORG}),
    Status.VERVOLG: frozenset({Status.BERAAD_GEPLAND, Status.NAZORG, Status.AFGESLOTEN}),
    Status.NAZORG: frozenset({Status.VERVOLG, Status.AFGESLOTEN}),
    Status.AFGESLOTEN: frozenset({Status.VERVOLG}),
}
ACTIVE_STATUSES = frozenset(Status.values) - {Status.AFGESLOTEN}

# These two mirror the case's Moreel Beraad: the beraad sets them (through cases.services), a person
# never does by hand, or the page could say "beraad gepland" while no beraad is planned.
BERAAD_MIRROR_STATUSES = frozenset({Status.BERAAD_GEPLAND, Status.BERAAD_GEHOUDEN})


def is_step_back(from_status: str, to_status: str) -> bool:
    """True when `to_status` lies earlier in the pipeline than `from_status`."""
    return Status.values.index(to_status) < Status.values.index(from_status)


def needs_confirmation(from_status: str, to_status: str) -> bool:
    """Going back or closing asks for a confirmation and a reason (kept in the transition log)."""
    return to_status == Status.AFGESLOTEN or is_step_back(from_status, to_status)


def hand_transitions(from_status: str) -> tuple[list[str], list[str]]:
    """The statuses a person may choose from `from_status`: (forward, back), each in pipeline order."""
    allowed = [
        status
        for status in Status.values
        if status in ALLOWED_TRANSITIONS[from_status] and status not in BERAAD_MIRROR_STATUSES
    ]
    back = [status for status in allowed if is_step_back(from_status, status)]
    return [status for status in allowed if status not in back], back


PROJECT_CASES_PER_SWV = 5
DEFAULT_PLANNED_CONVERSATIONS = 3


class EscalationBasis(models.TextChoices):
    REGISTRATIE = "registratie", _("Registration of the case")
    MELDING = "melding", _("First report")
    EERSTE_VERZUIM = "eerste_verzuim", _("First absence")


class Milestone(models.TextChoices):
    """The Dullaert escalation timeline (A18): weeks after the escalation start date."""

    CASUSREGIE = "casusregie", _("Case direction instituted")
    DOORBRAAKTEAM = "doorbraakteam", _("Breakthrough team check")
    PASSEND_AANBOD = "passend_aanbod", _("Suitable offer")


MILESTONE_OFFSETS: dict[str, timedelta] = {
    Milestone.CASUSREGIE: timedelta(weeks=4),
    Milestone.DOORBRAAKTEAM: timedelta(weeks=8),
    Milestone.PASSEND_AANBOD: timedelta(weeks=12),
}
MILESTONE_WARNING_DAYS = 7


class MilestoneState(models.TextChoices):
    DONE = "done", _("Done")
    DUE = "due", _("Due")
    OVERDUE = "overdue", _("Overdue")


class Applicant(models.TextChoices):
    OUDERS = "ouders", _("Parent(s)")
    VOOGD = "voogd", _("Guardian")


class InvestigationStatus(models.TextChoices):
    NIET_GESTART = "niet_gestart", _("Not started")
    LOPEND = "lopend", _("In progress")
    AFGEROND = "afgerond", _("Completed")


class PreparationKind(models.TextChoices):
    VERKLARENDE_ANALYSE = "verklarende_analyse", _("Explanatory analysis")
    TIJDLIJN = "tijdlijn", _("Timeline")
    DOSSIER = "dossier", _("Case file")
    INDICATIE = "indicatie", _("Indication (education and care)")
    SYSTEMISCHE_INFORMATIE = "systemische_informatie", _("Systemic information")


class PreparationStatus(models.TextChoices):
    ONTBREEKT = "ontbreekt", _("Missing")
    BESCHIKBAAR = "beschikbaar", _("Available")
    VOLLEDIG = "volledig", _("Complete")
    ACTUEEL = "actueel", _("Up to date")
    NVT = "nvt", _("Not applicable")


PREPARATION_READY_STATUSES = frozenset(
    {PreparationStatus.VOLLEDIG, PreparationStatus.ACTUEEL, PreparationStatus.NVT}
)
# Only the case file may be "not applicable" (A6).
PREPARATION_NVT_ALLOWED = frozenset({PreparationKind.DOSSIER})


class TimelineType(models.TextChoices):
    MIJLPAAL = "mijlpaal", _("Milestone")
    ACTIE = "actie", _("Action taken")
    BESLUIT = "besluit", _("Decision")
    CONTACT = "contact", _("Contact")


class InvolvedRole(models.TextChoices):
    OUDER = "ouder", _("Parent")
    VOOGD = "voogd", _("Guardian")
    PLEEGOUDER = "pleegouder", _("Foster parent")
    JEUGDIGE = "jeugdige", _("Youth")
    LPA = "lpa", _("School attendance officer")
    SWV = "swv", _("Partnership")
    GEMEENTE = "gemeente", _("Municipality")
    ZORGPARTNER = "zorgpartner", _("Care partner")
    SCHOOL = "school", _("School")
    GESPECIALISEERD_ONDERWIJS = "gespecialiseerd_onderwijs", _("Specialised education")
    DOA = "doa", _("DOA")
    GEDRAGSWERK = "gedragswerk", _("Gedragswerk")
    OZJ = "ozj", _("OZJ")
    INGRADO = "ingrado", _("Ingrado")
    RELEVANTE_ANDER = "relevante_ander", _("Relevant other")
    OVERIGE_PROFESSIONAL = "overige_professional", _("Other professional")


CONSENTING_ROLES = frozenset(
    {InvolvedRole.OUDER, InvolvedRole.VOOGD, InvolvedRole.PLEEGOUDER, InvolvedRole.JEUGDIGE}
)


class ConsentScope(models.TextChoices):
    SHARE_WITH_BERAAD = "share_with_beraad", _("Share with named beraad participants")
    ANONYMISED_STORY = "anonymised_story", _("Use of an anonymised story in the monitor")


class ConversationKind(models.TextChoices):
    VOORSTEL = "voorstel", _("Proposal conversation")
    OUDERGESPREK = "oudergesprek", _("Parent conversation")
    CASUSGESPREK = "casusgesprek", _("Case conversation")
    NAZORG = "nazorg", _("Aftercare conversation")


class DevelopmentForm(models.TextChoices):
    ZORG_DAGBEHANDELING = "zorg_dagbehandeling", _("Care / day treatment")
    ZORGBOERDERIJ = "zorgboerderij", _("Care farm")
    THUIS_OUDERS = "thuis_ouders", _("At home / parents")
    STAGE_WERK = "stage_werk", _("Internship / work")
    AFSTANDSONDERWIJS = "afstandsonderwijs", _("Distance learning")
    PARTICULIER_ONDERWIJS = "particulier_onderwijs", _("Private education")
    OVERIG = "overig", _("Other")


class KnelpuntCategory(models.TextChoices):
    TOELATING = "toelating", _("Admission / enrolment")
    SCHOOLSOORT = "schoolsoort", _("School type")
    INDICATIE = "indicatie", _("Indication")
    TLV = "tlv", _("Admissibility statement")
    TOETS_EXAMEN = "toets_examen", _("Tests / exams")
    FINANCIERING = "financiering", _("Funding")
    VERANTWOORDING = "verantwoording", _("Accountability")
    BRIN = "brin", _("BRIN number")
    ONDERWIJSTIJD = "onderwijstijd", _("Teaching time / Variawet 50%")
    VARIAWET_TERMIJN = "variawet_termijn", _("Variawet 2 years / returning")
    BEVOEGDHEDEN = "bevoegdheden", _("Qualifications")
    LEERPLICHT = "leerplicht", _("Compulsory education")
    WACHTLIJST = "wachtlijst", _("Waiting list")
    SAMENWERKING = "samenwerking", _("Cooperation")
    OVERIG = "overig", _("Other")


class KnelpuntStatus(models.TextChoices):
    VERZAMELD = "verzameld", _("Collected")
    ONDERZOCHT = "onderzocht", _("Investigated")
    GEADRESSEERD = "geadresseerd", _("Addressed")
    GEAGENDEERD = "geagendeerd", _("Put on the agenda")


KNELPUNT_TRANSITIONS: dict[str, frozenset[str]] = {
    KnelpuntStatus.VERZAMELD: frozenset({KnelpuntStatus.ONDERZOCHT}),
    KnelpuntStatus.ONDERZOCHT: frozenset({KnelpuntStatus.GEADRESSEERD, KnelpuntStatus.GEAGENDEERD}),
    KnelpuntStatus.GEADRESSEERD: frozenset({KnelpuntStatus.GEAGENDEERD}),
    KnelpuntStatus.GEAGENDEERD: frozenset({KnelpuntStatus.GEADRESSEERD}),
}


class ProcesregieReason(models.TextChoices):
    STROEVE_SAMENWERKING = "stroeve_samenwerking", _("Difficult cooperation")
    AFSPRAKEN_NIET_NAGEKOMEN = "afspraken_niet_nagekomen", _("Agreements not kept")
    PROCESFACILITERING = "procesfacilitering", _("Process facilitation")


class Perspective(models.TextChoices):
    ONDERWIJS = "onderwijs", _("Education")
    WERK = "werk", _("Work")
    PARTICIPATIE = "participatie", _("Participation / daytime activities")


class GoalDomain(models.TextChoices):
    ONDERWIJS = "onderwijs", _("Education")
    ZORG = "zorg", _("Care")


class GoalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    LOPEND = "lopend", _("In progress")
    BEHAALD = "behaald", _("Achieved")
    NIET_BEHAALD = "niet_behaald", _("Not achieved")


class ArrangementKind(models.TextChoices):
    OZA = "oza", _("Education-care arrangement")
    VARIAWET = "variawet", _("Variawet deviation of teaching time")
    ANDERE_LOCATIE = "andere_locatie", _("Education elsewhere or remote")
    PARTICULIER = "particulier", _("Private school via the partnership")
    STAGE_WERK = "stage_werk", _("Internship / work")
    CERTIFICAAT = "certificaat", _("Certificate course")


class FundingSource(models.TextChoices):
    ONDERWIJS = "onderwijs", _("Education")
    ZORG = "zorg", _("Care")
    GEMEENTE = "gemeente", _("Municipality")
    SWV_LUMPSUM = "swv_lumpsum", _("Partnership lump sum")
    FRICTIEBUDGET = "frictiebudget", _("Friction budget / action table")


class ArrangementStatus(models.TextChoices):
    AANGEVRAAGD = "aangevraagd", _("Requested")
    GOEDGEKEURD = "goedgekeurd", _("Approved")
    AFGEWEZEN = "afgewezen", _("Rejected")
    BEZWAAR = "bezwaar", _("Objection lodged")
    HOORZITTING = "hoorzitting", _("Hearing")


class ReferralKind(models.TextChoices):
    CASUSREGIE = "casusregie", _("Case direction instituted")
    DOORBRAAKTEAM = "doorbraakteam", _("Breakthrough team")
    ACTIETAFEL = "actietafel", _("Action table")
    ARBITRAGE = "arbitrage", _("Arbitration")


class OutcomePerspective(models.TextChoices):
    OUDER = "ouder", _("Parent")
    JEUGDIGE = "jeugdige", _("Youth")
    PROFESSIONAL = "professional", _("Professional")


class ActivityCategory(models.TextChoices):
    """The activities of the hours estimate (DOMAIN.md §4.3, A24)."""

    VOORBEREIDING = "voorbereiding", _("Project preparation")
    INFO_VERZAMELEN = "info_verzamelen", _("Gathering information")
    OUDERGESPREK = "oudergesprek", _("Parent conversation")
    CASUSGESPREK = "casusgesprek", _("Case conversation")
    NAZORG = "nazorg", _("Aftercare")
    VOORZITTER = "voorzitter", _("Chairing")
    NOTULIST = "notulist", _("Minutes / analysis")
    RAPPORTAGE = "rapportage", _("Reporting")
    BIJEENKOMST = "bijeenkomst", _("Meeting")
    VERVOER = "vervoer", _("Transport")
    SCHOLING = "scholing", _("Training")


class HoursKind(models.TextChoices):
    REGULIER = "regulier", _("Regular")
    EXTRA = "extra", _("Extra")


class LegalBasis(models.TextChoices):
    """Why the municipality holds the file (AVG art. 6(1)(e): a task in the public interest)."""

    LEERPLICHT = "leerplicht", _("Supervision of compulsory education (Leerplichtwet 1969)")
    KWALIFICATIEPLICHT = "kwalificatieplicht", _("Supervision of the qualification duty (Leerplichtwet 1969)")
    RMC = "rmc", _("Regional registration of early school leavers (RMC)")


class ConsentGiver(models.TextChoices):
    """Who may give consent: a holder of parental authority, or a youth of 16 or older."""

    GEZAG = "gezag", _("Parent or guardian with parental authority")
    JEUGDIGE = "jeugdige", _("The youth (16 or older)")


class HandoverStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting acceptance")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Withdrawn")


class DestructionListStatus(models.TextChoices):
    PROPOSED = "proposed", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    DESTROYED = "destroyed", _("Destroyed")
    CANCELLED = "cancelled", _("Cancelled")


class DestructionReason(models.TextChoices):
    RETENTION = "retention", _("Retention period ended")
    REGISTERED_IN_ERROR = "in_error", _("Registered in error")


class ApproverRole(models.TextChoices):
    FUNCTIONAL_ADMIN = "functional_admin", _("Functional administrator")
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer")


class AccessRequestStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Being compiled")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")
