"""A case with every kind of entry, and a generic check that nothing of it remains (ADR 0014)."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models
from django.test import Client

from cases.models import Case, SubjectAccessRequest
from moreelberaad.pack_files import meta_name, pdf_name
from tests.cases.factories import (
    ActionItemFactory,
    AttachmentFactory,
    CaseFactory,
    ConsentFactory,
    DevelopmentFactory,
    InvolvedFactory,
    KnelpuntFactory,
    MovementFactory,
    TimeEntryFactory,
    TimelineEntryFactory,
)
from tests.factories import UserFactory
from tests.forms.browser_forms import post_forms
from tests.monitor.factories import StoryFactory
from tests.moreelberaad.factories import BeraadFactory, ParticipantFactory, PerspectiveFactory

SENTINEL = "Zwaantje Sentinelberg"

Rows = dict[tuple[type[models.Model], str], set[Any]]


def full_case(**case_fields: Any) -> Case:
    """A case with people, consent, entries, hours, a knelpunt, files, a beraad with its pack, a story."""
    case = CaseFactory(first_name="Zwaantje", last_name="Sentinelberg", **case_fields)
    parent = InvolvedFactory(case=case, name=SENTINEL)
    ConsentFactory(case=case, person=parent)
    TimelineEntryFactory(case=case)
    ActionItemFactory(case=case)
    DevelopmentFactory(case=case)
    MovementFactory(case=case)
    TimeEntryFactory(case=case)
    KnelpuntFactory(cases=[case], description=f"Wachtlijst voor {SENTINEL}")
    beraad = BeraadFactory(case=case)
    participant = ParticipantFactory(beraad=beraad, involved=parent, name=SENTINEL)
    PerspectiveFactory(beraad=beraad, participant=participant)
    StoryFactory(case=case, title=f"Het verhaal van {SENTINEL}")
    storage_root = Path(settings.PRIVATE_MEDIA_ROOT)
    for name in (pdf_name(beraad.pk), meta_name(beraad.pk)):
        _write(storage_root / name, b"%PDF-1.7 pack")
    attachment = AttachmentFactory(case=case, original_name=f"{SENTINEL}.pdf")
    _write(storage_root / attachment.file.name, b"%PDF-1.7 attachment")
    overview = SubjectAccessRequest.objects.create(
        case=case,
        case_reference=case.reference,
        requested_by=UserFactory(),
        file_name=f"inzage/{case.pk}.pdf",
    )
    _write(storage_root / overview.file_name, b"%PDF-1.7 subject access")
    return case


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def case_files(case: Case) -> list[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    names = [attachment.file.name for attachment in case.attachments.all()]
    names += [n for beraad in case.beraden.all() for n in (pdf_name(beraad.pk), meta_name(beraad.pk))]
    names += [overview.file_name for overview in case.access_requests.exclude(file_name="")]
    return [root / name for name in names]


def _relations(model: type[models.Model]) -> Iterator[tuple[type[models.Model], str, bool]]:
    """(related model, field pointing at `model`, whether it nulls instead of deleting)."""
    for relation in model._meta.related_objects:
        if relation.many_to_many:
            through = relation.through
            for field in through._meta.get_fields():
                if getattr(field, "related_model", None) is model and field.concrete:
                    yield through, field.name, False
        else:
            nulls = relation.on_delete is models.SET_NULL
            yield relation.related_model, relation.field.name, nulls


def rows_referring_to(case: Case) -> Rows:
    """Every row that refers to the case or, recursively, to a row that does (by foreign key or M2M)."""
    found: Rows = {}
    frontier: list[tuple[type[models.Model], set[Any]]] = [(Case, {case.pk})]
    seen: set[tuple[type[models.Model], Any]] = set()
    while frontier:
        model, pks = frontier.pop()
        for related, field, nulls in _relations(model):
            rows = set(related._default_manager.filter(**{f"{field}__in": pks}).values_list("pk", flat=True))
            if not rows:
                continue
            found.setdefault((related, field), set()).update(rows)
            fresh = {pk for pk in rows if (related, pk) not in seen}
            seen.update((related, pk) for pk in fresh)
            if fresh and not nulls:
                frontier.append((related, fresh))
    return found


def remaining(before: Rows) -> list[str]:
    """Rows found before that still refer to anything destroyed (a nulled reference is gone)."""
    left = []
    for (model, field), pks in before.items():
        still = model._default_manager.filter(pk__in=pks)
        for pk, value in still.values_list("pk", f"{field}_id" if _is_fk(model, field) else "pk"):
            if _is_fk(model, field) and value is None:
                continue
            left.append(f"{model._meta.label} {pk} ({field})")
    return left


def _is_fk(model: type[models.Model], field: str) -> bool:
    return isinstance(model._meta.get_field(field), models.ForeignKey)


def submit(client: Client, page: str, fields: dict[str, str], status: int | None = None) -> Any:
    """GET `page`, fill its one POST form as a browser would (plus `fields`) and submit it."""
    html = client.get(page).content.decode()
    form = next(form for form in post_forms(html, page) if form.action.endswith(page))
    payload = [(name, value) for name, value in form.payload() if name not in fields]
    payload += list(fields.items())
    data: dict[str, list[str]] = {}
    for name, value in payload:
        data.setdefault(name, []).append(value)
    return client.post(form.action, data)
