"""`manage.py screenshots` (`make screenshots`): the main pages as PNGs in var/screenshots/.

A throwaway demo (a temporary SQLite var directory, or the database DATABASE_URL names) is migrated,
seeded and served on a free loopback port with Celery inline; then Chromium saves the screenshots.
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from wio.portal.demo_server import demo_server
from wio.portal.screenshots import SHOTS, ScreenshotError, take_screenshots


class Command(BaseCommand):
    help = "Save screenshots of the case list, a dossier, the audit trail and the national report's page 3."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            default=Path(settings.BASE_DIR) / "var" / "screenshots",
            help="Directory for the PNG files (default: var/screenshots/).",
        )
        parser.add_argument(
            "--only", action="append", choices=SHOTS, help="Only this screenshot (may be repeated)."
        )
        parser.add_argument(
            "--base-url", help="Photograph this running, seeded server instead of starting a demo."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output: Path = options["output"]
        only = options["only"] or SHOTS
        try:
            if options["base_url"]:
                saved = take_screenshots(options["base_url"].rstrip("/"), output, only)
            else:
                self.stdout.write("Starting a throwaway demo (migrate, seed_demo, runserver)…")
                with demo_server() as base_url:
                    saved = take_screenshots(base_url, output, only)
        except ScreenshotError as error:
            raise CommandError(str(error)) from error
        for path in saved:
            self.stdout.write(f"{path} ({path.stat().st_size // 1024} kB)")
        self.stdout.write(self.style.SUCCESS(f"{len(saved)} screenshots in {output}"))
