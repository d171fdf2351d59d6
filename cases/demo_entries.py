"""The entries around one demo case: people, consent, timeline, conversations, plan and results.

Each function appends unsaved rows (and many-to-many links) to the draft; `cases.demo` saves them.
"""

import re
from datetime import timedelta

from wio.accounts.constants import Sector
from wio.accounts.models import User

from . import demo_content as content
from .consent_rules import YOUTH_CONSENT_AGE, age_on
from .constants import (
    ArrangementKind,
    ArrangementStatus,
    ConsentGiver,
    ConsentScope,
    ConversationKind,
    DevelopmentForm,
    FundingSource,
    GoalDomain,
    GoalStatus,
    InvolvedRole,
    OutcomePerspective,
    Perspective,
    ReferralKind,
    Status,
    TimelineType,
)
from .demo_cases import CaseDraft, DemoWorld
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
    Outcome,
    Plan,
    Referral,
    TimelineEntry,
)

HELD_CONVERSATIONS: tuple[tuple[str, str], ...] = (
    (ConversationKind.VOORSTEL, Status.VOORGESTELD),
    (ConversationKind.OUDERGESPREK, Status.OUDERGESPREK),
    (ConversationKind.CASUSGESPREK, Status.BERAAD_GEHOUDEN),
    (ConversationKind.NAZORG, Status.NAZORG),
)
NEXT_CONVERSATION: dict[str, str] = {
    Status.IN_BEELD: ConversationKind.VOORSTEL,
    Status.VOORGESTELD: ConversationKind.OUDERGESPREK,
    Status.VERVOLG: ConversationKind.NAZORG,
    Status.NAZORG: ConversationKind.NAZORG,
}
GOAL_STATUSES: dict[str, tuple[str, ...]] = {
    Status.BERAAD_GEHOUDEN: (GoalStatus.OPEN,),
    Status.VERVOLG: (GoalStatus.OPEN, GoalStatus.LOPEND),
    Status.NAZORG: (GoalStatus.LOPEND, GoalStatus.BEHAALD),
    Status.AFGESLOTEN: (GoalStatus.BEHAALD, GoalStatus.BEHAALD, GoalStatus.NIET_BEHAALD),
}


class People:
    """The betrokkenen of one case, grouped the way the other entries need them."""

    def __init__(self) -> None:
        self.parents: list[Involved] = []
        self.youth: list[Involved] = []
        self.professionals: list[Involved] = []


def _email(name: str) -> str:
    return re.sub(r"[^a-z.]", "", name.lower().replace(" ", ".")) + "@mail.example"


def _professional(world: DemoWorld, draft: CaseDraft, role: str, name: str, organisation: str) -> Involved:
    rng = world.rng
    return Involved(
        case=draft.case,
        name=name,
        role=role,
        organisation_name=organisation,
        has_mandate=rng.random() < 0.5,
        is_senior=rng.random() < 0.5,
        knows_network=rng.random() < 0.6,
        is_outsider=role == InvolvedRole.GEDRAGSWERK,
        spoke_with_youth=rng.random() < 0.4,
    )


def _family(world: DemoWorld, draft: CaseDraft, people: People) -> None:
    rng, case = world.rng, draft.case
    role = rng.choices((InvolvedRole.OUDER, InvolvedRole.VOOGD, InvolvedRole.PLEEGOUDER), (85, 10, 5))[0]
    for _ in range(2 if role == InvolvedRole.OUDER and rng.random() < 0.6 else 1):
        name = world.person(case.last_name)
        people.parents.append(
            Involved(
                case=case,
                name=name,
                role=role,
                contact=_email(name),
                spoke_with_youth=True,
                has_parental_authority=True,  # a foster parent here too: one who was given it
            )
        )
    people.youth.append(Involved(case=case, name=case.full_name, role=InvolvedRole.JEUGDIGE))
    relation, circle = rng.choice(content.RELEVANT_OTHERS)
    other = Involved(
        case=case, name=world.person(), role=InvolvedRole.RELEVANTE_ANDER, interests=f"{relation} ({circle})"
    )
    draft.rows.extend([*people.parents, *people.youth, other])


