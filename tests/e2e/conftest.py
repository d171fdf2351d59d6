"""Browser journeys: Debian's Chromium driven by Playwright, axe-core on every page."""

import os
from collections.abc import Iterator
from typing import Any

from django.urls import reverse

import pyotp
import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.services import CHROMIUM_PATH, chromium_available, require
from wio.accounts.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from wio.portal.screenshots import CHROMIUM_ARGS, DESKTOP, PHONE  # NORMS.md A11Y-1, shared

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make there
# are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# The page has settled when nothing makes it wider than the phone's screen (tables scroll in their own
# container); Chromium may report a wider document for a moment right after "load".
FITS_THE_SCREEN = "document.documentElement.scrollWidth <= window.innerWidth"
WIDEST_ELEMENTS = """() => [...document.querySelectorAll('body *')]
  .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1
    && !(el.parentElement && el.parentElement.getBoundingClientRect().right > window.innerWidth + 1))
  .slice(0, 5)
  .map((el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().width)} px`)"""

_RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(
    `${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    require(chromium_available(), "Chromium at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class BrowserSession:
    """A page plus the checks every journey makes on every page it visits."""

    def __init__(self, page: Any, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.outside_requests: list[str] = []
        self.pages_checked: list[str] = []
        page.on("request", self._watch_request)
        page.add_init_script(_RECORD_CSP_VIOLATIONS)

    def _watch_request(self, request: Any) -> None:
        if not request.url.startswith((self.base_url, "data:")):
            self.outside_requests.append(request.url)

    def goto(self, path: str) -> Any:
        return self.page.goto(self.base_url + path)

    def wait_for(self, path: str) -> None:
        """Wait until the page is exactly at `path` (a "**/" glob would match any URL)."""
        self.page.wait_for_url(self.base_url + path)

    def enter_password(self, email: str, password: str = DEMO_PASSWORD, *, check: bool = False) -> None:
        self.goto(reverse("account_login"))
        if check:
            self.check_page()
        self.page.fill("#id_login", email)
        self.page.fill("#id_password", password)
        self.page.click("main form button[type=submit]")

    def enter_code(self, secret: str = DEMO_TOTP_SECRET, *, check: bool = False) -> None:
        self.wait_for(reverse("mfa_authenticate"))
        if check:
            self.check_page()
        self.page.fill("#id_code", pyotp.TOTP(secret).now())
        self.page.click("main form button[type=submit]")
        self.wait_for(reverse("portal:start"))

    def log_in(self, email: str, *, check: bool = False) -> None:
        """The real login: password, then a TOTP code, ending on the start page."""
        self.enter_password(email, check=check)
        self.enter_code(check=check)

    def check_page(self) -> None:
        """Zero axe violations (WCAG 2.2 A/AA) on a laptop and on a phone, where the page must not
        scroll sideways; no CSP violation, nothing loaded from outside."""
        self.page.wait_for_load_state("load")
        # Read CSP violations before axe runs: axe's own injected helpers may trip the policy.
        violations = self.page.evaluate("window.__cspViolations || []")
        assert violations == [], f"CSP violations on {self.page.url}: {violations}"
        self._run_axe("1366 px")
        self._check_on_a_phone()
        assert self.outside_requests == [], f"outside requests: {self.outside_requests}"
        self.pages_checked.append(self.page.url)

    def _run_axe(self, width: str) -> None:
        results = Axe().run(self.page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        assert results.violations_count == 0, f"{self.page.url} at {width}\n{results.generate_report()}"

    def _wait_until_it_fits(self) -> None:
        # Polled from here: the CSP (rightly) forbids the eval that wait_for_function would need.
        for _attempt in range(50):
            if self.page.evaluate(FITS_THE_SCREEN):
                return
            self.page.wait_for_timeout(100)
        width = self.page.evaluate("document.documentElement.scrollWidth")
        wide = self.page.evaluate(WIDEST_ELEMENTS)
        raise AssertionError(f"{self.page.url} is {width} px wide at 390 px: {wide}")

    def _check_on_a_phone(self) -> None:
        size = self.page.viewport_size or DESKTOP
        self.page.set_viewport_size(PHONE)
        try:
            self._wait_until_it_fits()
            self._run_axe("390 px")
        finally:
            self.page.set_viewport_size(size)


@pytest.fixture
def browser_session(browser: Any, live_server: Any) -> Iterator[BrowserSession]:
    # Reduced motion: Bootstrap then skips transitions, so axe never measures a colour mid-fade.
    context = browser.new_context(locale="nl-NL", reduced_motion="reduce", viewport=DESKTOP)
    page = context.new_page()
    yield BrowserSession(page, live_server.url)
    context.close()
