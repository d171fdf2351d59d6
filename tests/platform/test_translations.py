"""The Dutch catalogue is complete: every source string translated, and the .mo up to date."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

from django.test import Client
from django.urls import reverse

import pytest

from tests.services import require

BASE_DIR = Path(__file__).resolve().parents[2]
CATALOGUE = BASE_DIR / "locale" / "nl" / "LC_MESSAGES" / "django.po"
SOURCES = ("manage.py", "wio", "cases", "moreelberaad", "monitor", "templates", "locale")


def _entries(po_text: str) -> dict[str, str]:
    """msgid -> msgstr (plural forms joined), for the entries that are not obsolete."""
    entries: dict[str, str] = {}
    for block in po_text.split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        text = "\n".join(lines)
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', text, re.M)
        if not msgid:
            continue
        key = "".join(re.findall(r'"(.*)"', msgid.group(1)))
        strings = re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', text, re.M)
        entries[key] = "|".join("".join(re.findall(r'"(.*)"', s)) for s in strings)
        if "#, fuzzy" in block and key:
            entries[key] = ""
    return entries


def test_every_entry_is_translated() -> None:
    entries = _entries(CATALOGUE.read_text(encoding="utf-8"))
    untranslated = [msgid for msgid, msgstr in entries.items() if msgid and not all(msgstr.split("|"))]
    assert untranslated == []


def test_catalogue_holds_every_translatable_string(tmp_path: Path) -> None:
    require(shutil.which("msgfmt") is not None, "gettext (msgfmt)")
    for name in SOURCES:
        source = BASE_DIR / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "nl", "--no-obsolete"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    fresh = _entries((tmp_path / "locale/nl/LC_MESSAGES/django.po").read_text(encoding="utf-8"))
    committed = _entries(CATALOGUE.read_text(encoding="utf-8"))
    assert sorted(set(fresh) - set(committed)) == [], "run `make messages` and translate"


def test_compiled_catalogue_matches_the_source(tmp_path: Path) -> None:
    require(shutil.which("msgfmt") is not None, "gettext (msgfmt)")
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(compiled), str(CATALOGUE)], check=True)
    assert compiled.read_bytes() == CATALOGUE.with_suffix(".mo").read_bytes()


@pytest.mark.parametrize(
    ("english", "dutch"),
    [
        ("Sign In", "Inloggen"),
        ("Skip to main content", "Direct naar de inhoud"),
        # DRF's catalogue says "vereist"; the forms keep Django's word (wio/api/messages.py).
        ("This field is required.", "Dit veld is verplicht."),
    ],
)
def test_dutch_is_the_default_language(english: str, dutch: str) -> None:
    from django.utils.translation import gettext, override

    with override("nl"):
        assert gettext(english) == dutch


@pytest.mark.django_db
def test_an_english_browser_still_gets_the_dutch_interface(client: Client) -> None:
    response = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert '<html lang="nl">' in response.content.decode()
    assert "Inloggen bij WIO" in response.content.decode()
