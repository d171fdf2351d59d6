from celery import shared_task

from . import services


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=3)
def expire_unenrolled_accounts() -> int:
    """Hourly (celery beat): deactivate accounts that did not enrol an authenticator in time. Idempotent."""
    return services.expire_unenrolled_accounts()


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=3)
def end_idle_sign_on_sessions() -> int:
    """Hourly (celery beat): end the sessions of users who did not sign in through their organisation's
    provider for WIO_SSO_MAX_DAYS_WITHOUT_SIGN_IN days. Idempotent."""
    return services.end_idle_sign_on_sessions()
