"""The known people a text could name, read from indexes: the identity check at national scale
(issue 13, ADR 0025).

`cases.identity_check` looks for names with boundaries (?<![\\w-]) … (?![\\w-]), so a name can only be
found when each of its words (runs of letters and digits) is a word of the text, in some letter
case. The cases and betrokkenen that share a word with the texts come from a GIN index on the words
of their names (`to_tsvector('simple', …)` of the name with every other character made a space).
The words a name part needs no others for — particles and words of one or two letters ("de",
"van", "Li") — would match most of the country, so they are not looked up: the few names made of
such words only ("Ben", "Li Na", "Al-Ma", in a part or whole) and names with letters whose letter
case the regex treats unlike PostgreSQL (ſ, İ, K, Greek σ/ς, combining accents) are always read,
from a small partial index. Dates of birth and references are read only when a text could mention
them. On SQLite (the embedded demo) every case is read, as before.
"""

import _sre
import math
import re
from collections.abc import Iterable
from datetime import date
from typing import TypeVar

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.functions import ExtractDay, ExtractMonth

from .identity_check import (
    _MONTH_YEAR,
    _WORD_DATE,
    DAY_MONTH_LIMIT,
    MONTH_NUMBER,
    PARTICLES,
    PERSON_ROLES,
    KnownPeople,
    dates_in,
    known_people,
)
from .models import Case, Involved

try:
    from re._casefix import _EXTRA_CASES  # the letters re.IGNORECASE counts as one more letter
except ImportError:  # pragma: no cover - Python < 3.11
    _EXTRA_CASES = {}

WORD = re.compile(r"[^\W_]+")
PARTICLE_WORDS = frozenset(word for particle in PARTICLES for word in WORD.findall(particle))
# Letters whose letter case re.IGNORECASE treats unlike str.lower / PostgreSQL's lower(), and the
# combining accents (a decomposed "ë"): a name with one of these is always read.
IRREGULAR_LETTERS = (
    "\xb5\u0130\u0131\u017f\u0390\u0392\u0395\u0398\u0399\u039a\u039c\u03a0\u03a1\u03a3\u03a6\u03b0"
    "\u03b2\u03b5\u03b8\u03b9\u03ba\u03bc\u03c0\u03c1\u03c2\u03c3\u03c6\u03d0\u03d1\u03d5\u03d6\u03f0"
    "\u03f1\u03f4\u03f5\u0412\u0414\u041e\u0421\u0422\u042a\u0432\u0434\u043e\u0441\u0442\u044a\u0462"
    "\u0463\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87\u1c88\u1e60\u1e61\u1e9b\u1fbe\u1fd3\u1fe3"
    "\u212a\ua64a\ua64b\ufb05\ufb06\u0300-\u036f"
)
# The variants of one text word to look up (ſ as s, ...); more than this reads every case instead.
MAX_SPELLINGS = 64
Rows = TypeVar("Rows", Case, Involved)
STANDARD_REFERENCE = re.compile(r"(?=(WIO-[0-9A-Z]{7}))")


def name_words_sql(column: str) -> str:
    """The indexed expression: the words of a name (every other character a space)."""
    return f"to_tsvector('simple'::regconfig, regexp_replace({column}, '[^[:alnum:]]+', ' ', 'g'))"


def risky_name_sql(column: str) -> str:
    """Names the word lookup could miss: only minor words (in a part or the whole name), or an
    irregular letter."""
    minor = "([[:alnum:]]{1,2}|" + "|".join(sorted(w for w in PARTICLE_WORDS if len(w) > 2)) + ")"
    major_word = f"(^|[^[:alnum:]])(?!{minor}([^[:alnum:]]|$))[[:alnum:]]"
    minor_part = f"(^|[^[:alnum:]]){minor}([_''’-]+{minor})+([^[:alnum:]]|$)"
    return (
        f"(lower({column}) !~ '{major_word}' OR lower({column}) ~ '{minor_part}'"
        f" OR {column} ~ '[{IRREGULAR_LETTERS}]')"
    )


CASE_NAMES_SQL = name_words_sql("((first_name)::text || ' ' || (last_name)::text)")
CASE_RISKY_SQL = f"({risky_name_sql('(first_name)::text')} OR {risky_name_sql('(last_name)::text')})"
INVOLVED_NAMES_SQL = name_words_sql("(name)::text")
INVOLVED_RISKY_SQL = risky_name_sql("(name)::text")
NONSTANDARD_REFERENCE_SQL = "((reference)::text !~ '^WIO-[0-9A-Z]{7}$')"


def _is_minor(word: str) -> bool:
    return len(word) <= 2 or word in PARTICLE_WORDS


def _spellings(word: str) -> set[str] | None:
    """The lower-case forms of a text word a name could have and still match it (re.IGNORECASE)."""
    options = []
    for char in word:
        if char.isascii():
            options.append({char.lower()})
            continue
        lower = _sre.unicode_tolower(ord(char))
        choices = {chr(lower), *(chr(other) for other in _EXTRA_CASES.get(lower, ()))}
        if len(char.lower()) == 1:
            choices.add(char.lower())
        options.append(choices)
    if math.prod(len(choices) for choices in options) > MAX_SPELLINGS:
        return None
    spellings = {""}
    for choices in options:
        spellings = {start + choice for start in spellings for choice in choices}
    return spellings


def words_to_look_up(texts: Iterable[str]) -> set[str] | None:
    """The words of the texts a name could be found by; None when a word has too many spellings."""
    words: set[str] = set()
    for text in texts:
        for word in set(WORD.findall(text)):
            spellings = _spellings(word)
            if spellings is None:
                return None
            words |= {
                spelling for spelling in spellings if WORD.fullmatch(spelling) and not _is_minor(spelling)
            }
    return words


