"""The application's database role cannot change the audit trail (issue 9; ADR 0009).

In production, web, worker and beat connect as WIO_DB_APP_ROLE, a role that owns nothing. `migrate`
runs as the owner and grants that role its privileges (wio.audit.db_roles). Each test creates a
throwaway role and gives it those grants inside the test's transaction. PostgreSQL rolls back CREATE
ROLE like any other statement, so nothing is left behind. The statements then run under SET ROLE,
which checks privileges against that role as a login would.
"""

import os
import shutil
import subprocess
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.utils import timezone

import psycopg
import pytest

from tests.factories import user_with_role
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit.constants import Action, Purpose, Result
from wio.audit.db_roles import sync_database_roles
from wio.audit.models import AuditEvent
from wio.audit.services import actor_from, purge_expired_events, record_event

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="database roles are PostgreSQL's"),
]

INSUFFICIENT_PRIVILEGE = "42501"
INIT_SCRIPT = Path(__file__).resolve().parents[2] / "deploy" / "postgres" / "10-wio-app-role.sql"


def _create_role(*attributes: str) -> str:
    name = f"wio_app_test_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE ROLE "{name}" {" ".join(attributes)}')
    return name


@pytest.fixture
def app_role() -> str:
    """A role with exactly the grants `migrate` gives WIO_DB_APP_ROLE."""
    name = _create_role("LOGIN")
    sync_database_roles(app_role=name)
    return name


@contextmanager
def acting_as(role: str) -> Iterator[None]:
    with connection.cursor() as cursor:
        cursor.execute(f'SET ROLE "{role}"')
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")


def _execute(statements: Sequence[str], event_id: int | None = None) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            owner = connection.settings_dict["USER"]
            cursor.execute(statement.replace("{id}", str(event_id)).replace("{owner}", f'"{owner}"'))


def _refused(statements: Sequence[str], event_id: int | None = None) -> DatabaseError:
    """Run the statements in a savepoint; one of them must fail."""
    with pytest.raises(DatabaseError) as caught, transaction.atomic():
        _execute(statements, event_id)
    return caught.value


def _sqlstate(error: DatabaseError) -> str | None:
    return getattr(error.__cause__, "sqlstate", None)


def _event(occurred_at: object = None) -> AuditEvent:
    event = record_event(
        actor=actor_from(user=user_with_role(Role.LPA)),
        action=Action.READ,
        event_type="test.read",
        purpose=Purpose.CASE_MANAGEMENT,
    )
    if occurred_at is None:
        return event
    aged = AuditEvent(
        occurred_at=occurred_at,
        action=Action.READ,
        event_type="test.read",
        result=Result.OK,
        purpose=Purpose.CASE_MANAGEMENT,
    )
    aged.save()  # inserting an old event is allowed; changing one is not
    return aged


def _unchanged(event: AuditEvent) -> bool:
    return AuditEvent.objects.filter(pk=event.pk, event_type=event.event_type).exists()


def test_the_app_role_records_and_reads_events_and_writes_the_other_tables(app_role: str) -> None:
    with acting_as(app_role):
        event = _event()  # the user, organisation and membership it creates are other tables
        assert AuditEvent.objects.filter(pk=event.pk).exists()
        user = User.objects.create_user(email="temporary@example.org", password="x" * 20)
        user.first_name = "Changed"
        user.save()
        user.delete()


# Every way the issue names, and a few more, to change or remove events as the application.
TAMPERING = {
    "update": ["UPDATE audit_auditevent SET event_type = 'tampered' WHERE id = {id}"],
    "delete": ["DELETE FROM audit_auditevent WHERE id = {id}"],
    "purge setting then delete": [
        "SELECT set_config('wio.audit_retention_purge', 'on', true)",
        "DELETE FROM audit_auditevent WHERE id = {id}",
    ],
    "truncate": ["TRUNCATE audit_auditevent"],
    "disable all triggers": ["ALTER TABLE audit_auditevent DISABLE TRIGGER ALL"],
    "disable the trigger": ["ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_append_only"],
    "drop the trigger": ["DROP TRIGGER audit_auditevent_append_only ON audit_auditevent"],
    "replace the trigger function": [
        "CREATE OR REPLACE FUNCTION audit_auditevent_append_only() RETURNS trigger"
        " LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$"
    ],
    "add a trigger": [
        "CREATE TRIGGER tamper BEFORE INSERT ON audit_auditevent"
        " FOR EACH ROW EXECUTE FUNCTION audit_auditevent_append_only()"
    ],
    "drop the table": ["DROP TABLE audit_auditevent"],
    "take ownership": ["ALTER TABLE audit_auditevent OWNER TO CURRENT_USER"],
    "grant itself delete": [
        "GRANT DELETE ON audit_auditevent TO CURRENT_USER",  # a warning, no privilege
        "DELETE FROM audit_auditevent WHERE id = {id}",
    ],
    "skip triggers as a replica": ["SET session_replication_role = replica"],
    "shorten the retention": [
        "CREATE OR REPLACE FUNCTION audit_retention_days() RETURNS integer LANGUAGE sql AS $$ SELECT 0 $$"
    ],
    "turn the purge into the caller's": ["ALTER FUNCTION audit_purge_expired() SECURITY INVOKER"],
}


