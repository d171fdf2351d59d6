"""Fixtures of the fault tests: an own Redis as broker, worker processes, a small lease."""

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.db import connection

import pytest

from wio.celery import app as celery_app
from wio.outbox import services as outbox

from .services import RedisServer, Worker

LEASE_SECONDS = 4  # a job without progress for this long is taken for lost (production: 300)
SWEEP_SECONDS = 1  # beat sweeps this often (production: 60)


def _point_celery_at(url: str) -> None:
    """This process hands jobs to `url` from now on (the app keeps pooled connections: drop them)."""
    celery_app.conf.broker_url = url
    celery_app.conf.result_backend = url
    celery_app.pool.force_close_all()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker(tmp_path: Path, settings: Any) -> Iterator[RedisServer]:
    """A Redis of this test's own, the broker of this process and of the workers it starts."""
    if not RedisServer.available():
        pytest.fail("redis-server is needed for the fault tests (apt-get install redis-server)")
    if connection.vendor != "postgresql":
        pytest.skip("worker processes share the PostgreSQL test database")
    server = RedisServer(tmp_path)
    server.start()
    original = celery_app.conf.broker_url, celery_app.conf.result_backend
    _point_celery_at(server.url)
    settings.WIO_OUTBOX_LEASE_SECONDS = LEASE_SECONDS
    outbox._broker_down_until = 0.0
    try:
        yield server
    finally:
        server.stop()
        celery_app.conf.broker_url, celery_app.conf.result_backend = original
        _point_celery_at(original[0])
        celery_app.conf.result_backend = original[1]


@pytest.fixture
def private_media(tmp_path: Path, settings: Any) -> Path:
    root = tmp_path / "private"
    root.mkdir()
    settings.PRIVATE_MEDIA_ROOT = root
    return root


@pytest.fixture
def mail_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "mail"
    directory.mkdir()
    return directory


@pytest.fixture
def start_worker(
    broker: RedisServer, private_media: Path, mail_dir: Path, tmp_path: Path
) -> Iterator[Callable[..., Worker]]:
    """Start workers (with beat sweeping every second) that share this test's database, media and
    broker, and write e-mail to `mail_dir`; all are stopped at the end."""
    started: list[Worker] = []

    def start(*, beat: bool = True) -> Worker:
        env = {
            "WIO_PRIVATE_MEDIA_ROOT": str(private_media),
            "WIO_OUTBOX_LEASE_SECONDS": str(LEASE_SECONDS),
            "WIO_OUTBOX_SWEEP_SECONDS": str(SWEEP_SECONDS),
            "WIO_TEST_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "WIO_TEST_EMAIL_FILE_PATH": str(mail_dir),
        }
        worker = Worker(broker_url=broker.url, env=env, directory=tmp_path, beat=beat)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()
