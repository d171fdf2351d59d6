"""Logs carry no identity (issue 11, item 1): a sentinel name planted in a case, its people, its beraad
and its story appears in no log record, whatever fails: a ProtectedError, a database error whose
detail repeats the row, a failed Celery task, a 500 with DEBUG off. Checked in pytest's caplog and in
what the configured console handler writes."""

import io
import logging
from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.test import Client

import pytest
from celery import shared_task

from tests.cases.factories import CaseFactory, ConsentFactory, InvolvedFactory
from wio.log_redaction import RedactingFilter, redact

SENTINEL = "Zwaantje Sentinelberg"
APPS_ABOUT_YOUTHS = ("cases", "moreelberaad", "monitor")
# About regions and policy, not a youth: their names are checked for identity before they are kept
# (ADR 0016), and pages list them by name. A meeting place is an SWV's room and its address (ADR 0020):
# it names a building, never a youth, and its name is what pickers and invitations show.
NOT_ABOUT_A_YOUTH = frozenset({"monitor.Theme", "monitor.Lesson", "moreelberaad.MeetingPlace"})


@pytest.fixture
def console() -> Iterator[io.StringIO]:
    """What the root logger's configured handlers write."""
    handlers = [
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(f, RedactingFilter) for f in handler.filters)
    ]
    assert handlers, "the configured console handler redacts through RedactingFilter"
    stream = io.StringIO()
    previous = [handler.setStream(stream) for handler in handlers]
    yield stream
    for handler, old in zip(handlers, previous, strict=True):
        handler.setStream(old)


def _assert_no_identity(caplog: pytest.LogCaptureFixture, console: io.StringIO) -> None:
    for text in (caplog.text, console.getvalue(), *(r.getMessage() for r in caplog.records)):
        assert "Sentinelberg" not in text
        assert "Zwaantje" not in text


def _unsaved(model: type[models.Model], depth: int = 0) -> models.Model:
    """An instance whose every text field holds the sentinel, its parents likewise; organisations
    and users (not about a youth) get a neutral text."""
    about_youth = model._meta.app_label in APPS_ABOUT_YOUTHS
    instance = model()
    for field in model._meta.concrete_fields:
        free_text = isinstance(field, models.TextField) or (field.max_length or 0) >= 100
        if isinstance(field, models.CharField | models.TextField) and free_text and not field.choices:
            text = SENTINEL if about_youth and "reference" not in field.name else "WIO-NEUTRAL"
            setattr(instance, field.attname, text[: field.max_length or None])
        elif field.is_relation and depth < 3 and field.related_model is not None:
            setattr(instance, field.name, _unsaved(field.related_model, depth + 1))
    return instance


def test_no_model_about_a_youth_names_anyone_in_its_str() -> None:
    named = []
    for app in APPS_ABOUT_YOUTHS:
        for model in apps.get_app_config(app).get_models():
            if model._meta.label in NOT_ABOUT_A_YOUTH:
                continue
            text = str(_unsaved(model))
            if "Sentinelberg" in text or "Zwaantje" in text:
                named.append(f"{model._meta.label}: {text}")
    assert named == []


@pytest.mark.parametrize(
    ("raw", "redacted"),
    [
        (
            "DETAIL:  Key (email)=(zwaantje@example.nl) already exists.",
            "DETAIL:  Key (email)=(…) already exists.",
        ),
        (
            "DETAIL:  Failing row contains (7, Zwaantje Sentinelberg, null).",
            "DETAIL:  Failing row contains (…).",
        ),
        ("Involved(name='Zwaantje Sentinelberg', role='ouder')", "Involved(name='…', role='ouder')"),
        ("{'last_name': 'Sentinelberg', 'category': 'x'}", "{'last_name': '…', 'category': 'x'}"),
        ("<Story: Het verhaal van Zwaantje>", "<Story: …>"),
    ],
)
def test_the_filter_redacts_what_databases_and_reprs_repeat(raw: str, redacted: str) -> None:
    assert redact(raw) == redacted


@pytest.mark.django_db
def test_a_protected_delete_logs_no_name(caplog: pytest.LogCaptureFixture, console: io.StringIO) -> None:
    case = CaseFactory(first_name="Zwaantje", last_name="Sentinelberg")
    ConsentFactory(case=case, person=InvolvedFactory(case=case, name=SENTINEL))
    with caplog.at_level(logging.INFO):
        try:
            with transaction.atomic():
                case.delete()
        except models.ProtectedError:
            logging.getLogger("wio.test").exception("delete refused")
    assert "ProtectedError" in caplog.text
    _assert_no_identity(caplog, console)


@pytest.mark.django_db
def test_a_500_whose_database_error_repeats_the_row_logs_no_name(
    settings: Any, caplog: pytest.LogCaptureFixture, console: io.StringIO
) -> None:
    settings.ROOT_URLCONF = "tests.platform.redaction_urls"
    settings.DEBUG = False
    case = CaseFactory(first_name="Zwaantje", last_name="Sentinelberg")

    with caplog.at_level(logging.INFO):
        response = Client(raise_request_exception=False).get(
            f"/insert-failing-row/{case.pk}/", {"name": SENTINEL}
        )

    assert response.status_code == 500
    assert "IntegrityError" in console.getvalue()
    assert "Failing row contains (…)" in console.getvalue()
    _assert_no_identity(caplog, console)


@shared_task
def _register_without_role(case_id: int, name: str) -> None:
    from cases.models import Involved

    with transaction.atomic():
        Involved.objects.create(case_id=case_id, name=name, role=None)


@pytest.mark.django_db
def test_a_failed_celery_task_logs_no_name(caplog: pytest.LogCaptureFixture, console: io.StringIO) -> None:
    case = CaseFactory(first_name="Zwaantje", last_name="Sentinelberg")

    with caplog.at_level(logging.INFO):
        result = _register_without_role.apply(args=[case.pk, SENTINEL], throw=False)

    assert result.failed()
    assert "IntegrityError" in caplog.text
    _assert_no_identity(caplog, console)
