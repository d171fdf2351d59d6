"""An API client: an organisation's system that talks to WIO with OAuth2 client credentials.

Each client acts as its own service account (a `User` without a password), so the API reaches data
through the same memberships, scopes, predicates and audit trail as a person does. The membership
is granted like any other role that opens youth data: requested by one administrator, approved by a
second one (ADR 0012).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from oauth2_provider.models import Application

from wio.accounts.models import Organisation


class ApiClient(models.Model):
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="api_clients"
    )
    application = models.OneToOneField(
        Application, verbose_name=_("OAuth2 application"), on_delete=models.PROTECT, related_name="wio_client"
    )
    service_user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("service account"),
        on_delete=models.PROTECT,
        related_name="api_client",
    )
    may_write = models.BooleanField(_("may write"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")
        ordering = ["organisation__name", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def scopes(self) -> list[str]:
        """The scopes a token of this client may carry."""
        if self.is_revoked:
            return []
        return ["read", "write"] if self.may_write else ["read"]