@pytest.mark.parametrize("statements", TAMPERING.values(), ids=TAMPERING.keys())
def test_the_app_role_cannot_change_or_remove_events(app_role: str, statements: list[str]) -> None:
    event = _event()
    with acting_as(app_role):
        error = _refused(statements, event.pk)
    assert _sqlstate(error) == INSUFFICIENT_PRIVILEGE, error
    assert _unchanged(event)


def test_the_app_role_cannot_rewrite_the_migration_history(app_role: str) -> None:
    with acting_as(app_role):
        _execute(["SELECT count(*) FROM django_migrations"])
        error = _refused(["DELETE FROM django_migrations WHERE app = 'audit'"])
    assert _sqlstate(error) == INSUFFICIENT_PRIVILEGE


def test_the_trigger_refuses_a_role_that_is_not_the_owner_even_with_every_privilege(app_role: str) -> None:
    """Defence in depth: grants gone wrong still do not open the table; only the owner's purge may delete.

    Before issue 9 any session could set `wio.audit_retention_purge` and then DELETE.
    """
    event = _event()
    with connection.cursor() as cursor:
        cursor.execute(f'GRANT ALL ON audit_auditevent TO "{app_role}"')
        # Check the deferred foreign keys now: TRUNCATE refuses to run while they are pending.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with acting_as(app_role):
        for statements in (
            TAMPERING["purge setting then delete"],
            TAMPERING["update"],
            TAMPERING["truncate"],
        ):
            error = _refused(statements, event.pk)
            assert "append-only" in str(error)
    assert _unchanged(event)


def test_the_purge_runs_as_the_app_role_and_removes_only_expired_events(app_role: str) -> None:
    recent = _event()
    aged = _event(occurred_at=timezone.now() - timedelta(days=settings.WIO_AUDIT_RETENTION_DAYS + 1))
    almost = _event(occurred_at=timezone.now() - timedelta(days=settings.WIO_AUDIT_RETENTION_DAYS - 1))

    with acting_as(app_role):
        deleted = purge_expired_events()

    assert deleted == 1
    assert not AuditEvent.objects.filter(pk=aged.pk).exists()
    assert AuditEvent.objects.filter(pk__in=[recent.pk, almost.pk]).count() == 2
    run = AuditEvent.objects.get(event_type="audit.retention_purge")
    assert run.detail["deleted"] == 1


def test_only_the_app_role_may_run_the_purge(app_role: str) -> None:
    other = _create_role("NOLOGIN")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT has_function_privilege(%s, 'audit_purge_expired()', 'EXECUTE'),"
            " has_function_privilege(%s, 'audit_purge_expired()', 'EXECUTE')",
            [app_role, other],
        )
        assert cursor.fetchone() == (True, False)


def test_tables_that_later_migrations_create_are_granted_too(app_role: str) -> None:
    _execute(["CREATE TABLE wio_test_later_table (id integer)"])
    with acting_as(app_role):
        _execute(
            [
                "INSERT INTO wio_test_later_table VALUES (1), (2)",
                "DELETE FROM wio_test_later_table WHERE id = 1",
            ]
        )
        with connection.cursor() as cursor:
            cursor.execute("SELECT array_agg(id) FROM wio_test_later_table")
            assert cursor.fetchone() == ([2],)  # the app role inserted, deleted and read the new table


def test_granting_is_idempotent_and_narrows_earlier_grants(app_role: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f'GRANT ALL ON audit_auditevent TO "{app_role}"')
    sync_database_roles(app_role=app_role)
    sync_database_roles(app_role=app_role)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT privilege_type FROM information_schema.role_table_grants"
            " WHERE table_name = 'audit_auditevent' AND grantee = %s ORDER BY privilege_type",
            [app_role],
        )
        assert [row[0] for row in cursor.fetchall()] == ["INSERT", "SELECT"]


