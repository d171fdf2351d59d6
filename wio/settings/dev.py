"""The embedded demo: SQLite under var/, Celery tasks inline, e-mail to the console."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "dev-only-not-secret-wio-embedded-demo-key-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
os.environ.setdefault("WIO_SINGLE_PROCESS", "true")  # runserver: its locmem cache is the only one

from .base import *  # noqa: F403

VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
