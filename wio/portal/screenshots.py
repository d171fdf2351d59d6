"""Full-page screenshots of the pages people ask about, for anyone to look at (`make screenshots`).

Debian's Chromium, driven by Playwright, signs in through the real login page (password, then a TOTP
code) as the demo user of each role and saves PNGs: the case list and a dossier at 1366 and 390 px as
the leerplichtambtenaar, the audit trail as the privacy officer, and page 3 of the national report as
project staff (requested on the reports page, downloaded, rendered by poppler's pdftoppm). Each role
signs in once: a TOTP code works once per user in its 30-second window.

Playwright and pyotp are development packages, so they are imported only when this runs.
"""

import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.urls import reverse

from wio.accounts.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET

CHROMIUM_PATH = "/usr/bin/chromium"
# NORMS.md A11Y-1: headless, no sandbox (root in CI), and no background traffic to the internet; the
# browser tests launch Chromium with these too.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}

CASE_LIST = "case-list"
DOSSIER_DESKTOP = "dossier-desktop"
DOSSIER_PHONE = "dossier-phone"
AUDIT_VIEWER = "audit-viewer"
REPORT_PAGE_3 = "national-report-page-3"
SHOTS = (CASE_LIST, DOSSIER_DESKTOP, DOSSIER_PHONE, AUDIT_VIEWER, REPORT_PAGE_3)
CASE_SHOTS = frozenset({CASE_LIST, DOSSIER_DESKTOP, DOSSIER_PHONE})

LPA = "lpa@wio.example"
PRIVACY_OFFICER = "privacy@wio.example"
PROJECT_STAFF = "projectmedewerker@wio.example"
# With Celery inline the national report is built during the request; on the full demo that takes a while.
REPORT_TIMEOUT_MS = 300_000


class ScreenshotError(RuntimeError):
    pass


@dataclass
class Photographer:
    browser: Any
    base_url: str
    out_dir: Path
    contexts: list[Any] = field(default_factory=list)

    def signed_in(self, email: str) -> Any:
        """A page of a fresh browser context, signed in through the login page and its TOTP step."""
        import pyotp

        context = self.browser.new_context(locale="nl-NL", reduced_motion="reduce", viewport=DESKTOP)
        self.contexts.append(context)
        page = context.new_page()
        page.goto(self.url("account_login"))
        page.fill("#id_login", email)
        page.fill("#id_password", DEMO_PASSWORD)
        page.click("main form button[type=submit]")
        page.wait_for_url(self.url("mfa_authenticate"))
        page.fill("#id_code", pyotp.TOTP(DEMO_TOTP_SECRET).now())
        page.click("main form button[type=submit]")
        page.wait_for_url(self.url("portal:start"))
        return page

    def url(self, name: str) -> str:
        return self.base_url + reverse(name)

    def save(self, page: Any, name: str) -> Path:
        page.wait_for_load_state("load")
        path = self.out_dir / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    def case_pages(self, wanted: frozenset[str]) -> list[Path]:
        page = self.signed_in(LPA)
        page.goto(self.url("cases:list"))
        saved = [self.save(page, CASE_LIST)] if CASE_LIST in wanted else []
        if not wanted & {DOSSIER_DESKTOP, DOSSIER_PHONE}:
            return saved
        first_case = page.locator("main table tbody th a").first
        if first_case.count() == 0:
            raise ScreenshotError("The case list is empty: there is no dossier to photograph.")
        page.goto(self.base_url + first_case.get_attribute("href"))
        if DOSSIER_DESKTOP in wanted:
            saved.append(self.save(page, DOSSIER_DESKTOP))
        if DOSSIER_PHONE in wanted:
            page.set_viewport_size(PHONE)
            page.reload()
            saved.append(self.save(page, DOSSIER_PHONE))
        return saved

    def audit_viewer(self) -> Path:
        page = self.signed_in(PRIVACY_OFFICER)
        page.goto(self.url("audit:event_list"))
        return self.save(page, AUDIT_VIEWER)

    def national_report_page_3(self) -> Path:
        page = self.signed_in(PROJECT_STAFF)
        page.set_default_timeout(REPORT_TIMEOUT_MS)
        page.goto(self.url("monitor:report_list"))
        page.click("main form button[type=submit]")  # national, this year, the latest date: the defaults
        page.wait_for_url(re.compile(r"/rapportages/\d+/$"))
        download_link = page.locator("#report-status a[href$='/download/']")
        download_link.wait_for()
        with tempfile.TemporaryDirectory(prefix="wio-report-") as temporary:
            pdf = Path(temporary) / "national.pdf"
            with page.expect_download() as download:
                download_link.click()
            download.value.save_as(str(pdf))
            return render_pdf_page(pdf, 3, self.out_dir / f"{REPORT_PAGE_3}.png")


def render_pdf_page(pdf: Path, number: int, target: Path) -> Path:
    """One page of a PDF as a PNG at 100 dpi, with poppler-utils' pdftoppm."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise ScreenshotError("pdftoppm is missing: install poppler-utils (see the README).")
    prefix = target.with_suffix("")
    subprocess.run(  # noqa: S603
        [pdftoppm, "-f", str(number), "-l", str(number), "-png", "-r", "100", "-singlefile", pdf, prefix],
        check=True,
    )
    if not target.exists():
        raise ScreenshotError(f"{pdf.name} has no page {number}.")
    return target


def _photograph(photographer: Photographer, wanted: frozenset[str]) -> list[Path]:
    try:
        saved = photographer.case_pages(wanted) if wanted & CASE_SHOTS else []
        if AUDIT_VIEWER in wanted:
            saved.append(photographer.audit_viewer())
        if REPORT_PAGE_3 in wanted:
            saved.append(photographer.national_report_page_3())
    finally:
        for context in photographer.contexts:
            context.close()
    return saved


def take_screenshots(
    base_url: str, out_dir: Path, only: Iterable[str] = SHOTS, browser: Any = None
) -> list[Path]:
    """Save the chosen screenshots (all by default) as <name>.png in `out_dir`; returns their paths.

    `browser`: a Playwright browser already running in this thread (the browser tests have one);
    without it Debian's Chromium is started and closed here.
    """
    wanted = frozenset(only)
    unknown = wanted - set(SHOTS)
    if unknown:
        raise ScreenshotError(f"Unknown screenshots: {', '.join(sorted(unknown))}")
    out_dir.mkdir(parents=True, exist_ok=True)
    if browser is not None:
        return _photograph(Photographer(browser, base_url, out_dir), wanted)
    if not Path(CHROMIUM_PATH).exists():
        raise ScreenshotError(f"Chromium is missing at {CHROMIUM_PATH}: install Debian's chromium.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        try:
            return _photograph(Photographer(launched, base_url, out_dir), wanted)
        finally:
            launched.close()
