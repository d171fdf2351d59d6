"""No log line carries the name of a youth or a parent, whatever exception carried it there (issue 11)."""

import io
import logging
from collections.abc import Iterator

from django.test import Client

import pytest

from tests.cases.factories import CaseFactory, ConsentFactory, InvolvedFactory
from wio.log_redaction import RedactingFormatter, redact

SENTINEL = "Zwaantje Sentinelberg"


@pytest.fixture
def log_output() -> Iterator[io.StringIO]:
    """What the configured console handler writes, with the formatter the settings give it."""
    handlers = [h for h in logging.getLogger().handlers if isinstance(h.formatter, RedactingFormatter)]
    assert handlers, "the root logger's handlers format through RedactingFormatter"
    stream = io.StringIO()
    previous = [handler.setStream(stream) for handler in handlers]
    yield stream
    for handler, old in zip(handlers, previous, strict=True):
        handler.setStream(old)


def test_a_model_repr_keeps_only_the_model_name() -> None:
    text = "({<Consent: Zwaantje Sentinelberg (Ouder)>, <Involved: Jan de Vries>}, <object at 0x1>)"

    assert redact(text) == "({<Consent: …>, <Involved: …>}, <object at 0x1>)"


@pytest.mark.django_db
def test_a_500_from_a_protected_delete_logs_no_name(settings: object, log_output: io.StringIO) -> None:
    settings.ROOT_URLCONF = "tests.platform.redaction_urls"
    settings.DEBUG = False
    case = CaseFactory(first_name="Zwaantje", last_name="Sentinelberg")
    ConsentFactory(case=case, person=InvolvedFactory(case=case, name=SENTINEL))

    response = Client(raise_request_exception=False).get(f"/delete-anyway/{case.pk}/")

    assert response.status_code == 500
    logged = log_output.getvalue()
    assert "ProtectedError" in logged
    assert SENTINEL not in logged
    assert "Sentinelberg" not in logged
