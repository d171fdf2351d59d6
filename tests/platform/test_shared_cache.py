"""Production refuses a per-process cache: rate limits and used TOTP codes must be shared."""

import os
import subprocess
import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

import pytest

from wio.accounts.checks import require_shared_cache, shared_cache_check

BASE_DIR = Path(__file__).resolve().parents[2]
LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "check"}}
DUMMY = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
REDIS = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://redis:6379/1"}
}


def _ids(
    caches: dict[str, dict[str, str]], *, debug: bool = False, single_process: bool = False
) -> list[str]:
    with override_settings(CACHES=caches, DEBUG=debug, WIO_SINGLE_PROCESS=single_process):
        return [str(error.id) for error in shared_cache_check()]


def test_a_per_process_cache_is_an_error_in_production() -> None:
    assert _ids(LOCMEM) == ["wio.E001"]
    assert _ids(DUMMY) == ["wio.E002"]
    assert _ids(DUMMY, single_process=True) == ["wio.E002"]  # the dummy cache remembers nothing


def test_a_shared_cache_debug_or_a_single_process_pass() -> None:
    assert _ids(REDIS) == []
    assert _ids(LOCMEM, debug=True) == []
    assert _ids(LOCMEM, single_process=True) == []


def test_check_and_check_deploy_fail_on_a_per_process_cache() -> None:
    with override_settings(CACHES=LOCMEM, DEBUG=False, WIO_SINGLE_PROCESS=False):
        for args in ((), ("--deploy",)):
            with pytest.raises(SystemCheckError, match=r"wio\.E001"):
                call_command("check", *args)
        with pytest.raises(ImproperlyConfigured, match=r"wio\.E001"):
            require_shared_cache()  # what wio/wsgi.py calls, since gunicorn runs no checks
    with override_settings(CACHES=REDIS, DEBUG=False, WIO_SINGLE_PROCESS=False):
        require_shared_cache()


def _production(**extra: str) -> dict[str, str]:
    return {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "wio.settings.base",
        "SECRET_KEY": "k8#Vq2!mZr@9pL$w3XnT6&yB1uH^cE5jF0gD7sA4*oI+eR-zQ_aW",
        "ALLOWED_HOSTS": "wio.gemeente.example",
        "DEBUG": "false",
        "DATABASE_URL": "sqlite:////tmp/wio-check-deploy.sqlite3",
        **extra,
    }


@pytest.mark.parametrize(
    ("cache_url", "refused"),
    [("locmemcache://wio", True), ("redis://127.0.0.1:6379/1", False)],
)
def test_production_settings_refuse_to_start_with_a_per_process_cache(cache_url: str, refused: bool) -> None:
    environment = _production(CACHE_URL=cache_url)
    check = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    wsgi = subprocess.run(
        [sys.executable, "-c", "import wio.wsgi"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (check.returncode != 0) is refused, check.stdout + check.stderr
    assert ("wio.E001" in check.stderr) is refused
    assert (wsgi.returncode != 0) is refused, wsgi.stderr
    assert ("ImproperlyConfigured: wio.E001" in wsgi.stderr) is refused
