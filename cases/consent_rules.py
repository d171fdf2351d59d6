"""Who may give consent (AVG art. 8, UAVG art. 5): a holder of parental authority, or the youth of 16+.

One rule for the consent form and the service that stores a consent, so neither can be bypassed.
"""

from datetime import date

from django.utils.translation import gettext as _

from .constants import ConsentGiver, InvolvedRole
from .models import Case, Involved

YOUTH_CONSENT_AGE = 16


def age_on(born: date, day: date) -> int:
    """Age in whole years on `day`."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def consent_giver_problem(*, case: Case, person: Involved, given_by: str, given_on: date) -> str:
    """Why this person cannot give consent in this capacity on that day; "" when they can."""
    if given_by == ConsentGiver.GEZAG:
        if not person.has_parental_authority:
            return _(
                "%(name)s is not recorded as having parental authority. Tick “has parental authority” "
                "under people involved, or record the consent as given by the youth."
            ) % {"name": person.name}
        return ""
    if person.role != InvolvedRole.JEUGDIGE:
        return _("Only the youth themselves can give consent as the youth.")
    if age_on(case.date_of_birth, given_on) < YOUTH_CONSENT_AGE:
        return _(
            "On %(day)s the youth was younger than 16: a parent or guardian with parental authority "
            "gives consent."
        ) % {"day": given_on.strftime("%d-%m-%Y")}
    return ""
