"""Publish a corrected edition of a reporting date's counts (ADR 0017).

    manage.py publish_correction 2026-11-30 --by projectmedewerker@wio.example --reason "Late registratie"

The earlier edition stays stored as it was; the new one names it and the reason. Reports asked for
after this show the new edition; reports already made keep theirs.
"""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from monitor.publications.reporting_dates import is_reporting_date
from monitor.services.publications import publish_correction
from wio.accounts.models import User
from wio.audit import services as audit


class Command(BaseCommand):
    help = "Publish a corrected edition of the counts of a reporting date."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("reporting_date", type=date.fromisoformat)
        parser.add_argument("--by", required=True, help="e-mail address of the project staff member")
        parser.add_argument("--reason", required=True, help="why the correction is needed (shown to readers)")

    def handle(self, *args: Any, **options: Any) -> None:
        reporting_date: date = options["reporting_date"]
        if not is_reporting_date(reporting_date):
            raise CommandError(f"{reporting_date} is not a reporting date that has passed.")
        user = User.objects.filter(email=options["by"], is_active=True).first()
        if user is None:
            raise CommandError("No active user with that e-mail address.")
        try:
            publication = publish_correction(
                reporting_date=reporting_date, reason=options["reason"], actor=audit.actor_from(user=user)
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Edition {publication.edition} published for {reporting_date.isoformat()}.")
