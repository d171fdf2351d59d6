"""One real Celery worker process runs a real task through the real Redis broker."""

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

import pytest
from kombu import pools as kombu_pools

from tests.services import redis_available, require
from wio.audit.constants import Action, Purpose, Result
from wio.audit.models import AuditEvent
from wio.audit.tasks import purge_expired_audit_events
from wio.celery import app as celery_app

BASE_DIR = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _fresh_broker_connections() -> None:
    """Earlier tests (tests/faults) point this process at brokers they stop: start over on ours."""
    celery_app.conf.broker_url = settings.CELERY_BROKER_URL
    celery_app.conf.result_backend = settings.CELERY_RESULT_BACKEND
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    kombu_pools.reset()
    celery_app._local.__dict__.pop("backend", None)


@pytest.fixture
def worker_queue() -> Iterator[str]:
    """A worker on its own queue, so no other worker on this broker can take the task."""
    require(redis_available(), "Redis at 127.0.0.1:6379")
    if connection.vendor == "sqlite":
        pytest.skip("a worker process cannot share an in-memory test database")
    queue = f"wio-test-{uuid.uuid4().hex[:8]}"
    _fresh_broker_connections()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "wio.settings.test",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "wio",
            "worker",
            "--pool=solo",
            "-Q",
            queue,
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-l",
            "warning",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield queue
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()


def test_worker_purges_expired_audit_events_through_redis(worker_queue: str) -> None:
    # given an event past its retention
    aged = AuditEvent(
        occurred_at=timezone.now() - timedelta(days=settings.WIO_AUDIT_RETENTION_DAYS + 10),
        action=Action.READ,
        event_type="test.read",
        result=Result.OK,
        purpose=Purpose.CASE_MANAGEMENT,
    )
    aged.save()
    # when the task goes through the broker to the worker process
    started = time.monotonic()
    result = purge_expired_audit_events.apply_async(queue=worker_queue)
    deleted = result.get(timeout=60)
    # then
    assert deleted == 1
    assert not AuditEvent.objects.filter(pk=aged.pk).exists()
    assert AuditEvent.objects.filter(event_type="audit.retention_purge").count() == 1
    assert time.monotonic() - started < 60
