"""Nightly tidy-up of stories whose consent was withdrawn (reads already hide them at once)."""

from celery import shared_task


@shared_task
def withdraw_unconsented_stories() -> int:
    """Mark stories without an active story consent as withdrawn; returns how many. Idempotent."""
    from monitor.services.stories import stories_withdraw_unconsented

    return stories_withdraw_unconsented()
