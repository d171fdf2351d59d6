"""The national benchmark (`make bench-national`, issue 13): production settings plus the benchmark app.

Everything comes from wio.settings.base as in production (DEBUG off, the shared Redis cache, the
manifest static files); the defaults below only point it at the benchmark's own database, cache and
broker on this machine. Two differences from production, both outside what is measured:
- plain HTTP to 127.0.0.1 (no TLS proxy in front), so no SSL redirect and no Secure cookies;
- the per-address login limit is raised: all load clients sign in from 127.0.0.1 within seconds.
The app `wio.benchmark` adds the generator and load-driver commands and registers a plain Django
admin for cases (the comparison changelist); production has neither.
"""

import os
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[2]
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret-wio-benchmark-key-0123456789-abcdef")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wio_bench")
os.environ.setdefault("CACHE_URL", "redis://127.0.0.1:6379/10")
os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/9")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("WIO_VAR_DIR", str(_ROOT / "var" / "bench" / "data"))
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
os.environ.setdefault("LOG_LEVEL", "WARNING")

from .base import *  # noqa: E402, F403

INSTALLED_APPS = [*INSTALLED_APPS, "wio.benchmark"]  # noqa: F405
ACCOUNT_RATE_LIMITS = {**ACCOUNT_RATE_LIMITS, "login": "600/m/ip"}  # noqa: F405
VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
