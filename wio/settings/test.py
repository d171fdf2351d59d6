"""Tests: PostgreSQL and Redis on this machine unless DATABASE_URL / CELERY_BROKER_URL say otherwise."""

import os
import socket
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-not-secret-wio-test-key-0123456789-abcdefghij")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")


def _postgres_reachable(host: str = "127.0.0.1", port: int = 5432) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


# Tests run on PostgreSQL. Without it (and without WIO_REQUIRE_SERVICES) they fall back to SQLite so
# that a laptop without services still runs most of the suite; CI requires the real thing.
if _postgres_reachable() or os.environ.get("WIO_REQUIRE_SERVICES") == "1":
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wio")
os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/14")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("WIO_SINGLE_PROCESS", "true")  # one pytest process: its locmem cache is shared
os.environ.setdefault("WIO_VAR_DIR", str(Path(__file__).resolve().parents[2] / "var" / "test"))

from .base import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A worker process started by a fault test writes its e-mail to files the test can count.
EMAIL_BACKEND = os.environ.get("WIO_TEST_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("WIO_TEST_EMAIL_FILE_PATH")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CELERY_TASK_ALWAYS_EAGER = False
ACCOUNT_RATE_LIMITS = {**ACCOUNT_RATE_LIMITS}  # noqa: F405
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
WHITENOISE_USE_FINDERS = True
