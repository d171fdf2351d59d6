"""When a closed case file is destroyed (Archiefwet 1995, Selectielijst gemeenten 2020; ADR 0014).

Pure date arithmetic, no writes: the services call it when a case is closed or edited, and the data
migration that backfilled closed cases uses the same rule.
"""

from datetime import date, timedelta

from django.conf import settings

from .constants import LegalBasis
from .models import RetentionSetting

# An LPA may delete a case registered in error this long after registering it; later, close it.
DELETE_IN_ERROR_DAYS = 30

# The Selectielijst's own term, counted from the date of birth: result 12.1.3 (leerplicht: destroy
# 19 years after birth); 12.1.4 (kwalificatieplicht: 2 years after the duty ends, at 18 at the
# latest); RMC follows the duty to guide youths up to 23 (2 years after). A file is never destroyed
# before this term, whatever shorter period a municipality sets.
YEARS_AFTER_BIRTH: dict[str, int] = {
    LegalBasis.LEERPLICHT: 19,
    LegalBasis.KWALIFICATIEPLICHT: 20,
    LegalBasis.RMC: 25,
}


def add_years(day: date, years: int) -> date:
    """The same calendar day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def retention_years_for(gemeente_id: int) -> int:
    setting = RetentionSetting.objects.filter(gemeente_id=gemeente_id).first()
    return setting.retention_years if setting is not None else settings.WIO_RETENTION_YEARS


def destruction_date(*, closed_on: date, date_of_birth: date, legal_basis: str, retention_years: int) -> date:
    """The municipality's years after closing, but never before the Selectielijst's term."""
    after_closing = add_years(closed_on, retention_years)
    selectielijst_term = add_years(date_of_birth, YEARS_AFTER_BIRTH.get(legal_basis, 19))
    return max(after_closing, selectielijst_term)


def may_delete_in_error(case_registered_on: date, today: date) -> bool:
    """Registered no more than DELETE_IN_ERROR_DAYS ago; anything older is closed, not deleted."""
    return case_registered_on >= today - timedelta(days=DELETE_IN_ERROR_DAYS)
