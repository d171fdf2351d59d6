"""The dashboard's charts can be read on a laptop and on a phone (issue 14 item 7): every label and
value is drawn at 12 px or more, no label sticks out of its chart, and the page never scrolls
sideways at 390 px (a chart scrolls in its own container)."""

from datetime import date

from django.urls import reverse

import pytest

from tests.cases.factories import CaseFactory
from tests.e2e.conftest import DESKTOP, PHONE, BrowserSession
from tests.factories import (
    TEST_PASSWORD,
    TEST_TOTP_SECRET,
    OrganisationFactory,
    PhaseFactory,
    RegionFactory,
    user_with_role,
)
from wio.accounts.constants import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MIN_PX = 12
# Per text in a chart: its rendered font size (computed size times the SVG's scale on screen), the
# height of its first line, and where it sits against its chart.
MEASURE = """() => [...document.querySelectorAll('svg.wio-chart')].flatMap((svg) => {
  const box = svg.getBoundingClientRect();
  const scale = box.width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll('text')].map((text) => {
    const line = (text.querySelector('tspan') || text).getBoundingClientRect();
    const whole = text.getBoundingClientRect();
    return {
      text: text.textContent,
      fontPx: parseFloat(getComputedStyle(text).fontSize) * scale,
      lineHeight: line.height,
      leftInside: whole.left >= box.left - 0.5,
      rightInside: whole.right <= box.right + 0.5,
    };
  });
})"""
PAGE_FITS = "document.documentElement.scrollWidth <= window.innerWidth"
SCROLLERS = """() => [...document.querySelectorAll('.wio-chart-scroll')].map((el) => ({
  focusable: el.tabIndex === 0,
  named: !!document.getElementById(el.getAttribute('aria-labelledby') || '-'),
  insidePage: el.getBoundingClientRect().right <= window.innerWidth + 0.5,
}))"""


def _project_with_long_phase_names() -> None:
    phases = [
        PhaseFactory(number=1, name="Exploreren met de pilotregio's"),
        PhaseFactory(
            number=2,
            name="Opschalen naar veertien regio's met een eigen Moreel Beraad",
            starts_on=date(2021, 11, 1),
            ends_on=date(2022, 12, 31),
            cumulative_target_regions=14,
        ),
    ]
    for phase in phases:
        region = RegionFactory(phase_joined=phase)
        for _ in range(6):
            CaseFactory(
                gemeente=OrganisationFactory(region=region),
                swv=OrganisationFactory(swv=True, region=region),
                registered_on=date(2022, 1, 10),
                development_present=True,
                movement_since=date(2022, 3, 1),
            )


def _log_in_as_project_staff(session: BrowserSession) -> None:
    staff = user_with_role(Role.PROJECT_STAFF)
    session.enter_password(staff.email, TEST_PASSWORD)
    session.enter_code(TEST_TOTP_SECRET)


def _assert_readable(session: BrowserSession, width: str) -> None:
    texts = session.page.evaluate(MEASURE)
    assert len(texts) >= 8, texts  # three core charts and the rollout, each with labels and values
    for text in texts:
        assert text["fontPx"] >= MIN_PX - 0.01, f"{text['text']!r} at {text['fontPx']:.1f} px ({width})"
        assert text["lineHeight"] >= MIN_PX, f"{text['text']!r} {text['lineHeight']:.1f} px high ({width})"
        assert text["leftInside"], f"{text['text']!r} sticks out left of its chart ({width})"
        assert text["rightInside"], f"{text['text']!r} sticks out right of its chart ({width})"
    for scroller in session.page.evaluate(SCROLLERS):
        assert scroller == {"focusable": True, "named": True, "insidePage": True}, width


def test_every_chart_label_on_the_dashboard_is_at_least_12_px_at_1366_and_390(
    browser_session: BrowserSession,
) -> None:
    # given a project whose phases have long names, and a project staff member signed in
    _project_with_long_phase_names()
    _log_in_as_project_staff(browser_session)

    # when the dashboard is opened on a laptop
    response = browser_session.goto(reverse("monitor:dashboard"))
    assert response is not None
    assert response.status == 200

    # then every chart text is 12 px or more and inside its chart
    _assert_readable(browser_session, "1366 px")
    labels = browser_session.page.evaluate(
        """() => [...document.querySelectorAll('svg.wio-chart text.wio-chart-label')]
          .map((text) => [...text.querySelectorAll('tspan')].map((line) => line.textContent).join(' '))"""
    )
    assert any("veertien regio's met een eigen Moreel Beraad" in label for label in labels), labels

    # and on a phone too, without the page scrolling sideways
    browser_session.page.set_viewport_size(PHONE)
    _assert_readable(browser_session, "390 px")
    assert browser_session.page.evaluate(PAGE_FITS), "the dashboard scrolls sideways at 390 px"

    # and the page passes axe at both widths
    browser_session.page.set_viewport_size(DESKTOP)
    browser_session.check_page()


def test_a_chart_scrolls_in_its_own_container_on_a_phone(browser_session: BrowserSession) -> None:
    # given a project with cases; its staff member's start page shows the published numbers (axe-clean)
    _project_with_long_phase_names()
    _log_in_as_project_staff(browser_session)
    assert "De nieuwste cijfers" in browser_session.page.content()
    browser_session.check_page()

    # given the dashboard on a phone
    browser_session.page.set_viewport_size(PHONE)
    browser_session.goto(reverse("monitor:dashboard"))

    # when the keyboard reaches the first chart and scrolls it
    scroller = browser_session.page.locator(".wio-chart-scroll").first
    scroller.focus()
    browser_session.page.keyboard.press("ArrowRight")

    # then the chart moved inside its container and the page stayed put
    assert scroller.evaluate("(el) => el.scrollWidth > el.clientWidth")
    assert scroller.evaluate("(el) => el.scrollLeft > 0")
    assert browser_session.page.evaluate("window.scrollX") == 0