def add_people(world: DemoWorld, draft: CaseDraft) -> People:
    rng, case = world.rng, draft.case
    people = People()
    _family(world, draft, people)
    schools = content.PO_SCHOOLS if case.swv.sector == Sector.PO else content.VO_SCHOOLS
    professionals = [
        (InvolvedRole.LPA, world.staff_at(case.gemeente), case.gemeente.name),
        (InvolvedRole.SCHOOL, world.person(), rng.choice(schools)),
        (InvolvedRole.ZORGPARTNER, world.person(), rng.choice(content.CARE_PARTNERS)),
    ]
    if draft.reached(Status.EXPERTISE_VERZAMELD):
        professionals.append((InvolvedRole.DOA, world.staff_at(case.swv), case.swv.name))
        if rng.random() < 0.4:
            professionals.append((InvolvedRole.GEDRAGSWERK, world.person(), "Gedragswerk"))
    for role, name, organisation in professionals:
        people.professionals.append(_professional(world, draft, role, name, organisation))
    draft.rows.extend(people.professionals)
    return people


def add_consents(world: DemoWorld, draft: CaseDraft, people: People) -> None:
    """Parents and youth consent when the case is proposed to them (A11)."""
    if not draft.reached(Status.VOORGESTELD):
        return
    given_on, creator = draft.date_of(Status.VOORGESTELD), world.creator(draft.case)
    # A youth of 16 or older consents for themselves as well; a younger one is represented (ADR 0015).
    youth = [p for p in people.youth if age_on(draft.case.date_of_birth, given_on) >= YOUTH_CONSENT_AGE]
    for person in [*people.parents, *youth]:
        given_by = ConsentGiver.JEUGDIGE if person.role == InvolvedRole.JEUGDIGE else ConsentGiver.GEZAG
        consent = Consent(
            case=draft.case,
            person=person,
            scope=ConsentScope.SHARE_WITH_BERAAD,
            given_on=given_on,
            given_by=given_by,
        )
        draft.rows.append(consent)
        draft.links.append((consent, "shared_with", list(people.professionals)))
    if not draft.spec.story_consent:
        return
    for index, parent in enumerate(people.parents):
        story = Consent(
            case=draft.case, person=parent, scope=ConsentScope.ANONYMISED_STORY, given_on=given_on
        )
        if draft.spec.withdraw_story and index == 0:
            story.withdrawn_on = world.between(given_on, world.today)
            story.withdrawn_by = creator
        draft.rows.append(story)


def add_timeline(world: DemoWorld, draft: CaseDraft, people: People) -> None:
    rng, case = world.rng, draft.case
    first = TimelineEntry(
        case=case,
        occurred_on=case.registered_on,
        entry_type=TimelineType.MIJLPAAL,
        description=content.TIMELINE_TEXTS[TimelineType.MIJLPAAL][0],
    )
    entries = [first]
    for _ in range(rng.randint(1, 4)):
        entry_type = rng.choice(TimelineType.values)
        entries.append(
            TimelineEntry(
                case=case,
                occurred_on=world.between(case.registered_on, draft.last_date),
                entry_type=entry_type,
                description=rng.choice(content.TIMELINE_TEXTS[entry_type]),
                result=rng.choice(content.TIMELINE_RESULTS),
            )
        )
    others = [*people.parents, *people.professionals]
    for entry in entries:
        draft.links.append((entry, "involved", rng.sample(others, k=min(len(others), rng.randint(1, 2)))))
    draft.rows.extend(entries)


