"""Demo beraden for `manage.py seed_demo`, after the cases: one beraad for every case that reached
"beraad gepland" or later, with a table the parents approved.

The Borger-Odoorn cases get the full story: the demo project staff member leads, the demo
coordinator prepares, held sessions have their dilemma, conclusions, outcome, evaluation and a
rode-draad reflection, and the parents' consent names everyone at the table (the OZJ notulist is
among the people involved), so their preparation packs share the case information. Elsewhere the
pack says whose consent is missing. Every partnership has two meeting places; each beraad is held
at one of its partnership's. Like the case seed this is not a user action: bulk inserts, no
audit events.
"""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from cases.constants import ConsentScope, InvolvedRole, Status
from cases.models import Case, Consent, Involved
from wio.accounts.constants import OrganisationKind
from wio.accounts.models import Organisation, User

from .constants import (
    Answer,
    BeraadStatus,
    LearningLevel,
    NextSession,
    ParticipantCategory,
    ProposedBy,
    Step,
)
from .models import Beraad, Evaluation, MeetingPlace, Participant, Reflection, StepRecord

RANDOM_SEED = 2027
STAFF_EMAIL = "projectmedewerker@wio.example"
FULL_STORY_GEMEENTE = "GM1681"
PARENT_ROLES = (InvolvedRole.OUDER, InvolvedRole.VOOGD)
NOTULIST_NAME = "Iris Smeets"
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
MEETING_PLACES = (
    ("Kantoor samenwerkingsverband, vergaderzaal", "Stationsplein 1, {town}"),
    ("Gemeentehuis, zaal 2", "Raadhuisplein 2, {town}"),
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
    beraad: Beraad, case: Case, staff: User | None, people: list[Involved], notulist: Involved | None
) -> list[Participant]:
    parents = [p for p in people if p.role in PARENT_ROLES]
    lpa = next((p for p in people if p.role == InvolvedRole.LPA), None)
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
            involved=notulist,
            name=notulist.name if notulist else "Notulist OZJ",
            category=ParticipantCategory.GEDRAGSWERK_OZJ,
            organisation_name="OZJ",
            is_notulist=True,
            proposed_by=ProposedBy.PROFESSIONAL,
            answer=Answer.ACCEPTED,
        ),
        Participant(
            beraad=beraad,
            involved=lpa,
            name=lpa.name if lpa else "Leerplichtambtenaar",
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
    places = _meeting_places()
    beraden = Beraad.objects.bulk_create(_beraad(case, rng, places.get(case.swv_id, [])) for case in cases)
    notulists = _notulists([case for case in cases if case.gemeente.code == FULL_STORY_GEMEENTE])
    participants, records, evaluations = [], [], []
    for beraad, case in zip(beraden, cases, strict=True):
        lead = staff if case.pk in notulists else None
        participants += _participants(beraad, case, lead, people.get(case.pk, []), notulists.get(case.pk))
        if beraad.status != BeraadStatus.UITGENODIGD:
            records += _held_records(beraad, rng)
        if beraad.status == BeraadStatus.GEEVALUEERD:  # a held beraad awaits its evaluation
            evaluations.append(Evaluation(beraad=beraad, case_quality_rating=rng.randint(3, 5)))
    Participant.objects.bulk_create(participants)
    _parents_name_the_table([p for p in participants if p.beraad.case_id in notulists])
    StepRecord.objects.bulk_create(r for r in records if isinstance(r, StepRecord))
    reflections = Reflection.objects.bulk_create(r for r in records if isinstance(r, Reflection))
    _release_every_other(reflections, staff)
    Evaluation.objects.bulk_create(evaluations)
    return f"{len(beraden)} beraden, {len(participants)} participants"


def _release_every_other(reflections: list[Reflection], releaser: User | None) -> None:
    """Half the rode draden released for the monitor (ADR 0016); the rest await a second person."""
    released = [r.pk for index, r in enumerate(reflections) if index % 2 == 0]
    Reflection.objects.filter(pk__in=released).update(released_by=releaser, released_at=timezone.now())


def _notulists(cases: list[Case]) -> dict[int, Involved]:
    """The OZJ notulist of the full-story sessions, added to the people involved of each case."""
    notulists = {
        case.pk: Involved(case=case, name=NOTULIST_NAME, role=InvolvedRole.OZJ, organisation_name="OZJ")
        for case in cases
    }
    Involved.objects.bulk_create(notulists.values())
    return notulists


def _parents_name_the_table(participants: list[Participant]) -> None:
    """The parents' consent to share with the beraad names every participant from the people involved."""
    at_table: dict[int, set[int]] = {}
    for participant in participants:
        if participant.involved_id:
            at_table.setdefault(participant.beraad.case_id, set()).add(participant.involved_id)
    consents = Consent.objects.filter(
        case_id__in=at_table,
        scope=ConsentScope.SHARE_WITH_BERAAD,
        withdrawn_on__isnull=True,
        person__role__in=PARENT_ROLES,
    ).order_by("pk")
    through = Consent.shared_with.through
    through.objects.bulk_create(
        (
            through(consent_id=consent.pk, involved_id=involved_id)
            for consent in consents
            for involved_id in sorted(at_table[consent.case_id])
        ),
        ignore_conflicts=True,
    )


def _meeting_places() -> dict[int, list[MeetingPlace]]:
    """Two meeting places for every partnership, in a town of its region."""
    towns: dict[int | None, str] = {}
    for gemeente in Organisation.objects.filter(kind=OrganisationKind.GEMEENTE).order_by("name"):
        towns.setdefault(gemeente.region_id, gemeente.name.removeprefix("Gemeente "))
    swvs = Organisation.objects.filter(kind=OrganisationKind.SWV).order_by("pk")
    rows = [
        MeetingPlace(swv=swv, name=name, address=address.format(town=towns.get(swv.region_id, "Assen")))
        for swv in swvs
        for name, address in MEETING_PLACES
    ]
    places: dict[int, list[MeetingPlace]] = {}
    for place in MeetingPlace.objects.bulk_create(rows):
        places.setdefault(place.swv_id, []).append(place)
    return places


def _beraad(case: Case, rng: random.Random, places: list[MeetingPlace]) -> Beraad:
    status = BERAAD_STATUSES[Status(case.status)]
    held = status != BeraadStatus.UITGENODIGD
    place = rng.choice(places) if places else None
    return Beraad(
        case=case,
        starts_at=_when(case, rng),
        meeting_place=place,
        location="" if place else f"Gemeentehuis {case.gemeente.name.removeprefix('Gemeente ')}",
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
