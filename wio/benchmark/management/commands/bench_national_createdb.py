"""`manage.py bench_national_createdb`: drop and create the benchmark's own, empty database.

It only touches a database whose name starts with "wio_bench", so a mistyped DATABASE_URL can never
empty a real one.
"""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

import psycopg
from psycopg import sql

PREFIX = "wio_bench"


class Command(BaseCommand):
    help = "Drop and create the (empty) benchmark database named by DATABASE_URL."

    def handle(self, *args: Any, **options: Any) -> None:
        database = settings.DATABASES["default"]
        name = str(database["NAME"])
        if not name.startswith(PREFIX) or "postgresql" not in database["ENGINE"]:
            raise CommandError(f"refusing to recreate {name!r}: the benchmark database is named {PREFIX}*")
        server: dict[str, Any] = {
            "host": database.get("HOST") or None,
            "port": database.get("PORT") or None,
            "user": database.get("USER") or None,
            "password": database.get("PASSWORD") or None,
        }
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as connection:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        self.stdout.write(f"Empty database {name} created.")
