"""The two database roles of an installation on PostgreSQL (docs/decisions/0009-database-roles.md).

- The **owner** runs `manage.py migrate`. It owns every table, the append-only trigger and the
  retention function `audit_purge_expired()`.
- The **application role** (`WIO_DB_APP_ROLE`) is what web, worker and beat connect as. It owns
  nothing, so it cannot alter, disable or drop the trigger. It may read and write the project's tables
  except the audit table, where it may only SELECT and INSERT. The retention purge reaches the audit
  table through `audit_purge_expired()`, a SECURITY DEFINER function that runs as the owner and deletes
  only events older than the retention period.

After every `migrate`, `sync_database_roles` runs (post_migrate): it writes WIO_AUDIT_RETENTION_DAYS
into the database and, when WIO_DB_APP_ROLE is set, grants that role exactly the privileges above.
Without WIO_DB_APP_ROLE (the embedded demo, the test suite, `make run`) one role does everything.
"""

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

AUDIT_TABLE = "audit_auditevent"
PURGE_FUNCTION = "audit_purge_expired()"
RETENTION_FUNCTION = "audit_retention_days()"
# What the application role may do on the audit table, and on the migration history.
AUDIT_TABLE_PRIVILEGES = "SELECT, INSERT"
MIGRATIONS_TABLE = "django_migrations"
# Everywhere else: the data manipulation the ORM needs; never TRUNCATE, REFERENCES or TRIGGER.
TABLE_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE"
SEQUENCE_PRIVILEGES = "USAGE, SELECT"

_ROLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def audit_schema(connection: BaseDatabaseWrapper) -> str | None:
    """The schema that holds the audit table, or None before migration 0001 ran."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname FROM pg_catalog.pg_class c"
            " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            " WHERE c.oid = pg_catalog.to_regclass(%s)",
            [AUDIT_TABLE],
        )
        row = cursor.fetchone()
    return str(row[0]) if row else None


def _exists(connection: BaseDatabaseWrapper, name: str, kind: str) -> bool:
    """Whether a relation (kind "regclass") or function ("regprocedure") of that name exists."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT pg_catalog.to_{kind}(%s) IS NOT NULL", [name])
        return bool(cursor.fetchone()[0])


def sync_retention_days(connection: BaseDatabaseWrapper, days: int) -> None:
    """Store the retention period where `audit_purge_expired()` reads it and the app cannot change it."""
    schema = audit_schema(connection)
    if schema is None or not _exists(connection, f"{_quote(schema)}.{PURGE_FUNCTION}", "regprocedure"):
        return
    if not isinstance(days, int) or days < 1:
        raise ImproperlyConfigured("WIO_AUDIT_RETENTION_DAYS must be a whole number of days, at least 1.")
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE OR REPLACE FUNCTION {_quote(schema)}.{RETENTION_FUNCTION} RETURNS integer"
            f" LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT {days:d} $$"
        )


def _refuse(role: str, reason: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(
        f"WIO_DB_APP_ROLE={role!r} {reason} See docs/operations.md, 'Database roles'."
    )


def grant_app_role(connection: BaseDatabaseWrapper, role: str) -> None:
    """Give `role` the application's privileges, and only those; run as the owner of the tables.

    Idempotent and declarative: earlier grants to the role on these tables are revoked first.
    """
    if not _ROLE_NAME.fullmatch(role):
        raise _refuse(role, "is not a plain PostgreSQL role name.")
    schema = audit_schema(connection)
    if schema is None:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT r.rolsuper,"
            " pg_catalog.pg_has_role(r.oid, c.relowner, 'MEMBER')"
            " FROM pg_catalog.pg_roles r, pg_catalog.pg_class c"
            " WHERE r.rolname = %s AND c.oid = pg_catalog.to_regclass(%s)",
            [role, f"{_quote(schema)}.{AUDIT_TABLE}"],
        )
        row = cursor.fetchone()
        if row is None:
            raise _refuse(role, "does not exist: create it (LOGIN, no other attributes) first.")
        is_superuser, is_owner = row
        if is_superuser:
            raise _refuse(role, "is a superuser; the application role must be an ordinary role.")
        if is_owner:
            raise _refuse(role, "is, or is a member of, the owner of the tables; it must be neither.")

        s, r = _quote(schema), _quote(role)
        statements = [
            f"GRANT USAGE ON SCHEMA {s} TO {r}",
            f"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM {r}",
            f"GRANT {TABLE_PRIVILEGES} ON ALL TABLES IN SCHEMA {s} TO {r}",
            f"REVOKE ALL ON TABLE {s}.{AUDIT_TABLE} FROM {r}, PUBLIC",
            f"GRANT {AUDIT_TABLE_PRIVILEGES} ON TABLE {s}.{AUDIT_TABLE} TO {r}",
            f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {s} FROM {r}",
            f"GRANT {SEQUENCE_PRIVILEGES} ON ALL SEQUENCES IN SCHEMA {s} TO {r}",
            # Tables and sequences that later migrations create (as this role) are granted too; the
            # next post_migrate narrows a new audit-like table again.
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT {TABLE_PRIVILEGES} ON TABLES TO {r}",
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT {SEQUENCE_PRIVILEGES} ON SEQUENCES TO {r}",
        ]
        if _exists(connection, f"{s}.{MIGRATIONS_TABLE}", "regclass"):
            statements += [
                f"REVOKE ALL ON TABLE {s}.{MIGRATIONS_TABLE} FROM {r}",
                f"GRANT SELECT ON TABLE {s}.{MIGRATIONS_TABLE} TO {r}",
            ]
        if _exists(connection, f"{s}.{PURGE_FUNCTION}", "regprocedure"):
            statements += [
                f"REVOKE ALL ON FUNCTION {s}.{PURGE_FUNCTION} FROM PUBLIC",
                f"GRANT EXECUTE ON FUNCTION {s}.{PURGE_FUNCTION} TO {r}",
            ]
        for statement in statements:
            cursor.execute(statement)


def sync_database_roles(using: str = "default", app_role: str | None = None) -> None:
    """Retention period and application-role grants, as the settings say; a no-op on SQLite."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    role = settings.WIO_DB_APP_ROLE if app_role is None else app_role
    with transaction.atomic(using=using):
        sync_retention_days(connection, settings.WIO_AUDIT_RETENTION_DAYS)
        if role:
            grant_app_role(connection, role)


def after_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """post_migrate receiver (connected for the audit app only, so it runs once per migrate)."""
    sync_database_roles(using=using)
