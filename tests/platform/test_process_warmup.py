"""A web process builds its long-lived objects before the first request and freezes them, so that
Python's full garbage collection no longer walks them during requests (wio/process_warmup.py)."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]

PROBE = """
import gc
import wio.wsgi
from django.template import engines
loader = engines["django"].engine.template_loaders[0]
print(gc.get_freeze_count(), len(gc.get_objects()), len(loader.get_template_cache))
"""


def test_loading_the_wsgi_application_compiles_the_templates_and_freezes_what_it_built() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "wio.settings.test", "DEBUG": "false"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=BASE_DIR, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    frozen, still_collected, compiled = map(int, result.stdout.split())
    templates = sum(1 for _path in (BASE_DIR / "templates").rglob("*.html"))
    assert compiled >= templates
    assert frozen > 100_000
    assert still_collected < frozen / 20
