"""The identity check at national scale (issue 13): reading only the people a text could name finds
exactly what reading every case finds, and the reads come from the indexes."""

import importlib
from datetime import date

from django.db import connection, transaction
from django.db.models import Q

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases import identity_candidates as candidates
from cases.constants import InvolvedRole
from cases.identity_check import identity_findings, known_people, known_people_for_texts
from cases.models import Case, Involved
from tests.cases.factories import CaseFactory, InvolvedFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the indexed reads are PostgreSQL's"),
]

FIRST_NAMES = ["Sanne", "Ben", "Li", "Zoë", "Ahmet", "Anne-Fleur", "İlayda", "Çelik", "Jan", "Mo", "Truus"]
LAST_NAMES = [
    "de Vries",
    "van der Berg",
    "Jansen-Bakker",
    "O'Brien",
    "’t Hart",
    "d'Hondt",
    "Al-Ma",
    "Li Na",
    "VAN DAM",
    "ten Brink",
    "El Amrani",
    "Smit",
    "van",
]
OTHER_NAMES = [
    "Marieke de Vries",
    "Peter O'Brien",
    "Fatima El-Amrani",
    "Ben",
    "Ans van Dam",
    "J.Smit",
    "De Klimop",
]
BIRTH_DATES = [date(2012, 2, 29), date(2011, 7, 4), date(2012, 2, 3), date(2010, 12, 1), date(2013, 7, 4)]
REFERENCES = ["WIO-ABCDEFG", "WIO-7KQ2MXP", "DOSSIER-12", "wio-abc1234"]
WORDS = ["de", "van", "het", "ben", "Ik", "zat", "thuis", "mei", "februari", "hart", "SMIT", "brien", "x"]
SEPARATORS = [" ", "-", ", ", "'", "_", "\n", ".", "’"]
ROLES = [InvolvedRole.OUDER, InvolvedRole.RELEVANTE_ANDER, InvolvedRole.SCHOOL]


def _spelled(day: date) -> st.SearchStrategy[str]:
    month = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
             "oktober", "november", "december"][day.month - 1]  # fmt: skip
    return st.sampled_from(
        [f"{day:%d-%m-%Y}", f"{day.day} {month} {day.year}", f"{day.day} {month}", f"{month} {day.year}"]
    )


def _cased(word: str) -> st.SearchStrategy[str]:
    return st.sampled_from([word, word.upper(), word.lower(), word.capitalize()])


NAME_PIECES = FIRST_NAMES + LAST_NAMES + OTHER_NAMES + WORDS
FRAGMENT = (
    st.sampled_from(NAME_PIECES).flatmap(_cased)
    | st.sampled_from(BIRTH_DATES).flatmap(_spelled)
    | st.sampled_from(REFERENCES).map(lambda reference: f"x{reference}")
    | st.sampled_from(REFERENCES)
)
TEXT = st.lists(st.tuples(FRAGMENT, st.sampled_from(SEPARATORS)), min_size=1, max_size=8).map(
    lambda parts: "".join(fragment + separator for fragment, separator in parts)
)
PERSON = st.tuples(st.sampled_from(OTHER_NAMES + FIRST_NAMES), st.sampled_from(ROLES))
CASE = st.tuples(
    st.sampled_from(FIRST_NAMES),
    st.sampled_from(LAST_NAMES),
    st.sampled_from(BIRTH_DATES),
    st.lists(PERSON, max_size=3),
)


def _create(rows: list[tuple[str, str, date, list[tuple[str, str]]]], references: list[str]) -> list[int]:
    ids = []
    for (first, last, born, people), reference in zip(rows, references, strict=False):
        case = CaseFactory(first_name=first, last_name=last, date_of_birth=born, reference=reference)
        for name, role in people:
            InvolvedFactory(case=case, name=name, role=role)
        ids.append(case.pk)
    return ids


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60, deadline=None)
@given(
    rows=st.lists(CASE, min_size=1, max_size=5),
    references=st.permutations(REFERENCES),
    texts=st.lists(TEXT, min_size=1, max_size=4),
    scope=st.sampled_from(["all", "some", "none"]),
)
def test_the_texts_people_find_what_every_case_finds(rows, references, texts, scope):
    with transaction.atomic():
        ids = _create(rows, references)
        case_filter = {"all": Q(), "some": Q(pk__in=ids[::2]), "none": Q(pk__in=[])}[scope]
        everyone = known_people(case_filter)
        narrowed = known_people_for_texts(texts, None if scope == "all" else case_filter)
        for text in texts:
            assert identity_findings(text, narrowed) == identity_findings(text, everyone), text
            alone = known_people_for_texts([text], case_filter)
            assert identity_findings(text, alone) == identity_findings(text, everyone), text
        transaction.set_rollback(True)


def test_a_text_reads_only_the_people_it_could_name():
    for first, last in [("Sanne", "de Vries"), ("Ben", "Smit"), ("Zoë", "Jansen-Bakker"), ("Anouk", "Li Na")]:
        CaseFactory(first_name=first, last_name=last)
    known = known_people_for_texts(["Sanne van de school zat thuis"], None)
    # Sanne by her word; Ben and Li Na are made of short words and particles only, so always read
    assert set(known.youth_names) == {
        "Sanne de Vries", "Sanne", "de Vries", "Ben Smit", "Ben", "Smit", "Anouk Li Na", "Anouk", "Li Na"
    }  # fmt: skip


def test_a_partner_never_reads_more_than_one_birthday_without_cause():
    for day in [date(2012, 2, 29), date(2011, 7, 4), date(2012, 2, 3), date(2010, 12, 1)]:
        CaseFactory(date_of_birth=day)
    # four birthdays: "29 februari" alone says nothing, and no date of birth is read for it
    known = known_people_for_texts(["Op 29 februari en in juli 2011"], None)
    assert known.many_birthdays
    assert known.birth_dates == frozenset({date(2011, 7, 4)})
    assert identity_findings("Op 29 februari", known) == identity_findings(
        "Op 29 februari", known_people(Q())
    )


def _plan(rows, sql: str, *params: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    return candidates._where(rows, sql, *params).explain()


def test_the_name_words_are_read_from_the_gin_indexes():
    where = "{} @@ to_tsquery('simple'::regconfig, %s)"
    cases_plan = _plan(Case.objects.all(), where.format(candidates.CASE_NAMES_SQL), "'sanne' | 'vries'")
    people_plan = _plan(Involved.objects.all(), where.format(candidates.INVOLVED_NAMES_SQL), "'sanne'")
    assert "cases_case_name_words" in cases_plan
    assert "cases_involved_name_words" in people_plan


def test_the_names_always_read_come_from_partial_indexes():
    assert "cases_case_identity_risky_names" in _plan(Case.objects.all(), candidates.CASE_RISKY_SQL)
    assert "cases_involved_identity_risky_names" in _plan(
        Involved.objects.all(), candidates.INVOLVED_RISKY_SQL
    )
    assert "cases_case_nonstandard_reference" in _plan(
        Case.objects.all(), candidates.NONSTANDARD_REFERENCE_SQL
    )


def test_the_migration_indexes_the_expressions_the_queries_use():
    migration = importlib.import_module("cases.migrations.0007_identity_check_candidate_indexes")
    forward = "\n".join(migration.FORWARD)
    for sql in [
        candidates.CASE_NAMES_SQL,
        candidates.INVOLVED_NAMES_SQL,
        candidates.CASE_RISKY_SQL,
        candidates.INVOLVED_RISKY_SQL,
        candidates.NONSTANDARD_REFERENCE_SQL,
    ]:
        assert sql in forward
