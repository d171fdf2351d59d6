from celery import shared_task

from . import services


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=3)
def purge_old_submissions() -> int:
    """Nightly (celery beat): forget submission keys older than a week. Idempotent."""
    return services.purge_old_submissions()
