"""Every form the demo shows, submitted as a browser would submit it (issue: forms keep what they are given).

One crawl of the demo per kind of user finds the forms; then
- an edit form sent back unchanged changes nothing stored;
- a create form, filled in and sent twice as rendered, makes its record once;
- every form survives hostile input (hypothesis): never a 5xx, and a refused request changes nothing.
"""

from collections import defaultdict
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction
from django.test import Client
from django.urls import resolve

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases.models import Plan

from . import registry
from .browser_forms import BrowserForm, post_forms
from .crawl import CrawledPage, FoundForm, variety_of
from .filling import filled
from .snapshot import changes_made_by, tables_written_by
from .world import World, demo_world

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    yield from demo_world(django_db_blocker)


def _one_per_kind(forms: list[FoundForm], routes: frozenset[str]) -> list[FoundForm]:
    """Each kind of form once per role (a dossier section is a kind of its own)."""
    chosen: dict[tuple[str, str], FoundForm] = {}
    for found in forms:
        if found.route in routes:
            chosen.setdefault((found.role, variety_of(found.form.action)), found)
    return list(chosen.values())


def _fresh(client: Client, found: FoundForm) -> BrowserForm:
    """The form as the page renders it now (choices and versions follow earlier changes)."""
    response = client.get(found.form.page)
    assert response.status_code == 200, found.form.page
    forms = post_forms(response.content.decode(), found.form.page)
    return next(form for form in forms if form.action == found.form.action)


def _blank(form: BrowserForm) -> bool:
    typed = [c.value for c in form.controls if c.kind not in {"hidden", "select", "checkbox", "radio"}]
    return not any(typed)


def _errors(response: Any) -> str:
    context = getattr(response, "context", None) or {}
    form = context.get("form") if hasattr(context, "get") else None
    return str(form.errors.as_data()) if form is not None else ""


def _post(client: Client, found: FoundForm, pairs: list[tuple[str, str]]) -> Any:
    data: dict[str, list[str]] = defaultdict(list)
    for name, value in pairs:
        data[name].append(value)
    return client.post(found.form.action, data)


@pytest.mark.django_db
def test_every_form_the_crawl_finds_is_registered(world: World) -> None:
    found_routes = {found.route for found in world.forms}
    unregistered = sorted(found_routes - registry.ALL)
    assert unregistered == [], f"forms without a kind in tests/forms/registry.py: {unregistered}"
    wrongly_missing = sorted(set(registry.NOT_IN_DEMO) & found_routes)
    assert wrongly_missing == [], f"these do appear in the demo now: {wrongly_missing}"
    never_seen = sorted(registry.ALL - found_routes - set(registry.NOT_IN_DEMO))
    assert never_seen == [], f"registered forms the crawl never reached: {never_seen}"


@pytest.mark.django_db
def test_an_edit_form_sent_back_unchanged_changes_nothing(world: World) -> None:
    failures = []
    checked = 0
    for found in _one_per_kind(world.forms, registry.EDIT):
        client = world.client_for(found.email)
        form = _fresh(client, found)
        response, changes = changes_made_by(lambda: _post(client, found, form.payload()))  # noqa: B023
        checked += 1
        refused_blank = response.status_code == 422 and _blank(form)  # a record not yet written
        if changes or not (response.status_code in (200, 302) or refused_blank):
            failures.append(
                f"{found.role} {form.action}: {response.status_code} {changes} {_errors(response)}"
            )
    assert checked >= 20
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_a_create_form_sent_twice_makes_one_record(world: World) -> None:
    by_kind: dict[tuple[str, str], list[FoundForm]] = defaultdict(list)
    for found in world.forms:
        if found.route in registry.CREATE:
            by_kind[(found.role, variety_of(found.form.action))].append(found)
    failures = [
        failure for candidates in by_kind.values() if (failure := _made_once(world, candidates)) is not None
    ]
    assert len(by_kind) >= 30
    assert not failures, "\n".join(failures)


def _prerequisite(found: FoundForm) -> None:
    """What a user would have made first: a goal belongs to the case's plan."""
    match = resolve(urlsplit(found.form.action).path)
    if match.kwargs.get("section") == "doelen":
        Plan.objects.get_or_create(case_id=match.kwargs["case_id"], is_active=True)


def _made_once(world: World, candidates: list[FoundForm]) -> str | None:
    """None when one of the pages' forms makes its record once; else what went wrong on the first.

    Some pages cannot make a record in the state the demo left them (a goal needs a plan), so the
    same kind of form is tried on the next page where the crawl found it.
    """
    first_failure = None
    for found in candidates:
        client = world.client_for(found.email)
        savepoint = transaction.savepoint()  # each attempt starts from the demo
        _prerequisite(found)
        payload = filled(_fresh(client, found))
        first, written = tables_written_by(lambda: _post(client, found, payload))  # noqa: B023
        failure = None
        if first.status_code != 302 or not written:
            failure = f"{found.role} {found.form.action}: first {first.status_code} {_errors(first)}"
        else:
            second, changes = changes_made_by(lambda: _post(client, found, payload))  # noqa: B023
            if second.status_code >= 400 or changes:
                failure = f"{found.role} {found.form.action}: again {second.status_code} {changes}"
        transaction.savepoint_rollback(savepoint)
        if failure is None:
            return None
        first_failure = first_failure or failure
    return first_failure


