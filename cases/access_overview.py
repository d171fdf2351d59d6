"""Everything WIO holds about one youth, and every access to it: the content of the AVG art. 15 PDF.

The data part walks the case's relations generically (`_meta.related_objects`, then the relations of
what was found, and so on), so a model added later is listed without anyone remembering to add it.
Apps above `cases` may render their models more readably (`cases.access_registry`); whatever they do
not claim is listed here in its plain form. The access part is the audit trail of the case reference.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import models
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.text import capfirst

from wio.accounts.constants import Role
from wio.audit.models import AuditEvent

from .access_registry import AccessContext, DataRow, DataSection, access_contributions
from .access_values import employee_label, row_fields
from .models import Case, RetentionSetting


def names_employees(case: Case) -> bool:
    """The municipality's choice whether employees are named (CJEU C-579/21); default: not named."""
    setting = RetentionSetting.objects.filter(gemeente_id=case.gemeente_id).first()
    return bool(setting and setting.names_in_access_overview)


def _children(rel: models.ForeignObjectRel, parent_pks: set[object]) -> QuerySet[models.Model]:
    model = rel.related_model
    lookup = f"{rel.field.name}__in"
    return model._default_manager.filter(**{lookup: parent_pks}).distinct()  # type: ignore[union-attr]


def reachable_rows(case: Case) -> dict[type[models.Model], set[object]]:
    """Every row linked to the case through any chain of relations pointing at it, by model.

    A row found along a second path is added once; only newly found rows are followed further.
    """
    found: dict[type[models.Model], set[object]] = defaultdict(set)
    found[Case].add(case.pk)
    work: list[tuple[type[models.Model], set[object]]] = [(Case, {case.pk})]
    while work:
        model, pks = work.pop(0)
        for rel in model._meta.related_objects:
            child = rel.related_model
            if not isinstance(child, type):
                continue
            new = set(_children(rel, pks).values_list("pk", flat=True)) - found[child]
            if new:
                found[child] |= new
                work.append((child, new))
    return dict(found)


def row_title(model: type[models.Model], pk: object) -> str:
    """ "Toestemming 12": the kind of data and the row's number, so a reader can refer to it."""
    return f"{capfirst(str(model._meta.verbose_name))} {pk}"


def _generic_section(model: type[models.Model], pks: set[object], name_employees: bool) -> DataSection:
    meta = model._meta
    section = DataSection(key=meta.label_lower, title=capfirst(str(meta.verbose_name_plural)))
    for row in model._default_manager.filter(pk__in=pks).order_by("pk"):
        fields = row_fields(row, name_employees=name_employees)
        section.rows.append(DataRow(title=row_title(model, row.pk), fields=fields))
    return section


def data_sections(case: Case, name_employees: bool) -> list[DataSection]:
    """The case first, then each kind of data in a fixed order; contributions render their own models."""
    context = AccessContext(case=case, name_employees=name_employees)
    contributions = access_contributions()
    claimed = {label for contribution in contributions for label in contribution.covers}
    rows = reachable_rows(case)
    sections = [_generic_section(Case, rows.pop(Case), name_employees)]
    for model in sorted(rows, key=lambda m: m._meta.label_lower):
        if model._meta.label_lower not in claimed:
            sections.append(_generic_section(model, rows[model], name_employees))
    for contribution in contributions:
        sections.extend(contribution.collect(context))
    return sections


@dataclass
class AccessLine:
    number: int
    when: str
    who: str
    what: str
    why: str
    result: str


@dataclass
class AccessLog:
    lines: list[AccessLine] = field(default_factory=list)


def _who(event: AuditEvent, name_employees: bool) -> str:
    role = str(Role(event.actor_role).label) if event.actor_role in Role.values else event.actor_role
    organisation = event.actor_organisation.name if event.actor_organisation else ""
    parts = [part for part in (role, organisation) if part]
    if event.actor is not None and name_employees:
        parts.insert(0, employee_label(event.actor, name_employees=True))
    return ", ".join(parts) or (event.actor_label if event.actor is None else "") or "WIO"


def access_log(case: Case, name_employees: bool) -> AccessLog:
    """Every audit event about this youth: who (role and organisation, a name only if chosen), when,
    what and why. The reference is what the trail records, so nothing is matched on names."""
    events = (
        AuditEvent.objects.filter(youth_ref=case.reference)
        .select_related("actor", "actor_organisation")
        .order_by("occurred_at", "id")
    )
    log = AccessLog()
    for event in events:
        log.lines.append(
            AccessLine(
                number=event.pk,
                when=formats.date_format(timezone.localtime(event.occurred_at), "j F Y H:i:s"),
                who=_who(event, name_employees),
                what=f"{event.get_action_display()}: {event.event_type}",
                why=str(event.get_purpose_display()),
                result=str(event.get_result_display()),
            )
        )
    return log
