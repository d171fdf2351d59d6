"""The identity check (ADR 0016): generated spellings of what identifies a youth are found, ordinary
prose about the project is not."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases.constants import InvolvedRole
from cases.identity_check import (
    MONTHS,
    KnownPeople,
    finding_kinds,
    identity_findings,
    known_people,
    known_people_of_regions,
)
from tests.cases.factories import CaseFactory, InvolvedFactory

BORN = date(2012, 2, 29)
KNOWN = KnownPeople(
    youth_names=("Sanne de Vries", "Sanne", "de Vries"),
    other_names=("Marieke de Vries",),
    birth_dates=frozenset({BORN}),
    references=frozenset({"WIO-ABCDEFG"}),
)
CLEAN_TEXTS = [
    "Een meisje dat lang thuis zat, vond via een zorgboerderij haar ritme terug.",
    "In 2012 en 2013 werkten we samen met de school; in 2025 is de wachtlijst korter.",
    "Op 3 maart 2025 spraken de partners af om elke maand samen te komen.",
    "De ouders wilden eerst een gesprek met de leerplichtambtenaar.",
    "Groep 8 is een lastig jaar; 15 jongeren kregen een passend aanbod.",
    "Nieuw geboren ideeën over maatwerk.",
]


def _date_spellings(day: date) -> st.SearchStrategy[str]:
    month_names = MONTHS[day.month - 1]
    numeric = st.sampled_from(
        [
            f"{day:%d-%m-%Y}",
            f"{day.day}-{day.month}-{day.year}",
            f"{day:%d/%m/%Y}",
            f"{day.day}/{day.month}/{day.year}",
            f"{day.day}/{day.month}/{day:%y}",
            f"{day:%d.%m.%Y}",
            day.isoformat(),
            f"{day.year}/{day.month}/{day.day}",
            f"{day.day} - {day.month} - {day.year}",
        ]
    )
    worded = st.builds(
        lambda name, dot, case: (
            (f"{day.day} {name}{dot} {day.year}").upper() if case else f"{day.day} {name}{dot} {day.year}"
        ),
        st.sampled_from(month_names),
        st.sampled_from(["", "."]),
        st.booleans(),
    )
    return numeric | worded


@given(
    born=st.dates(min_value=date(1995, 1, 1), max_value=date(2020, 12, 31)),
    data=st.data(),
    before=st.sampled_from(["", "Het meisje, ", "Jongen (", "Dossier: "]),
    after=st.sampled_from(["", ") woont thuis.", ", sinds kort thuis.", "."]),
)
def test_every_spelling_of_a_known_birth_date_is_found(
    born: date, data: st.DataObject, before: str, after: str
):
    spelling = data.draw(_date_spellings(born))
    known = KnownPeople(birth_dates=frozenset({born}))
    assert "birth_date" in finding_kinds(f"{before}{spelling}{after}", known)


@given(
    month=st.integers(1, 12),
    year=st.integers(1995, 2020),
    template=st.sampled_from(["geboren in {m} {y}", "Geboren: {m} {y}", "in {m} {y} geboren", "geb. {y}"]),
)
def test_born_followed_by_a_month_or_year_is_found_without_knowing_the_case(
    month: int, year: int, template: str
):
    text = template.format(m=MONTHS[month - 1][0], y=year)
    assert "birth_date" in finding_kinds(text)


@given(
    digits=st.text(alphabet="0123456789", min_size=8, max_size=8),
    style=st.sampled_from(["06-{d}", "06 {a} {b}", "+31 6 {d}", "+31 (0)6 {a} {b}", "0031 6{d}", "06{d}"]),
)
def test_phone_numbers_are_found(digits: str, style: str):
    text = "Bel " + style.format(d=digits, a=digits[:4], b=digits[4:]) + " na vijven."
    assert "phone" in finding_kinds(text)


@given(
    number=st.integers(1000, 9999),
    letters=st.text(alphabet="ABCDEFGHJKLMNPRTUVWXYZ", min_size=2, max_size=2),
    space=st.sampled_from(["", " "]),
)
def test_postcodes_are_found(number: int, letters: str, space: str):
    assert "postcode" in finding_kinds(f"Zij woont in {number}{space}{letters} Stadskanaal.")


@given(
    street=st.sampled_from(["Kerk", "Dorps", "Molen", "Hoofd", "Schoolstraat en Stations"]),
    suffix=st.sampled_from(["straat", "weg", "laan", "plein", "brink", "dijk", "kade"]),
    number=st.integers(1, 999),
    extra=st.sampled_from(["", "a", " B", "-2"]),
)
def test_street_and_house_number_are_found(street: str, suffix: str, number: int, extra: str):
    assert "address" in finding_kinds(f"Het gezin woont aan de {street}{suffix} {number}{extra}.")


@given(
    name=st.sampled_from(["Sanne", "Vries", "Sanne de Vries", "de Vries"]),
    case=st.sampled_from([str.lower, str.upper, str.title, lambda s: s]),
)
def test_the_youths_name_is_found_in_any_letter_case(name: str, case):
    assert "youth_name" in finding_kinds(f"Toen {case(name)} thuis zat, ...", KNOWN)


@pytest.mark.parametrize(
    "text",
    ["moeder Marieke werkt bij de bakker", "MARIEKE DE VRIES belde", "Marieke de vries belde"],
)
def test_a_parents_name_is_found(text: str):
    assert "other_name" in finding_kinds(text, KNOWN)


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("Dossier WIO-ABCDEFG is gesloten", "reference"),
        ("Dossier wio-7KQ2MXP", "reference"),
        ("Mail naar ouder.naam+wio@voorbeeld.nl", "email"),
        ("werkt bij de bakker op de Brink", "address"),
    ],
)
def test_patterns_are_found(text: str, finding: str):
    assert finding in finding_kinds(text, KNOWN)


def test_the_defect_story_is_refused_on_five_counts():
    text = (
        "Dossier WIO-ABCDEFG: meisje geboren op 29 feb. 2012 … moeder Marieke werkt bij de bakker op de Brink"
    )
    assert finding_kinds(text, KNOWN) == ["other_name", "reference", "birth_date", "address"]
    findings = identity_findings(text, KNOWN)
    assert len(findings) == 4
    assert all("Marieke" not in finding and "Brink" not in finding for finding in findings)


@pytest.mark.parametrize("text", CLEAN_TEXTS)
def test_ordinary_prose_passes(text: str):
    assert finding_kinds(text, KNOWN) == []


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=20)
@given(text=st.sampled_from(CLEAN_TEXTS))
@pytest.mark.django_db
def test_known_people_of_a_region_reads_names_of_the_family_not_of_professionals(text: str):
    case = CaseFactory(first_name="Zeynep", last_name="Oudkerk", date_of_birth=date(2011, 7, 4))
    InvolvedFactory(case=case, name="Ahmet Oudkerk", role=InvolvedRole.OUDER)
    InvolvedFactory(case=case, name="Basisschool De Klimop", role=InvolvedRole.SCHOOL)
    region_id = case.swv.region_id or case.gemeente.region_id
    known = known_people_of_regions([region_id])
    assert finding_kinds(text, known) == []
    assert finding_kinds("Ahmet kwam niet", known)
    assert finding_kinds("op 4-7-2011", known)
    assert finding_kinds(case.reference, known_people([case.pk]))
    assert finding_kinds("Basisschool De Klimop hielp", known) == []
