"""Production needs a cache that every web process shares.

The login rate limits (AUTH-3) and the single use of a TOTP code live in Django's default cache. A
per-process cache (locmem) gives every gunicorn worker its own counters and its own list of used codes,
so a code used in one worker is accepted by the next; the dummy cache remembers nothing at all. With
DEBUG off WIO therefore refuses such a cache: `check` (run by `migrate` and `runserver` too) reports an
error, and wio/wsgi.py does not start, since gunicorn runs no system checks. WIO_SINGLE_PROCESS says a
locmem cache is shared after all (the embedded demo and the tests run in one process).
"""

from typing import Any

from django.conf import settings
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.checks import Error
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

SHARED_CACHE_HINT = "Set CACHE_URL to a Redis cache, e.g. redis://redis:6379/1 (docker-compose.yml does)."


def shared_cache_check(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    if settings.DEBUG:
        return []
    backend = import_string(settings.CACHES["default"]["BACKEND"])
    if issubclass(backend, DummyCache):
        return [
            Error(
                "The default cache is the dummy cache: login rate limits and the single use of TOTP "
                "codes are not enforced.",
                hint=SHARED_CACHE_HINT,
                id="wio.E002",
            )
        ]
    if issubclass(backend, LocMemCache) and not settings.WIO_SINGLE_PROCESS:
        return [
            Error(
                "The default cache is per process (locmem): every web process keeps its own login rate "
                "limits and its own list of used TOTP codes.",
                hint=f"{SHARED_CACHE_HINT} Only a single-process installation sets WIO_SINGLE_PROCESS=true.",
                id="wio.E001",
            )
        ]
    return []


def require_shared_cache() -> None:
    """For entry points that run no system checks (gunicorn through wio/wsgi.py)."""
    errors = shared_cache_check()
    if errors:
        raise ImproperlyConfigured(" ".join(f"{error.id}: {error.msg} {error.hint}" for error in errors))
