"""Which real services the tests can reach. With WIO_REQUIRE_SERVICES=1 a missing one is a failure."""

import os
import shutil
import socket
from functools import cache

import pytest

CHROMIUM_PATH = "/usr/bin/chromium"


def services_required() -> bool:
    return os.environ.get("WIO_REQUIRE_SERVICES") == "1"


def _port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


@cache
def redis_available() -> bool:
    return _port_open("127.0.0.1", 6379)


@cache
def chromium_available() -> bool:
    return shutil.which(CHROMIUM_PATH) is not None


def require(available: bool, what: str) -> None:
    """Skip a test that needs `what`, or fail it when services are required."""
    if available:
        return
    if services_required():
        pytest.fail(f"{what} is required (WIO_REQUIRE_SERVICES=1) but not available")
    pytest.skip(f"{what} not available")