def _conversation(world: DemoWorld, draft: CaseDraft, people: People, kind: str, held: bool) -> Conversation:
    rng = world.rng
    youth_took_part = rng.random() < 0.4
    conversation = Conversation(
        case=draft.case,
        kind=kind,
        is_held=held,
        duration_minutes=rng.choice((60, 90, 120)),
        youth_took_part=youth_took_part and held,
        topics=rng.choice(content.CONVERSATION_TOPICS),
        outcome=rng.choice(content.CONVERSATION_OUTCOMES) if held else "",
    )
    attendees = [*people.parents, people.professionals[0]]
    if kind == ConversationKind.CASUSGESPREK:
        attendees.extend(people.professionals[1:])
    if youth_took_part:
        attendees.extend(people.youth)
    draft.links.append((conversation, "attendees", attendees))
    return conversation


def add_conversations(world: DemoWorld, draft: CaseDraft, people: People) -> None:
    """One held conversation per step the case passed, and the next one planned (A15)."""
    conversations = []
    for kind, status in HELD_CONVERSATIONS:
        for day in (d for s, d in zip(draft.path, draft.dates, strict=True) if s == status):
            conversation = _conversation(world, draft, people, kind, held=True)
            conversation.held_on = day
            conversations.append(conversation)
    if draft.active:
        next_kind = NEXT_CONVERSATION.get(draft.case.status, ConversationKind.CASUSGESPREK)
        planned = _conversation(world, draft, people, next_kind, held=False)
        planned.held_on = world.today + timedelta(days=world.rng.randint(3, 40))
        conversations.append(planned)
    draft.rows.extend(conversations)


def add_development_and_movement(world: DemoWorld, draft: CaseDraft) -> None:
    """Development that is already there (about half), new movement (about a third) (A12, A13)."""
    rng, case = world.rng, draft.case
    end = max(draft.last_date, case.registered_on)
    if rng.random() < 0.5:
        for form in rng.sample(DevelopmentForm.values, k=rng.randint(1, 2)):
            noted_on = world.between(case.registered_on, end)
            draft.rows.append(
                Development(
                    case=case,
                    form=form,
                    description=content.DEVELOPMENT_TEXTS[form],
                    noted_on=noted_on,
                    recognised_by_education=rng.random() < 0.3,
                    recognised_by_gemeente=rng.random() < 0.5,
                )
            )
        case.development_present = True
    beraad_held = draft.reached(Status.BERAAD_GEHOUDEN)
    if rng.random() < (0.45 if beraad_held else 0.12):
        start = draft.date_of(Status.BERAAD_GEHOUDEN) if beraad_held else case.registered_on
        days = sorted(world.between(start, end) for _ in range(rng.randint(1, 2)))
        for day, (description, factors) in zip(days, rng.sample(content.MOVEMENTS, k=len(days)), strict=True):
            draft.rows.append(
                Movement(
                    case=case,
                    occurred_on=day,
                    description=description,
                    contributing_factors=factors,
                )
            )
        case.movement_since = days[0]


def _action_owner(world: DemoWorld, draft: CaseDraft) -> tuple[User | None, str]:
    case = draft.case
    if (
        world.coordinator is not None
        and case.swv_id in world.coordinator_swv_ids
        and world.rng.random() < 0.5
    ):
        return world.coordinator, ""
    if world.lpa is not None and case.gemeente_id in world.lpa_gemeente_ids:
        return world.lpa, ""
    return None, world.staff_at(case.gemeente)


def add_actions(world: DemoWorld, draft: CaseDraft) -> None:
    """Agreed actions; the newest of an active case is open, some of those overdue (A9)."""
    rng, case = world.rng, draft.case
    if not draft.reached(Status.VOORGESTELD):
        return
    count = rng.randint(1, 3)
    for index in range(count):
        owner, owner_name = _action_owner(world, draft)
        action = ActionItem(
            case=case,
            description=rng.choice(content.ACTIONS),
            owner=owner,
            owner_name=owner_name,
            origin=rng.choice(content.ACTION_ORIGINS),
        )
        if draft.active and index == count - 1:
            late = draft.spec.overdue_action
            action.due_on = world.today + timedelta(days=rng.randint(-9, -2) if late else rng.randint(-6, 30))
        else:
            action.due_on = world.between(case.registered_on, draft.last_date)
            action.done_on = max(action.due_on - timedelta(days=rng.randint(0, 5)), case.registered_on)
        draft.rows.append(action)


