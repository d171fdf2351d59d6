"""Demo beraden for `manage.py seed_demo`, after the cases: one beraad for every case that reached
"beraad gepland" or later, with a table the parents approved.

The Borger-Odoorn cases get the full story: the demo project staff member leads, the demo
coordinator prepares, held sessions have their dilemma, conclusions, outcome, evaluation and a
rode-draad reflection. Like the case seed this is not a user action: bulk inserts, no audit events.
"""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from cases.constants import InvolvedRole, Status
from cases.models import Case, Involved
from wio.accounts.models import User

from .constants import (
    Answer,
    BeraadStatus,
    LearningLevel,
    NextSession,
    ParticipantCategory,
    ProposedBy,
    Step,
)
from .models import Beraad, Evaluation, Participant, Reflection, StepRecord

RANDOM_SEED = 2027
STAFF_EMAIL = "projectmedewerker@wio.example"
BERAAD_STATUSES = {
    Status.BERAAD_GEPLAND: BeraadStatus.UITGENODIGD,
    Status.BERAAD_GEHOUDEN: BeraadStatus.GEHOUDEN,
    Status.VERVOLG: BeraadStatus.GEEVALUEERD,
    Status.NAZORG: BeraadStatus.GEEVALUEERD,
    Status.AFGESLOTEN: BeraadStatus.GEEVALUEERD,
}
QUESTIONS = (
    "Mogen we van de ouders vragen om hun kind toch een paar dagdelen naar school te laten gaan?",
    "Is de zorgboerderij een passende plek om te leren, ook als er geen diploma in zicht is?",
    "Hoeveel ruimte geven we de jeugdige om zelf het tempo te bepalen?",
    "Wegen de zorgen van school zwaarder dan het vertrouwen dat de ouders uitspreken?",
)
RODE_DRADEN = (
    (
        "Erkenning van ontwikkeling buiten school",
        "Ontwikkeling op de zorgboerderij telt pas mee als iemand het benoemt.",
    ),
    ("Financiering onderwijs-zorg", "Wie betaalt is onduidelijk zodra onderwijs en zorg samen moeten komen."),
    ("Ouders in de lead", "Als ouders de tafel kiezen, is het gesprek korter en concreter."),
)


def _when(case: Case, rng: random.Random) -> datetime:
    if case.status == Status.BERAAD_GEPLAND:
        day = timezone.localdate() + timedelta(days=rng.randint(3, 40))
    else:
        day = case.escalation_start_on + timedelta(days=rng.randint(30, 80))
    return timezone.make_aware(datetime.combine(day, time(hour=rng.choice((9, 10, 13, 14)))))


def _participants(
    beraad: Beraad, case: Case, staff: User | None, people: list[Involved]
) -> list[Participant]:
    parents = [p for p in people if p.role in (InvolvedRole.OUDER, InvolvedRole.VOOGD)]
    held = beraad.status != BeraadStatus.UITGENODIGD
    rows = [
        Participant(
            beraad=beraad,
            involved=parent,
            name=parent.name,
            category=ParticipantCategory.OUDER,
            proposed_by=ProposedBy.PARENTS,
            spoke_with_youth=True,
            answer=Answer.ACCEPTED,
            attended=True if held else None,
        )
        for parent in parents[:2]
    ]
    rows += [
        Participant(
            beraad=beraad,
            user=staff,
            name=str(staff) if staff else "Gespreksleider Gedragswerk",
            category=ParticipantCategory.GEDRAGSWERK_OZJ,
            organisation_name="Gedragswerk",
            is_gespreksleider=True,
            proposed_by=ProposedBy.PROFESSIONAL,
            answer=Answer.ACCEPTED,
        ),
        Participant(
            beraad=beraad,
            name="Notulist OZJ",
            category=ParticipantCategory.GEDRAGSWERK_OZJ,
            organisation_name="OZJ",
            is_notulist=True,
            proposed_by=ProposedBy.PROFESSIONAL,
            answer=Answer.ACCEPTED,
        ),
        Participant(
            beraad=beraad,
            name="Leerplichtambtenaar",
            category=ParticipantCategory.LPA,
            organisation_name=case.gemeente.name,
            has_mandate=True,
            proposed_by=ProposedBy.PROFESSIONAL,
            answer=Answer.ACCEPTED,
        ),
    ]
    return rows


def _held_records(beraad: Beraad, rng: random.Random) -> list[object]:
    theme, text = rng.choice(RODE_DRADEN)
    return [
        StepRecord(beraad=beraad, step=Step.DILEMMA, content="A: toch naar school\nB: eerst thuis verder"),
        StepRecord(beraad=beraad, step=Step.CONCLUSIONS, content="Samen kiezen voor een proefperiode."),
        Reflection(beraad=beraad, level=LearningLevel.RODE_DRAAD, theme=theme, text=text),
    ]


def seed() -> str:
    if Beraad.objects.exists():
        return "beraden already present"
    rng = random.Random(RANDOM_SEED)  # noqa: S311 - reproducible demo data, not security
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    cases = list(Case.objects.filter(status__in=BERAAD_STATUSES).select_related("gemeente").order_by("pk"))
    people: dict[int, list[Involved]] = {}
    for person in Involved.objects.filter(case__in=cases).order_by("pk"):
        people.setdefault(person.case_id, []).append(person)
    beraden = Beraad.objects.bulk_create(_beraad(case, rng) for case in cases)
    participants, records, evaluations = [], [], []
    for beraad, case in zip(beraden, cases, strict=True):
        lead = staff if case.gemeente.code == "GM1681" else None
        participants += _participants(beraad, case, lead, people.get(case.pk, []))
        if beraad.status != BeraadStatus.UITGENODIGD:
            records += _held_records(beraad, rng)
        if beraad.status == BeraadStatus.GEEVALUEERD:  # a held beraad awaits its evaluation
            evaluations.append(Evaluation(beraad=beraad, case_quality_rating=rng.randint(3, 5)))
    Participant.objects.bulk_create(participants)
    StepRecord.objects.bulk_create(r for r in records if isinstance(r, StepRecord))
    Reflection.objects.bulk_create(r for r in records if isinstance(r, Reflection))
    Evaluation.objects.bulk_create(evaluations)
    return f"{len(beraden)} beraden, {len(participants)} participants"


def _beraad(case: Case, rng: random.Random) -> Beraad:
    status = BERAAD_STATUSES[Status(case.status)]
    held = status != BeraadStatus.UITGENODIGD
    return Beraad(
        case=case,
        starts_at=_when(case, rng),
        location=f"Gemeentehuis {case.gemeente.name.removeprefix('Gemeente ')}",
        ethical_question=rng.choice(QUESTIONS),
        concrete_example="De jeugdige zit al langere tijd thuis; de ouders zien ontwikkeling, school niet.",
        status=status,
        parents_approved_on=case.escalation_start_on + timedelta(days=20),
        preparation_waiver="" if held else "De verklarende analyse volgt voor het beraad.",
        advice="Start met twee dagdelen op school naast de zorgboerderij." if held else "",
        advice_commitment=held,
        next_session=NextSession.NEEDED if case.status == Status.VERVOLG else NextSession.UNDECIDED,
        share_outcome_with_guests=held,
    )
