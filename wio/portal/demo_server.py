"""A throwaway demo server for `manage.py screenshots`: migrated, seeded, served on a free loopback port.

Without DATABASE_URL it runs on a SQLite file in a temporary var directory that is removed afterwards;
with DATABASE_URL it migrates and seeds that database (seed_demo is idempotent). Celery always runs
inline (no broker), e-mail goes to the console. The server is `runserver` in a child process, so
nothing of it touches the process that drives the browser.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

STARTUP_SECONDS = 90
# Variables that would hand tasks to a broker or switch settings: the demo runs inline on dev settings.
_DROPPED = ("CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "DJANGO_SETTINGS_MODULE", "WIO_VAR_DIR")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def demo_environment(var_dir: Path) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name not in _DROPPED}
    env["DJANGO_SETTINGS_MODULE"] = "wio.settings.dev"
    env["WIO_VAR_DIR"] = str(var_dir)
    env["DEBUG"] = "true"
    return env


def _manage(*args: str) -> list[str]:
    return [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), *args]


def _run(args: list[str], env: dict[str, str], log: Path) -> None:
    with log.open("a") as output:
        done = subprocess.run(args, env=env, stdout=output, stderr=subprocess.STDOUT, check=False)  # noqa: S603
    if done.returncode != 0:
        raise CommandError(f"{' '.join(args[1:])} failed:\n{_tail(log)}")


def _tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def _wait_until_it_answers(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise CommandError(f"The demo server stopped:\n{_tail(log)}")
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - our own loopback server
            return
        except urllib.error.HTTPError:
            return  # any answer (a redirect to the login page, a 404) means it is up
        except OSError:
            time.sleep(0.5)
    raise CommandError(f"The demo server did not answer within {STARTUP_SECONDS} s:\n{_tail(log)}")


@contextmanager
def demo_server(log: Path | None = None) -> Iterator[str]:
    """Migrate, seed the demo and serve it; yields the base URL (http://127.0.0.1:<port>)."""
    with tempfile.TemporaryDirectory(prefix="wio-screenshots-") as temporary:
        env = demo_environment(Path(temporary) / "var")
        log = log or Path(temporary) / "server.log"
        _run(_manage("migrate", "--noinput"), env, log)
        _run(_manage("seed_demo"), env, log)
        port = free_port()
        with log.open("a") as output:
            server = subprocess.Popen(  # noqa: S603
                _manage("runserver", "--noreload", f"127.0.0.1:{port}"),
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        try:
            base_url = f"http://127.0.0.1:{port}"
            _wait_until_it_answers(base_url + "/", server, log)
            yield base_url
        finally:
            server.terminate()
            server.wait(timeout=30)
