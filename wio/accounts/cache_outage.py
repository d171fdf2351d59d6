"""The cache (Redis) down: signing in fails closed with a Dutch 503, never a 500.

Login rate limits, the per-account delay and the used TOTP codes live in the cache. Without it
they cannot be checked, and signing in without them would let a password guesser through, so the
sign-in pages answer "try again in a few minutes" until the cache is back. Sessions live in the
database: whoever is signed in keeps working (ADR 0013).
"""

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 120
CACHE_OUTAGES = (RedisConnectionError, RedisTimeoutError)


class CacheOutageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, CACHE_OUTAGES):
            return None
        logger.warning("cache unavailable (%s): %s refused", type(exception).__name__, request.path)
        response = render(request, "errors/cache_unavailable.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