# --- hostile input ------------------------------------------------------------------------------

HOSTILE_TEXT = st.sampled_from(
    [
        "",
        " ",
        "x" * 100_000,
        "nul\x00byte",
        "\u202egnirts-LTR",
        '=HYPERLINK("https://voorbeeld.example","klik")',
        "<script>alert(1)</script>",
        "0001-01-01",
        "9999-12-31",
        "0001-01-01T00:00",
        "9999-12-31T23:59",
        "31-02-2026",
        "1e309",
        "NaN",
        "-1",
        "-99999999999999999999",
        "99999999999999999999",
        "2147483648",
        "abc",
        "00000000-0000-0000-0000-000000000000",
        "not-a-uuid",
    ]
)


def _hostile_value(data: st.DataObject, world: World) -> str:
    foreign_ids = world.foreign_ids
    return data.draw(st.one_of(HOSTILE_TEXT, st.sampled_from(foreign_ids).map(str), st.text(max_size=40)))


@pytest.mark.django_db
@settings(
    max_examples=200,
    derandomize=True,  # the same hostile inputs on every run: CI must not turn red by chance
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_input_makes_a_5xx_and_a_refused_request_changes_nothing(
    world: World, data: st.DataObject
) -> None:
    fuzzed = [
        found for found in world.forms if found.route in registry.EDIT | registry.CREATE | registry.ACTION
    ]
    found = data.draw(st.sampled_from(fuzzed), label="form")
    names = sorted(found.form.names() - {"csrfmiddlewaretoken"}) or ["version"]
    targets = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True), label="fields")
    payload = [(name, value) for name, value in found.form.payload() if name not in targets]
    payload += [(name, _hostile_value(data, world)) for name in targets]
    client = world.client_for(found.email)
    response, changes = changes_made_by(lambda: _post(client, found, payload))
    assert response.status_code < 500, f"{found.form.action} {targets}"
    if response.status_code >= 400:
        assert changes == [], f"refused, yet stored: {found.form.action} {targets} {changes}"


# --- every read leaves a trace -------------------------------------------------------------------

# The privacy officer's audit trail names youths by reference: reading the trail is recorded as an
# audit review of its own (tests/audit), not as a read of each youth.
NOT_A_READ_OF_YOUTH_DATA = frozenset({"audit:event_list"})
# Pages about a youth that do not name them: stories are anonymised, an hours entry shows no name.
# Reading them is still recorded against the youth, so a subject-access overview lists it.
READ_WITHOUT_NAMING = frozenset(
    {
        "monitor:story_list",
        "monitor:story_detail",
        "monitor:story_edit",
        "monitor:story_create",
        "monitor:theme_create",  # the rode-draad reflections it offers (ADR 0016)
        "monitor:theme_edit",
        "cases:hours_delete",
    }
)


@pytest.mark.django_db
def test_every_page_that_shows_a_youth_recorded_reading_it(world: World) -> None:
    """A page naming a youth (reference or name) wrote a read event for that youth, and none for others."""
    failures = []
    checked = 0
    for pages in world.pages.values():
        for page in pages:
            if page.view in NOT_A_READ_OF_YOUTH_DATA:
                continue
            checked += bool(page.shown)
            unrecorded = page.shown - page.audited
            phantom = set() if page.view in READ_WITHOUT_NAMING else page.audited - page.shown
            if unrecorded or phantom:
                failures.append(
                    f"{page.role} {page.path} ({page.view}): not recorded {sorted(unrecorded)[:3]}"
                    f" ({len(unrecorded)}), recorded but not shown {sorted(phantom)[:3]} ({len(phantom)})"
                )
    assert checked >= 200
    assert not failures, "\n".join(failures)


# Pages that document a file format, where an ISO date is the example to follow.
ISO_DATES_AS_FORMAT = {"cases:import_upload": "the CSV columns accept 2014-05-17 or 17-05-2014"}


def _language_findings(page: CrawledPage) -> list[str]:
    if page.view in ISO_DATES_AS_FORMAT:
        return [finding for finding in page.language if not finding.startswith("ISO date")]
    return list(page.language)


def test_no_page_speaks_library_english_or_shows_an_iso_date(world: World) -> None:
    """Issue 14: Dutch on every page, dates as Dutch readers write them."""
    failures = [
        f"{page.role} {page.path} ({page.view}): {', '.join(_language_findings(page))}"
        for pages in world.pages.values()
        for page in pages
        if _language_findings(page)
    ]
    assert sum(len(pages) for pages in world.pages.values()) >= 200
    assert not failures, "\n".join(sorted(set(failures)))
