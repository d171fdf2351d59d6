"""gunicorn (2 workers) and a Celery worker, started with the benchmark settings and stopped after."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

BIN = Path(sys.executable).parent
SETTINGS_MODULE = "wio.settings.bench"
START_TIMEOUT_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _environment() -> dict[str, str]:
    """This process's environment: wio.settings.bench has put its defaults (database, cache, broker) in it."""
    return dict(os.environ, DJANGO_SETTINGS_MODULE=SETTINGS_MODULE)


def _wait_until_serving(base_url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped while starting; see its output above")
        try:
            with urllib.request.urlopen(f"{base_url}/.well-known/security.txt", timeout=2):  # noqa: S310
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer within a minute")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def gunicorn(workers: int = 2) -> Iterator[str]:
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    command = [str(BIN / "gunicorn"), "wio.wsgi:application", "--bind", f"127.0.0.1:{port}",
               "--workers", str(workers), "--timeout", "120", "--log-level", "warning"]  # fmt: skip
    process = subprocess.Popen(command, env=_environment(), cwd=settings.BASE_DIR)  # noqa: S603
    try:
        _wait_until_serving(base_url, process)
        yield base_url
    finally:
        _stop(process)


@contextmanager
def celery_worker() -> Iterator[None]:
    command = [str(BIN / "celery"), "-A", "wio", "worker", "-l", "warning", "--concurrency", "1",
               "--hostname", f"bench-{os.getpid()}@%h"]  # fmt: skip
    process = subprocess.Popen(command, env=_environment(), cwd=settings.BASE_DIR)  # noqa: S603
    try:
        yield
    finally:
        _stop(process)
