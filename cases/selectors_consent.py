"""The story consent, as one rule for a single case and for a whole list of stories (ADR 0016).

The rule exists twice, kept equal by a property test (tests/cases/test_consent_rule_twins.py): as SQL
for querysets, and in Python for the consents a page has already read (`consent_in_force_among`: the
dossier reads all of a case's consents, and compiling the SQL cost ~1.5 ms of every case page).

A story may be used only while the family's "anonymised story" consent is given and *nobody* who
gave it has withdrawn it: the youth's own withdrawal counts as much as a parent's, even when the
other one's consent still stands. A withdrawal stops counting only when the same person gives the
consent again later (a newer row).
"""

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q, QuerySet

from .constants import ConsentScope
from .models import Case, Consent


def standing_withdrawals(scope: str) -> QuerySet[Consent]:
    """Withdrawn consents of `scope` that the same person has not given again since."""
    given_again = Consent.objects.filter(
        case_id=OuterRef("case_id"),
        scope=scope,
        person_id=OuterRef("person_id"),
        withdrawn_on__isnull=True,
        pk__gt=OuterRef("pk"),
    )
    return Consent.objects.filter(scope=scope, withdrawn_on__isnull=False).exclude(Exists(given_again))


def consent_in_force_q(scope: str, case_field: str = "pk") -> Q:
    """For a queryset whose `case_field` is a case id: consent given, and no withdrawal standing."""
    given = Consent.objects.filter(case_id=OuterRef(case_field), scope=scope, withdrawn_on__isnull=True)
    withdrawn = standing_withdrawals(scope).filter(case_id=OuterRef(case_field))
    return Q(Exists(given)) & ~Q(Exists(withdrawn))


def story_consent_in_force(case: Case) -> bool:
    """Whether an anonymised story of this case may be used in the monitor (any new output)."""
    return Case.objects.filter(pk=case.pk).filter(consent_in_force_q(ConsentScope.ANONYMISED_STORY)).exists()


def consent_in_force_among(consents: Iterable[Consent], scope: str) -> bool:
    """`consent_in_force_q` over every consent of one case, already read: a consent of `scope` is
    given, and no withdrawal stands (one stops standing when the same person gives it again later)."""
    rows = [consent for consent in consents if consent.scope == scope]

    def given_again(withdrawal: Consent) -> bool:
        return any(
            row.person_id == withdrawal.person_id and row.withdrawn_on is None and row.pk > withdrawal.pk
            for row in rows
        )

    given = any(row.withdrawn_on is None for row in rows)
    standing = any(row.withdrawn_on is not None and not given_again(row) for row in rows)
    return given and not standing
