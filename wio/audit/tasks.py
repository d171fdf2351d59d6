from celery import shared_task

from . import services


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=3)
def purge_expired_audit_events() -> int:
    """Nightly (celery beat): remove audit events past their retention. Idempotent."""
    return services.purge_expired_events()
