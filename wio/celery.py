import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wio.settings.dev")

app = Celery("wio")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(["wio.audit", "wio.outbox"])
