from celery import shared_task

from . import services


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=3)
def expire_unenrolled_accounts() -> int:
    """Hourly (celery beat): deactivate accounts that did not enrol an authenticator in time. Idempotent."""
    return services.expire_unenrolled_accounts()