def _where(rows: QuerySet[Rows], sql: str, *params: str) -> QuerySet[Rows]:
    """A condition of this module's own SQL (constants above); a text's words only as parameters."""
    return rows.order_by().extra(where=[sql], params=list(params))  # noqa: S610


def _tsquery(words: set[str]) -> str:
    return " | ".join(f"'{word}'" for word in sorted(words))


def _sharing_a_word(rows: QuerySet[Rows], names_sql: str, words: set[str]) -> list[int]:
    """The ids of every row whose name shares a word with the texts, from the GIN index alone: the
    case filter comes after (joined to a region, PostgreSQL would compute the words of each of its
    names instead)."""
    where = f"{names_sql} @@ to_tsquery('simple'::regconfig, %s)"
    return list(_where(rows, where, _tsquery(words)).values_list("pk", flat=True))


def _name_rows(cases: QuerySet[Case], words: set[str]) -> list[tuple[str, str]]:
    risky = _where(Case.objects.all(), CASE_RISKY_SQL).values_list("pk", flat=True)
    rows = list(cases.filter(pk__in=list(risky)).values_list("pk", "first_name", "last_name"))
    if words:
        ids = _sharing_a_word(Case.objects.all(), CASE_NAMES_SQL, words)
        rows += cases.filter(pk__in=ids).values_list("pk", "first_name", "last_name")
    return sorted({(first, last) for _pk, first, last in rows})


def _other_names(cases: QuerySet[Case] | None, words: set[str]) -> tuple[str, ...]:
    people = Involved.objects.filter(role__in=PERSON_ROLES)
    if cases is not None:
        people = people.filter(case__in=cases.values("pk"))
    risky = _where(Involved.objects.filter(role__in=PERSON_ROLES), INVOLVED_RISKY_SQL).values_list(
        "pk", flat=True
    )
    rows = list(people.filter(pk__in=list(risky)).values_list("pk", "name"))
    if words:
        ids = _sharing_a_word(Involved.objects.filter(role__in=PERSON_ROLES), INVOLVED_NAMES_SQL, words)
        rows += people.filter(pk__in=ids).values_list("pk", "name")
    return tuple(name for _pk, name in sorted(set(rows)))


def _day_months(texts: list[str]) -> set[tuple[int, int]]:
    """Days and months written without a year ("29 februari")."""
    return {
        (int(day), MONTH_NUMBER[month.lower()])
        for text in texts
        for day, month, year in _WORD_DATE.findall(text)
        if not year
    }


def _many_birthdays(cases: QuerySet[Case]) -> bool:
    born = cases.filter(date_of_birth__isnull=False).annotate(
        day=ExtractDay("date_of_birth"), month=ExtractMonth("date_of_birth")
    )
    return len(born.order_by().values("day", "month").distinct()[: DAY_MONTH_LIMIT + 1]) > DAY_MONTH_LIMIT


def _birth_dates(cases: QuerySet[Case], texts: list[str]) -> tuple[frozenset[date], bool]:
    """The birth dates the texts could mention, and whether the day-month rule is off (the cases
    have more than DAY_MONTH_LIMIT birthdays, so "29 februari" alone says nothing)."""
    wanted = [Q(date_of_birth__in=days) for days in [{d for text in texts for d in dates_in(text)}] if days]
    for month_word, raw_year in {pair for text in texts for pair in _MONTH_YEAR.findall(text)}:
        if 1 <= int(raw_year) <= 9999:
            wanted.append(
                Q(date_of_birth__year=int(raw_year), date_of_birth__month=MONTH_NUMBER[month_word.lower()])
            )
    day_months = _day_months(texts)
    many = bool(day_months) and _many_birthdays(cases)
    if not many:
        wanted += [Q(date_of_birth__day=day, date_of_birth__month=month) for day, month in day_months]
    if not wanted:
        return frozenset(), many
    either = wanted[0]
    for condition in wanted[1:]:
        either |= condition
    dates = cases.filter(either).filter(date_of_birth__isnull=False).values_list("date_of_birth", flat=True)
    return frozenset(dates), many


def _references(cases: QuerySet[Case], texts: list[str]) -> frozenset[str]:
    candidates = {match.group(1) for text in texts for match in STANDARD_REFERENCE.finditer(text.upper())}
    found = set(_where(cases, NONSTANDARD_REFERENCE_SQL).values_list("reference", flat=True))
    if candidates:
        found |= set(cases.filter(reference__in=candidates).values_list("reference", flat=True))
    return frozenset(found)


def known_people_for_texts(texts: Iterable[str], cases: Q | Iterable[int] | None) -> KnownPeople:
    """What `known_people(cases)` knows, narrowed to what these texts could mention: the check of
    the texts against it finds exactly what the check against every case finds. None: every case."""
    texts = [text for text in texts if text]
    case_filter = Q() if cases is None else cases if isinstance(cases, Q) else Q(pk__in=list(cases))
    words = words_to_look_up(texts)
    if connection.vendor != "postgresql" or words is None:
        return known_people(case_filter)
    in_filter = Case.objects.filter(case_filter)
    names = _name_rows(in_filter, words)
    birth_dates, many_birthdays = _birth_dates(in_filter, texts)
    return KnownPeople(
        youth_names=tuple(name for first, last in names for name in (f"{first} {last}", first, last)),
        other_names=_other_names(in_filter if case_filter else None, words),
        birth_dates=birth_dates,
        references=_references(in_filter, texts),
        many_birthdays=many_birthdays,
    )