def add_plan(world: DemoWorld, draft: CaseDraft) -> None:
    """1 kind, 1 gezin, 1 plan for every case past its first beraad (A20), an arrangement now and then."""
    rng, case = world.rng, draft.case
    if not draft.reached(Status.BERAAD_GEHOUDEN):
        return
    plan = Plan(
        case=case,
        is_active=draft.active,
        perspective=rng.choice(Perspective.values),
        education=content.PLAN_TEXTS["education"],
        home=content.PLAN_TEXTS["home"],
        leisure=content.PLAN_TEXTS["leisure"],
    )
    draft.rows.append(plan)
    held_on = draft.date_of(Status.BERAAD_GEHOUDEN)
    for domain in rng.sample([*GoalDomain.values, *GoalDomain.values], k=rng.randint(2, 4)):
        draft.rows.append(
            Goal(
                case=case,
                plan=plan,
                description=rng.choice(content.GOALS[domain]),
                domain=domain,
                owner_name=world.staff_at(case.gemeente),
                evaluate_on=held_on + timedelta(days=rng.randint(42, 120)),
                status=rng.choice(GOAL_STATUSES[case.status]),
            )
        )
    if rng.random() < 0.3:
        draft.rows.append(_arrangement(world, draft))


def _arrangement(world: DemoWorld, draft: CaseDraft) -> Arrangement:
    rng = world.rng
    kind = rng.choice(ArrangementKind.values)
    status = rng.choices(ArrangementStatus.values, weights=(3, 6, 1, 1, 1))[0]
    decided = status != ArrangementStatus.AANGEVRAAGD
    return Arrangement(
        case=draft.case,
        kind=kind,
        description=content.ARRANGEMENT_TEXTS[kind],
        funding_source=rng.choice(FundingSource.values),
        status=status,
        decided_on=world.between(draft.date_of(Status.BERAAD_GEHOUDEN), draft.last_date) if decided else None,
    )


def add_referrals_and_outcomes(world: DemoWorld, draft: CaseDraft) -> None:
    rng, case = world.rng, draft.case
    if case.casusregie_on and rng.random() < 0.3:
        draft.rows.append(Referral(case=case, kind=ReferralKind.CASUSREGIE, referred_on=case.casusregie_on))
    if case.doorbraakteam_checked_on and rng.random() < 0.2:
        composition = "Leerplicht, samenwerkingsverband, zorgaanbieder en Gedragswerk."
        referral = Referral(case=case, kind=ReferralKind.DOORBRAAKTEAM, composition=composition)
        referral.referred_on = case.doorbraakteam_checked_on
        draft.rows.append(referral)
    if draft.active:
        return
    for perspective in OutcomePerspective.values:
        draft.rows.append(
            Outcome(
                case=case,
                perspective=perspective,
                rating=rng.randint(2, 5),
                description=rng.choice(content.OUTCOME_TEXTS[perspective]),
                recorded_on=draft.last_date,
            )
        )


def add_entries(world: DemoWorld, draft: CaseDraft) -> None:
    people = add_people(world, draft)
    add_consents(world, draft, people)
    add_timeline(world, draft, people)
    add_conversations(world, draft, people)
    add_development_and_movement(world, draft)
    add_actions(world, draft)
    add_plan(world, draft)
    add_referrals_and_outcomes(world, draft)
    creator = world.creator(draft.case)
    for row in draft.rows:
        if isinstance(row, CaseEntry):
            row.created_by = creator
