"""Words that betray health information: a diagnosis, a disorder, a medicine (AVG art. 9).

WIO records *that* an exemption or a need exists, never why. Free text in the fields that invite it
(the doctor's question, indication notes, care development, the narrative's view on the exemption) is
checked against this list; a hit gives a warning on save, not a refusal: the word may be harmless
("geen medicatie nodig"), and the officer decides. The list is deliberately short and Dutch; extend
it rather than making the match cleverer. Matches are whole words, case-insensitive.
"""

import re
from collections.abc import Iterable

DIAGNOSES = (
    "autisme",
    "autistisch",
    "pdd-nos",
    "asperger",
    "adhd",
    "add",
    "odd",
    "gedragsstoornis",
    "depressie",
    "depressief",
    "angststoornis",
    "paniekstoornis",
    "ocd",
    "dwangstoornis",
    "ptss",
    "trauma",
    "hechtingsstoornis",
    "eetstoornis",
    "anorexia",
    "boulimia",
    "psychose",
    "psychotisch",
    "schizofrenie",
    "bipolair",
    "borderline",
    "persoonlijkheidsstoornis",
    "dyslexie",
    "dyscalculie",
    "epilepsie",
    "diabetes",
    "astma",
    "cvs",
    "me/cvs",
    "syndroom",
    "tourette",
    "lvb",
    "verstandelijke beperking",
    "suïcidaal",
    "zelfbeschadiging",
    "diagnose",
    "gediagnosticeerd",
    "stoornis",
)

MEDICATION = (
    "medicatie",
    "medicijnen",
    "methylfenidaat",
    "ritalin",
    "concerta",
    "medikinet",
    "equasym",
    "dexamfetamine",
    "atomoxetine",
    "strattera",
    "risperidon",
    "risperdal",
    "aripiprazol",
    "abilify",
    "melatonine",
    "sertraline",
    "fluoxetine",
    "prozac",
    "citalopram",
    "antidepressiva",
    "antipsychotica",
)

HEALTH_TERMS: tuple[str, ...] = DIAGNOSES + MEDICATION

# Whole words only: "odd" must not match "Odda", "add" not "address"; letters include Dutch diacritics.
_PATTERN = re.compile(
    r"(?<![\w-])("
    + "|".join(re.escape(term) for term in sorted(HEALTH_TERMS, key=len, reverse=True))
    + r")(?![\w-])",
    re.IGNORECASE,
)


def health_terms_in(text: str) -> list[str]:
    """The listed terms in `text`, lower-case, each once, in order of appearance."""
    found: list[str] = []
    for match in _PATTERN.finditer(text or ""):
        term = match.group(1).lower()
        if term not in found:
            found.append(term)
    return found


def health_terms_in_fields(values: Iterable[str]) -> list[str]:
    found: list[str] = []
    for value in values:
        found.extend(term for term in health_terms_in(value) if term not in found)
    return found
