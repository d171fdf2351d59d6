"""The national data set of issue 13, as proportions of the number of cases.

Measured nationally: 100,000 cases, 8,463 of them active; one big-city municipality with 3,000; one
partnership (SWV) with 1,602 cases and 560 beraden; about 1.25 million dossier entries, 400,000
people involved and 3 million audit events. `--cases N` scales every count by N / 100,000, so a
quick run keeps the same shape; the longest case keeps its 752 entries unless that would be more
than a tenth of all entries.
"""

from dataclasses import dataclass

NATIONAL_CASES = 100_000
ACTIVE_SHARE = 8_463 / NATIONAL_CASES
BIG_CITY_SHARE = 3_000 / NATIONAL_CASES
BIG_SWV_SHARE = 1_602 / NATIONAL_CASES
BIG_SWV_BERADEN_SHARE = 560 / NATIONAL_CASES
ENTRIES_PER_CASE = 12.5  # timeline, conversations, actions, development, movement
INVOLVED_PER_CASE = 4.0
AUDIT_EVENTS_PER_CASE = 30.0
LONGEST_CASE_ENTRIES = 752
# A national leerplicht department keeps every file; only some became WIO project cases.
PROJECT_CASE_SHARE = 0.2
EXEMPTION_SHARE = 0.55  # the rest is absolute absenteeism

# Where the big numbers live: Rotterdam and its secondary-education partnership (demo regions).
BIG_CITY_CODE = "GM0599"
BIG_SWV_CODE = "VO 28-01"
BIG_CITY_PO_SWV_CODE = "PO 28-01"


@dataclass(frozen=True)
class NationalShape:
    cases: int

    def _scaled(self, share: float) -> int:
        return round(self.cases * share)

    @property
    def active(self) -> int:
        return self._scaled(ACTIVE_SHARE)

    @property
    def big_city_cases(self) -> int:
        return self._scaled(BIG_CITY_SHARE)

    @property
    def big_swv_cases(self) -> int:
        return self._scaled(BIG_SWV_SHARE)

    @property
    def big_swv_beraden(self) -> int:
        return self._scaled(BIG_SWV_BERADEN_SHARE)

    @property
    def entries(self) -> int:
        return self._scaled(ENTRIES_PER_CASE)

    @property
    def involved(self) -> int:
        return self._scaled(INVOLVED_PER_CASE)

    @property
    def audit_events(self) -> int:
        return self._scaled(AUDIT_EVENTS_PER_CASE)

    @property
    def longest_case_entries(self) -> int:
        return min(LONGEST_CASE_ENTRIES, self.entries // 10)
