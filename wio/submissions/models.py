"""One row per create form a user sent, so that the same rendered form never makes two records."""

from django.conf import settings
from django.db import models


class Submission(models.Model):
    """The key a rendered create form carries, claimed in the transaction that acts on it."""

    key = models.UUIDField(primary_key=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # What the first submission made, so a repeat can be sent to the same place.
    target_model = models.CharField(max_length=100, blank=True)
    target_id = models.BigIntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return str(self.key)
