"""The story consent, as one rule for a single case and for a whole list of stories (ADR 0016).

A story may be used only while the family's "anonymised story" consent is given and *nobody* who
gave it has withdrawn it: the youth's own withdrawal counts as much as a parent's, even when the
other one's consent still stands. A withdrawal stops counting only when the same person gives the
consent again later (a newer row).
"""

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
