"""`make screenshots` (issue 14 acceptance): the case list, a dossier at 1366 and 390 px, the audit trail and
page 3 of the national report as PNGs in var/screenshots/."""

import os
import re
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import get_commands

import pytest

from tests.cases.factories import CaseFactory
from tests.services import chromium_available, require
from wio.accounts.demo import seed as seed_accounts
from wio.accounts.models import Organisation
from wio.portal.screenshots import (
    AUDIT_VIEWER,
    CASE_LIST,
    DOSSIER_DESKTOP,
    DOSSIER_PHONE,
    SHOTS,
    take_screenshots,
)

ROOT = Path(settings.BASE_DIR)
EXPECTED_FILES = {
    "case-list.png",
    "dossier-desktop.png",
    "dossier-phone.png",
    "audit-viewer.png",
    "national-report-page-3.png",
}


def _png_width(path: Path) -> int:
    header = path.read_bytes()[:24]
    assert header.startswith(b"\x89PNG\r\n\x1a\n"), path
    width: int = struct.unpack(">I", header[16:20])[0]
    return width


def test_make_screenshots_runs_the_command_and_the_readme_names_it() -> None:
    makefile = (ROOT / "Makefile").read_text()
    phony = re.search(r"^\.PHONY:(.*)$", makefile, re.MULTILINE)
    assert phony is not None
    assert "screenshots" in phony.group(1).split()
    assert re.search(r"^screenshots: env\n\t\$\(MANAGE\) screenshots$", makefile, re.MULTILINE)
    assert get_commands()["screenshots"] == "wio.portal"
    assert "`make screenshots`" in (ROOT / "README.md").read_text()
    assert {f"{name}.png" for name in SHOTS} == EXPECTED_FILES


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_screenshots_of_the_case_pages_and_the_audit_trail(
    browser: Any, live_server: Any, tmp_path: Path
) -> None:
    seed_accounts()
    gemeente, swv = Organisation.objects.get(code="GM1681"), Organisation.objects.get(code="PO 22-02")
    CaseFactory(gemeente=gemeente, swv=swv)

    saved = take_screenshots(
        live_server.url,
        tmp_path,
        only=[CASE_LIST, DOSSIER_DESKTOP, DOSSIER_PHONE, AUDIT_VIEWER],
        browser=browser,  # the session's Chromium: Playwright runs one per thread
    )

    assert sorted(path.name for path in saved) == sorted(
        ["case-list.png", "dossier-desktop.png", "dossier-phone.png", "audit-viewer.png"]
    )
    widths = {path.stem: _png_width(path) for path in saved}
    assert widths == {CASE_LIST: 1366, DOSSIER_DESKTOP: 1366, DOSSIER_PHONE: 390, AUDIT_VIEWER: 1366}


@pytest.mark.slow
@pytest.mark.browser
def test_the_command_photographs_a_throwaway_demo_including_the_national_report(tmp_path: Path) -> None:
    """What `make screenshots` runs, on its own SQLite demo (never the test database)."""
    require(chromium_available(), "Chromium at /usr/bin/chromium")
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    done = subprocess.run(
        [sys.executable, "manage.py", "screenshots", "--output", str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )

    assert done.returncode == 0, done.stdout + done.stderr
    assert {path.name for path in tmp_path.iterdir()} == EXPECTED_FILES
    for path in tmp_path.iterdir():
        assert path.stat().st_size > 10_000, path
    assert _png_width(tmp_path / "dossier-phone.png") == 390
    assert _png_width(tmp_path / "national-report-page-3.png") == 827  # A4 at 100 dpi