@pytest.mark.parametrize(
    "make_role",
    [
        pytest.param(lambda: f"wio_app_test_missing_{uuid.uuid4().hex[:8]}", id="missing"),
        pytest.param(lambda: _create_role("SUPERUSER"), id="superuser"),
        pytest.param(lambda: connection.settings_dict["USER"], id="the owner itself"),
        pytest.param(
            lambda: _create_role(f'IN ROLE "{connection.settings_dict["USER"]}"'), id="owner member"
        ),
        pytest.param(lambda: 'wio"; DROP TABLE audit_auditevent; --', id="not a role name"),
    ],
)
def test_migrate_refuses_an_app_role_that_could_change_the_trail(make_role: Callable[[], str]) -> None:
    with pytest.raises(ImproperlyConfigured, match="WIO_DB_APP_ROLE"):
        sync_database_roles(app_role=make_role())


def _admin_conninfo(**overrides: str) -> str:
    settings_dict = connection.settings_dict
    parameters = {
        "host": settings_dict["HOST"] or "127.0.0.1",
        "port": str(settings_dict["PORT"] or 5432),
        "dbname": settings_dict["NAME"],
        "user": settings_dict["USER"],
        "password": settings_dict["PASSWORD"] or "",
        **overrides,
    }
    return psycopg.conninfo.make_conninfo(**{key: value for key, value in parameters.items() if value})


def _run_in_transaction(app: psycopg.Connection[object], statements: Sequence[str], event_id: int) -> None:
    with app.transaction():
        for statement in statements:
            app.execute(statement.replace("{id}", str(event_id)))


@pytest.mark.django_db(transaction=True)
def test_a_session_logged_in_as_the_app_role_cannot_tamper_but_can_purge() -> None:
    """The same as above through a real login, which SET ROLE under a superuser cannot show for SET ROLE.

    Roles are cluster-wide, so this one is committed (the other session must see it) and dropped after.
    """
    role = _create_role("LOGIN")
    owner = connection.settings_dict["USER"]
    try:
        sync_database_roles(app_role=role)
        event = _event()
        aged = _event(occurred_at=timezone.now() - timedelta(days=settings.WIO_AUDIT_RETENTION_DAYS + 1))
        with psycopg.connect(_admin_conninfo(user=role, password=""), autocommit=True) as app:
            assert app.execute("SELECT current_user").fetchone() == (role,)
            attempts = {
                **{name: TAMPERING[name] for name in ("update", "delete", "purge setting then delete")},
                "truncate": TAMPERING["truncate"],
                "disable all triggers": TAMPERING["disable all triggers"],
                "become the owner": [f'SET ROLE "{owner}"'],
            }
            for name, statements in attempts.items():
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    _run_in_transaction(app, statements, event.pk)
                assert app.execute("SELECT current_user").fetchone() == (role,), name
            assert app.execute("SELECT deleted FROM audit_purge_expired()").fetchone() == (1,)
        assert _unchanged(event)
        assert not AuditEvent.objects.filter(pk=aged.pk).exists()
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP OWNED BY "{role}"')
            cursor.execute(f'DROP ROLE "{role}"')


def test_the_compose_init_script_creates_an_ordinary_login_role() -> None:
    """deploy/postgres/10-wio-app-role.sql, as the postgres image runs it: psql, variables from the env."""
    psql = shutil.which("psql")
    if psql is None:
        pytest.skip("psql is not installed")
    role = f"wio_app_test_{uuid.uuid4().hex[:12]}"
    settings_dict = connection.settings_dict
    environment = {
        **os.environ,
        "PGHOST": settings_dict["HOST"] or "127.0.0.1",
        "PGPORT": str(settings_dict["PORT"] or 5432),
        "PGUSER": settings_dict["USER"],
        "PGPASSWORD": settings_dict["PASSWORD"] or "",
        "PGDATABASE": settings_dict["NAME"],
        "POSTGRES_APP_USER": role,
    }
    try:
        # Twice: on an existing data directory the script only sets the (quoted) password again.
        for password in ('it\'s "quoted"; DROP ROLE x', "another"):
            subprocess.run(
                [psql, "-X", "-v", "ON_ERROR_STOP=1", "-f", str(INIT_SCRIPT)],
                env={**environment, "POSTGRES_APP_PASSWORD": password},
                check=True,
                capture_output=True,
                timeout=60,
            )
        with psycopg.connect(_admin_conninfo(), autocommit=True) as admin:
            attributes = admin.execute(
                "SELECT rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls"
                " FROM pg_roles WHERE rolname = %s",
                [role],
            ).fetchone()
        assert attributes == (True, False, False, False, False, False)
    finally:
        with psycopg.connect(_admin_conninfo(), autocommit=True) as admin:
            admin.execute(f'DROP ROLE IF EXISTS "{role}"')
