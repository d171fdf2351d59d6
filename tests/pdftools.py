"""Reading generated PDFs in tests with poppler's command-line tools (no PDF library needed)."""

import re
import subprocess
import zlib
from pathlib import Path

_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)


def pdf_text(pdf: bytes, tmp_path: Path, *, page: int | None = None) -> str:
    """The text a reader (or a screen reader) can extract, via `pdftotext`; of one page if given."""
    source = tmp_path / "document.pdf"
    source.write_bytes(pdf)
    pages = ["-f", str(page), "-l", str(page)] if page else []
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *pages, str(source), "-"], capture_output=True, check=True
    )
    return result.stdout.decode()


def pdf_info(pdf: bytes, tmp_path: Path) -> str:
    """`pdfinfo` output: Title, Tagged, Pages, …"""
    source = tmp_path / "info.pdf"
    source.write_bytes(pdf)
    return subprocess.run(
        ["pdfinfo", "-enc", "UTF-8", str(source)], capture_output=True, check=True
    ).stdout.decode()


def pdf_objects(pdf: bytes) -> bytes:
    """The raw bytes plus every Flate stream decompressed: WeasyPrint puts the catalog (with /Lang)
    in a compressed object stream, so a plain byte search would not find it."""
    parts = [pdf]
    for match in _STREAM.finditer(pdf):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def pdf_lang(pdf: bytes) -> str | None:
    match = re.search(rb"/Lang\s*\(([^)]*)\)", pdf_objects(pdf))
    return match.group(1).decode() if match else None


def pdf_title(pdf: bytes, tmp_path: Path) -> str:
    match = re.search(r"^Title:\s*(.*)$", pdf_info(pdf, tmp_path), re.M)
    return match.group(1).strip() if match else ""
