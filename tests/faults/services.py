"""Real services the fault tests start, stop and kill: a Redis of their own, Celery workers.

Nothing here touches the shared Redis on 6379 or the shared PostgreSQL server beyond the test
database: each Redis runs on a free port in a temporary directory and dies with the test.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from django.db import connection

BASE_DIR = Path(__file__).resolve().parents[2]
REDIS_SERVER = "/usr/bin/redis-server"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def wait_for(condition: Callable[[], bool], *, timeout: float, step: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


class RedisServer:
    """One redis-server on its own port; `stop` and `start` keep the port (the broker "returns")."""

    def __init__(self, directory: Path) -> None:
        self.port = free_port()
        self.directory = directory
        self.process: subprocess.Popen[bytes] | None = None

    @staticmethod
    def available() -> bool:
        return shutil.which(REDIS_SERVER) is not None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        arguments = ["--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(
            [REDIS_SERVER, *arguments, "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if not wait_for(lambda: port_open(self.port), timeout=10):
            raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None
        wait_for(lambda: not port_open(self.port), timeout=5)


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


class Worker:
    """A real Celery worker process (solo pool), optionally with beat, on the given broker."""

    def __init__(self, *, broker_url: str, env: dict[str, str], directory: Path, beat: bool) -> None:
        arguments = [sys.executable, "-m", "celery", "-A", "wio", "worker", "--pool=solo", "-l", "warning"]
        arguments += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
        if beat:
            arguments += ["--beat", "--schedule", str(directory / f"beat-{time.monotonic_ns()}")]
        self.log = directory / f"worker-{time.monotonic_ns()}.log"
        full_env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "wio.settings.test",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": broker_url,
            "CELERY_RESULT_BACKEND": broker_url,
            **env,
        }
        with open(self.log, "wb") as log:
            # A session of its own: with --beat the worker forks beat as a child, which a SIGKILL of
            # the worker alone would leave running after the test, polling a broker that is gone.
            self.process = subprocess.Popen(
                arguments,
                cwd=BASE_DIR,
                env=full_env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def kill(self) -> None:
        """SIGKILL to the worker and its beat: no shutdown, no acknowledgement, as when the machine or
        the OOM killer takes it."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=20)
        self.kill()  # whatever of the worker's session is still there, beat included

    def output(self) -> str:
        return self.log.read_text(errors="replace")
