"""wio.pdf.render_pdf: tagged PDF/UA output with language and title, CSS from disk, nothing fetched."""

import copy
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured

import pytest

from tests.pdftools import pdf_info, pdf_lang, pdf_text, pdf_title
from wio.pdf import render_pdf, stylesheet_text

BASE_DIR = Path(__file__).resolve().parents[2]


def test_render_pdf_returns_the_html_and_a_pdf_with_extractable_text(tmp_path: Path) -> None:
    # Given a title with Dutch characters
    title = "Proefdocument: één overzicht – april"

    # When it is rendered with the base PDF template
    html, pdf = render_pdf("pdf/base.html", {"title": title})

    # Then the HTML is the source and the PDF carries the same text
    assert f"<title>{title}</title>" in html
    assert pdf.startswith(b"%PDF-")
    assert title in pdf_text(pdf, tmp_path)


def test_the_pdf_is_tagged_with_language_and_title(tmp_path: Path) -> None:
    # When a PDF is rendered
    _html, pdf = render_pdf("pdf/base.html", {"title": "Rapportage tweede kwartaal"})

    # Then it is tagged, in Dutch, and titled as its <title> (PDF/UA-1; DESIGN.md §6)
    assert pdf_lang(pdf) == "nl"
    assert pdf_title(pdf, tmp_path) == "Rapportage tweede kwartaal"
    assert "Tagged:          yes" in pdf_info(pdf, tmp_path)


def test_the_house_stylesheet_is_read_from_the_static_files() -> None:
    # When the default PDF stylesheet is looked up
    css = stylesheet_text("css/pdf.css")

    # Then it is the file on disk
    assert css == (BASE_DIR / "static" / "css" / "pdf.css").read_text(encoding="utf-8")


def test_a_missing_stylesheet_is_a_configuration_error() -> None:
    # When a stylesheet that does not exist is asked for, then that is said plainly
    with pytest.raises(ImproperlyConfigured):
        render_pdf("pdf/base.html", {"title": "x"}, stylesheets=["css/does-not-exist.css"])


def test_nothing_outside_the_document_is_fetched(tmp_path: Path, settings: Any) -> None:
    # Given a template that links a stylesheet on the local disk, which would add visible text
    (tmp_path / "secret.css").write_text('h1::after { content: "FETCHEDFROMDISK"; }', encoding="utf-8")
    (tmp_path / "fetching.html").write_text(
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>t</title>'
        f'<link rel="stylesheet" href="file://{tmp_path}/secret.css"></head><body><h1>Kop</h1></body></html>',
        encoding="utf-8",
    )
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates

    # When it is rendered
    _html, pdf = render_pdf("fetching.html", {})

    # Then the file was not read
    text = pdf_text(pdf, tmp_path)
    assert "Kop" in text
    assert "FETCHEDFROMDISK" not in text


def test_importing_the_module_does_not_load_weasyprint() -> None:
    # When a fresh interpreter sets Django up and imports wio.pdf
    code = "import django, sys; django.setup(); import wio.pdf; print('weasyprint' in sys.modules)"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "wio.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True, check=True
    )

    # Then WeasyPrint (Pango, fonts) is not loaded until a PDF is made
    assert result.stdout.strip() == "False"
