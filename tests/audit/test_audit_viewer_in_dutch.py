"""Issue 14 item 6: the privacy officer reads the trail in words, filters by posting, exports CSV."""

import ast
import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.test import Client
from django.urls import reverse

import pytest

from tests.cases.factories import CaseFactory
from tests.cases.form_regression_support import as_post
from tests.factories import user_with_role
from tests.forms.browser_forms import post_forms
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit.constants import Action, Purpose
from wio.audit.event_labels import event_label, is_labelled
from wio.audit.models import AuditEvent
from wio.audit.services import actor_from, record_event

pytestmark = pytest.mark.django_db

EVENT_CODE = re.compile(r"^(account|audit|auth|beraad|case|case_import|http|monitor|page|report)\.[a-z_.]+$")
# Dotted names that are not event codes: app labels, modules, a consent-withdrawal hook's name.
NOT_EVENT_CODES = {
    "auth.group",
    "auth.permission",
    "monitor.urls",
    "monitor.api.urls",
    "monitor.stories.selectors",
    "monitor.report_editions",
}


def _event_codes_in_the_code() -> set[str]:
    codes: set[str] = set()
    for package in ("cases", "moreelberaad", "monitor", "wio"):
        for path in Path(settings.BASE_DIR, package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                text = node.value if isinstance(node, ast.Constant) else None
                if isinstance(text, str) and EVENT_CODE.match(text) and ".tasks" not in text:
                    codes.add(text)
    return codes - NOT_EVENT_CODES


def test_every_event_code_in_the_code_reads_as_words() -> None:
    unlabelled = sorted(code for code in _event_codes_in_the_code() if not is_labelled(code))
    assert unlabelled == []


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("case.detail", "Casus bekeken"),
        ("case.out_of_scope", "Casus geweigerd (buiten uw bereik)"),
        ("auth.login_failed", "Inloggen mislukt"),
        ("beraad.pack_pdf.download", "Voorbereidingspakket (pdf) gedownload"),
        ("case.timelineentry.create", "Tijdlijnitem toegevoegd"),
    ],
)
def test_event_codes_in_dutch(code: str, words: str) -> None:
    assert event_label(code) == words


def _seen_by_lpa(lpa: User, reference: str) -> None:
    case = CaseFactory(reference=reference)
    record_event(
        actor=actor_from(user=lpa, role=Role.LPA),
        action=Action.READ,
        event_type="case.detail",
        purpose=Purpose.CASE_MANAGEMENT,
        obj=case,
    )


def test_the_filter_is_posted_and_the_reference_never_enters_a_url(
    signed_in: Callable[[User], Client],
) -> None:
    officer, lpa = user_with_role(Role.PRIVACY_OFFICER), user_with_role(Role.LPA)
    _seen_by_lpa(lpa, "WIO-AUD0001")
    _seen_by_lpa(lpa, "WIO-AUD0002")
    client = signed_in(officer)
    page = client.get(reverse("audit:event_list"))
    (form,) = [
        form
        for form in post_forms(page.content.decode(), reverse("audit:event_list"))
        if form.action == reverse("audit:event_list")
    ]
    assert form.method == "post"
    payload = [(name, "WIO-AUD0001" if name == "youth_ref" else value) for name, value in form.payload()]

    posted = client.post(form.action, as_post(payload))

    assert posted.status_code == 302
    assert "WIO-AUD0001" not in posted["Location"]
    html = client.get(posted["Location"]).content.decode()
    assert "Casus bekeken" in html
    assert "Leerplichtambtenaar" in html
    assert "Casus WIO-AUD0001" in html
    assert "WIO-AUD0002" not in html
    assert "case.detail" not in html


def test_export_holds_the_filtered_events_in_words_and_is_recorded(
    signed_in: Callable[[User], Client],
) -> None:
    officer, lpa = user_with_role(Role.PRIVACY_OFFICER), user_with_role(Role.LPA)
    _seen_by_lpa(lpa, "WIO-AUD0003")
    client = signed_in(officer)
    client.post(reverse("audit:event_list"), {"youth_ref": "WIO-AUD0003"})

    response = client.get(reverse("audit:event_export"))

    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[0][:3] == ["Tijdstip", "Actie", "Gebeurtenis"]
    assert [row[7] for row in rows[1:]] == ["WIO-AUD0003"]
    assert rows[1][2] == "Casus bekeken"
    assert AuditEvent.objects.filter(event_type="audit.export", actor=officer).count() == 1


def test_a_cleared_filter_shows_everything_again(signed_in: Callable[[User], Client]) -> None:
    officer, lpa = user_with_role(Role.PRIVACY_OFFICER), user_with_role(Role.LPA)
    _seen_by_lpa(lpa, "WIO-AUD0004")
    _seen_by_lpa(lpa, "WIO-AUD0005")
    client = signed_in(officer)
    client.post(reverse("audit:event_list"), {"youth_ref": "WIO-AUD0004"})

    cleared = client.get(reverse("audit:event_list"), {"reset": "1"}, follow=True)

    html = cleared.content.decode()
    assert "WIO-AUD0004" in html
    assert "WIO-AUD0005" in html
