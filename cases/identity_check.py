"""The identity check: does a text that leaves the case file still point at a youth? (ADR 0016)

Every text that WIO shows or sends outside the case file — stories, lessons, accountability
answers, rode draden, reflections released for the monitor, the outcome e-mail to guests, the
place in an invitation or calendar — passes through `identity_findings` first. It looks for

- the names of the youth and of every betrokkene (`Involved`) of the cases concerned: a whole name
  in any letter case, and a single part of a person's name (first name, "Vries" of "de Vries")
  when it is written with a capital, as a name is;
- case references: the pattern `Case.reference` is made with, and the literal references known;
- dates of birth of the cases concerned in any common Dutch spelling (29-02-2012, 29/2/12,
  29 feb. 2012, 29 februari 2012, 2012-02-29), and "geboren" followed by a date, month or year;
- addresses (a street name ending in -straat, -weg, -laan, -plein, -brink … with a house number,
  or after "op de" / "aan de"), postcodes (1234 AB), phone numbers (06-…, +31 …) and e-mail
  addresses.

A finding is described by its kind, never by the text it matched: the message is shown to people
who may not know the family (a lesson's author sees the names of a whole region's cases this way
otherwise). What it cannot see: a nickname, a school or village that identifies in a small place,
a rare illness — the second reader (four eyes) is still needed; the check only stops the obvious.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from .constants import CONSENTING_ROLES, InvolvedRole
from .models import Case, Involved

MONTHS = (
    ("januari", "jan"),
    ("februari", "feb"),
    ("maart", "mrt", "mar"),
    ("april", "apr"),
    ("mei",),
    ("juni", "jun"),
    ("juli", "jul"),
    ("augustus", "aug"),
    ("september", "sep", "sept"),
    ("oktober", "okt", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)
MONTH_NUMBER = {spelling: number for number, names in enumerate(MONTHS, start=1) for spelling in names}
_MONTH_WORD = "|".join(sorted(MONTH_NUMBER, key=len, reverse=True))

# Name particles and words too common to count as a name on their own.
PARTICLES = frozenset(
    [
        "van",
        "de",
        "der",
        "den",
        "het",
        "ten",
        "ter",
        "te",
        "in",
        "'t",
        "op",
        "aan",
        "la",
        "le",
        "da",
        "di",
        "del",
        "von",
        "zu",
        "el",
        "al",
        "bin",
        "ben",
    ]
)
# Roles of the family and the people around it. Professionals and organisations identify no youth
# (and their names in a lesson are no reason to refuse it).
PERSON_ROLES = CONSENTING_ROLES | {InvolvedRole.RELEVANTE_ANDER}

REFERENCE_PATTERN = re.compile(r"(?<![\w-])WIO[-\s]?[0-9A-Z]{5,9}(?![\w-])", re.IGNORECASE)
_NUMERIC_DATE = re.compile(
    r"(?<![\d/.-])(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4}|\d{2})(?![\d/-])"
    r"|(?<![\d/.-])(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?![\d/-])"
)
_WORD_DATE = re.compile(
    rf"(?<!\w)(\d{{1,2}})(?:e|ste|de)?\s+({_MONTH_WORD})\.?\s*(?:'|’)?(\d{{4}}|\d{{2}})?(?!\w)", re.IGNORECASE
)
_MONTH_YEAR = re.compile(rf"(?<!\w)({_MONTH_WORD})\.?\s+(?:'|’)?(\d{{4}})(?!\w)", re.IGNORECASE)
_BORN_WORD = r"(?:geboren|geb\.|geboortedatum|geboortejaar|geboortemaand)"
_BORN = re.compile(
    rf"(?<!\w){_BORN_WORD}\W+(?:\w+\W+){{0,3}}?(?:\d|(?:{_MONTH_WORD})(?!\w))"
    rf"|(?<!\w)(?:\d{{4}}|(?:{_MONTH_WORD})(?!\w))\W+(?:\w+\W+){{0,2}}?{_BORN_WORD}(?!\w)",
    re.IGNORECASE,
)
# A day and month without a year is compared only against the few birthdays of one case's family:
# a region has a birthday on nearly every day of the year.
DAY_MONTH_LIMIT = 3
_STREET_SUFFIX = (
    r"straat|weg|laan|plein|brink|dijk|kade|gracht|singel|steeg|dreef|hof|pad|markt|wal|park|"
    r"hoek|veld|akker|kamp|baan|stede|donk|horst|hoeve|wijk|plantsoen|dreef|erf"
)
# A capitalised word ending in a street suffix ("Kerkstraat", or "Brink" itself).
_STREET = rf"(?=[A-Z])[\w'-]*?(?i:{_STREET_SUFFIX})(?!\w)"
_HOUSE_NUMBER = r"(?!(?:19|20)\d\d(?!\d))\d{1,4}(?:\s?[a-zA-Z](?!\w)|-\d+)?(?!\d)"
_ADDRESS = re.compile(
    rf"(?<!\w){_STREET}\s+{_HOUSE_NUMBER}"
    rf"|(?<!\w)(?:op|aan|in|naar|bij|langs)\s+(?:de|het|'t)\s+{_STREET}"
    rf"|(?<!\w){_STREET}[\s,]+[1-9]\d{{3}}\s?[A-Z]{{2}}(?!\w)"
)
_POSTCODE = re.compile(r"(?<!\w)[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}(?!\w)|(?<!\w)[1-9]\d{3}[a-z]{2}(?!\w)")
# A place that is somebody's home ("bij familie … thuis"): refused for the place of a meeting.
_HOME = re.compile(
    r"(?<!\w)(?:thuis|bij\s+(?:de\s+)?(?:familie|fam\.|gezin)|ten\s+huize)(?!\w)", re.IGNORECASE
)
_PHONE = re.compile(r"(?<![\w+])(?:\+31|0031|0)(?:\s*\(0\))?(?:[\s.-]*\d){9}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True)
class KnownPeople:
    """What the check knows of the cases a text concerns; empty for a text tied to no case."""

    youth_names: tuple[str, ...] = ()
    other_names: tuple[str, ...] = ()
    birth_dates: frozenset[date] = frozenset()
    references: frozenset[str] = frozenset()
    # set by `known_people_for_texts`, whose birth dates are only those a text could mention: the
    # cases concerned have more than DAY_MONTH_LIMIT birthdays, so the day-month rule is off
    many_birthdays: bool = False
    _patterns: dict[str, re.Pattern[str] | None] = field(default_factory=dict, compare=False, repr=False)

    def pattern(self, kind: str) -> re.Pattern[str] | None:
        if kind not in self._patterns:
            names = self.youth_names if kind == "youth" else self.other_names
            self._patterns[kind] = _names_pattern(names)
        return self._patterns[kind]


def _name_parts(name: str) -> list[str]:
    """The parts of a name that identify on their own: no particles, no initials."""
    words = re.findall(r"[^\W\d_][\w'’-]*", name)
    return [word for word in words if len(word) > 2 and word.lower() not in PARTICLES]


def _names_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """Whole names in any case; a single part only with a capital, as a name is written."""
    whole = {re.sub(r"\s+", " ", name.strip()) for name in names if len(name.strip()) > 2}
    parts = {part for name in whole for part in _name_parts(name)}
    alternatives = [
        r"\s+".join(map(re.escape, name.split())) for name in sorted(whole, key=len, reverse=True)
    ]
    capitalised = [f"(?-i:{re.escape(part[0].upper())})(?i:{re.escape(part[1:])})" for part in parts]
    if not alternatives and not capitalised:
        return None
    either = "|".join([f"(?i:{alt})" for alt in alternatives] + capitalised)
    return re.compile(rf"(?<![\w-])(?:{either})(?![\w-])")


def _youth_pattern_parts(known: KnownPeople) -> re.Pattern[str] | None:
    """The youth's own first and last name count in any letter case (the story check always did)."""
    parts = {part for name in known.youth_names for part in _name_parts(name)}
    if not parts:
        return None
    either = "|".join(re.escape(part) for part in sorted(parts, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{either})(?![\w-])", re.IGNORECASE)


# --- dates ---------------------------------------------------------------------------------------


def _year(raw: str) -> int:
    value = int(raw)
    return value if len(raw) == 4 else (2000 + value if value < 50 else 1900 + value)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def dates_in(text: str) -> set[date]:
    """Every full date written in the text, in the spellings Dutch writers use."""
    found: set[date] = set()
    for match in _NUMERIC_DATE.finditer(text):
        day, month, year, iso_year, iso_month, iso_day = match.groups()
        if iso_year:
            parsed = _safe_date(int(iso_year), int(iso_month), int(iso_day))
        else:
            parsed = _safe_date(_year(year), int(month), int(day))
        if parsed:
            found.add(parsed)
    for match in _WORD_DATE.finditer(text):
        day, month, year = match.groups()
        if year and (parsed := _safe_date(_year(year), MONTH_NUMBER[month.lower()], int(day))):
            found.add(parsed)
    return found


def _mentions_birth_date(text: str, birth_dates: frozenset[date], many_birthdays: bool = False) -> bool:
    if not birth_dates:
        return False
    if dates_in(text) & birth_dates:
        return True
    # "29 februari" without a year, or "februari 2012", of a known birthday: too close to call safe.
    days = {(born.day, born.month) for born in birth_dates}
    months = {(born.month, born.year) for born in birth_dates}
    for match in _WORD_DATE.finditer(text) if len(days) <= DAY_MONTH_LIMIT and not many_birthdays else ():
        day, month, year = match.groups()
        if not year and (int(day), MONTH_NUMBER[month.lower()]) in days:
            return True
    return any(
        (MONTH_NUMBER[month.lower()], int(year)) in months for month, year in _MONTH_YEAR.findall(text)
    )


# --- the check -----------------------------------------------------------------------------------


def finding_kinds(text: str, known: KnownPeople | None = None) -> list[str]:
    """The kinds of identifying data in the text (youth_name, other_name, reference, birth_date,
    address, postcode, phone, email), for code that needs to tell them apart."""
    known = known or KnownPeople()
    checks = (
        (
            "youth_name",
            lambda: _matches(known.pattern("youth"), text) or _matches(_youth_pattern_parts(known), text),
        ),
        ("other_name", lambda: _matches(known.pattern("other"), text)),
        ("reference", lambda: bool(REFERENCE_PATTERN.search(text)) or _has_literal(text, known.references)),
        (
            "birth_date",
            lambda: (
                bool(_BORN.search(text))
                or _mentions_birth_date(text, known.birth_dates, known.many_birthdays)
            ),
        ),
        ("address", lambda: bool(_ADDRESS.search(text))),
        ("postcode", lambda: bool(_POSTCODE.search(text))),
        ("phone", lambda: bool(_PHONE.search(text))),
        ("email", lambda: bool(_EMAIL.search(text))),
    )
    return [kind for kind, found in checks if found()]


def _matches(pattern: re.Pattern[str] | None, text: str) -> bool:
    return pattern is not None and pattern.search(text) is not None


def _has_literal(text: str, references: frozenset[str]) -> bool:
    upper = text.upper()
    return any(reference.upper() in upper for reference in references if reference)


def _message(kind: str) -> str:
    messages = {
        "youth_name": _("the name of the youth"),
        "other_name": _("the name of someone involved in a case (a parent, relative or other person)"),
        "reference": _("a case reference"),
        "birth_date": _("a date of birth"),
        "address": _("an address or street name"),
        "postcode": _("a postcode"),
        "phone": _("a phone number"),
        "email": _("an e-mail address"),
    }
    return messages[kind]


def identity_findings(text: str, known: KnownPeople | None = None) -> list[str]:
    """What identifying data the text contains, each described by its kind (never by its text)."""
    if not text:
        return []
    return [_message(kind) for kind in finding_kinds(text, known)]


def _home_findings(text: str) -> list[str]:
    if text and _HOME.search(text):
        return [_("a home (a meeting place is an office, school or meeting room)")]
    return []


def place_findings(text: str, known: KnownPeople | None = None) -> list[str]:
    """The check for the place of a meeting, which also may not be somebody's home."""
    return identity_findings(text, known) + _home_findings(text)


def meeting_place_findings(text: str, known: KnownPeople | None = None) -> list[str]:
    """The check for a partnership's own meeting place (moreelberaad.MeetingPlace): its street and
    postcode belong there, but no home, reference, phone number or e-mail address (and no name of
    the people in `known`, when given)."""
    if not text:
        return []
    kinds = [kind for kind in finding_kinds(text, known) if kind not in {"address", "postcode"}]
    return [_message(kind) for kind in kinds] + _home_findings(text)


def identity_error(findings: list[str]) -> str:
    """One Dutch sentence naming what was found, for a form error."""
    return _(
        "This text may not identify a youth, but it contains %(found)s. "
        "Leave that out or describe it in general terms."
    ) % {"found": ", ".join(findings)}


def validate_texts(texts: Mapping[str, str], known: KnownPeople | None = None) -> None:
    """Raise a ValidationError keyed by field for every text with findings (for forms and services)."""
    errors = {}
    for name, text in texts.items():
        findings = identity_findings(text, known)
        if findings:
            errors[name] = ValidationError(identity_error(findings), code="identifying")
    if errors:
        raise ValidationError(errors)


def texts_pass(texts: Iterable[str], known: KnownPeople | None = None) -> bool:
    return not any(identity_findings(text, known) for text in texts)


# --- who a text concerns ---------------------------------------------------------------------------


def known_people(cases: Q | Iterable[int]) -> KnownPeople:
    """The names, dates of birth and references of the cases a text concerns.

    `cases` is either case ids (a story, a beraad) or a filter on Case (a region's lessons), so a
    region's check reads its cases in two queries, not one per case.
    """
    case_filter = cases if isinstance(cases, Q) else Q(pk__in=list(cases))
    rows = list(
        Case.objects.filter(case_filter).values_list(
            "pk", "first_name", "last_name", "date_of_birth", "reference"
        )
    )
    involved = Involved.objects.filter(case_id__in=[row[0] for row in rows]).values_list("name", "role")
    return KnownPeople(
        youth_names=tuple(name for row in rows for name in (f"{row[1]} {row[2]}", row[1], row[2])),
        other_names=tuple(name for name, role in involved if role in PERSON_ROLES),
        birth_dates=frozenset(row[3] for row in rows if row[3]),
        references=frozenset(row[4] for row in rows),
    )


def known_people_per_case(case_ids: Iterable[int]) -> dict[int, KnownPeople]:
    """`known_people([id])` for each of these cases, read in two queries for all of them."""
    ids = list(case_ids)
    rows = Case.objects.filter(pk__in=ids).values_list(
        "pk", "first_name", "last_name", "date_of_birth", "reference"
    )
    others: dict[int, list[str]] = {pk: [] for pk in ids}
    for case_id, name in Involved.objects.filter(case_id__in=ids, role__in=PERSON_ROLES).values_list(
        "case_id", "name"
    ):
        others[case_id].append(name)
    return {
        pk: KnownPeople(
            youth_names=(f"{first} {last}", first, last),
            other_names=tuple(others[pk]),
            birth_dates=frozenset([born] if born else []),
            references=frozenset([reference]),
        )
        for pk, first, last, born, reference in rows
    }


def regions_filter(region_ids: Iterable[int] | None) -> Q:
    """The cases of some regions (by the SWV's region, else the gemeente's); None: every case."""
    if region_ids is None:
        return Q()
    ids = list(region_ids)
    return Q(swv__region_id__in=ids) | Q(swv__region__isnull=True, gemeente__region_id__in=ids)


def known_people_of_regions(region_ids: Iterable[int] | None) -> KnownPeople:
    return known_people(regions_filter(region_ids))


def known_people_for_texts(texts: Iterable[str], cases: Q | Iterable[int] | None) -> KnownPeople:
    """`known_people(cases)` narrowed to what these texts could mention, read from indexes: checking
    the texts against it finds exactly what checking them against every case finds (issue 13)."""
    from .identity_candidates import known_people_for_texts as narrowed

    return narrowed(texts, cases)
