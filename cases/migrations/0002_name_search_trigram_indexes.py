"""Trigram indexes for the name search of the case list (icontains), on PostgreSQL only.

pg_trgm is a trusted extension (PostgreSQL 13+), so the database owner may create it. SQLite (the
embedded demo) has no such index type and does without.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS cases_case_first_name_trgm ON cases_case USING gin (first_name gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS cases_case_last_name_trgm ON cases_case USING gin (last_name gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS cases_case_first_name_trgm",
    "DROP INDEX IF EXISTS cases_case_last_name_trgm",
]


def _run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False)]
