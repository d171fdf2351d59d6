"""Every variable the settings read is documented in .env.example with a comment."""

import re
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
READ_PATTERN = re.compile(r"""env(?:\.\w+)?\(\s*["']([A-Z][A-Z0-9_]+)["']""")


def _variables_read() -> set[str]:
    names: set[str] = set()
    for path in (BASE_DIR / "wio" / "settings").glob("*.py"):
        names |= set(READ_PATTERN.findall(path.read_text()))
    return names


def test_every_setting_variable_is_in_env_example_with_a_comment() -> None:
    lines = (BASE_DIR / ".env.example").read_text().splitlines()
    documented = {}
    for index, line in enumerate(lines):
        match = re.match(r"#?\s*([A-Z][A-Z0-9_]+)=", line)
        if match:
            documented[match.group(1)] = index
    missing = sorted(_variables_read() - set(documented))
    assert missing == []
    for name, index in documented.items():
        comment_above = any(lines[i].startswith("# ") for i in range(max(0, index - 3), index))
        assert comment_above, f"{name} has no comment"
