"""Fill the database with demo data from every app that has a `demo` module with `seed()`.

Apps are visited in INSTALLED_APPS order, so each app's data can build on the one before it
(accounts -> cases -> moreelberaad -> monitor) without any app importing one above it.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = "Load the fictional WIO demo data (idempotent; refuses to run without DEBUG)."

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG:
            raise CommandError("seed_demo only runs with DEBUG on: it creates known passwords.")
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo"
            if find_spec(module_name) is None:
                continue
            with transaction.atomic():
                summary = import_module(module_name).seed()
            self.stdout.write(f"{app_config.label}: {summary}")
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
