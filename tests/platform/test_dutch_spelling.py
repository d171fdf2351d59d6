"""One spelling for the words WIO uses most: "regio's" (with a straight apostrophe), never "regio’s"
or "regios", in the Dutch catalogue and in every template."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OTHER_SPELLINGS = re.compile(r"\bregio(’s|s\b|´s|`s)", re.IGNORECASE)


def _texts() -> list[tuple[Path, str]]:
    files = [ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po", *sorted((ROOT / "templates").rglob("*.*"))]
    readable = [path for path in files if path.suffix in {".po", ".html", ".txt"}]
    return [(path, path.read_text(encoding="utf-8")) for path in readable]


def test_regios_is_spelled_one_way_everywhere() -> None:
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path, text in _texts()
        for match in OTHER_SPELLINGS.finditer(text)
    ]
    assert found == []
