"""Only the owner of the audit table may remove events, through `audit_purge_expired()` (issue 9).

Migration 0002 let a DELETE through in any session that set `wio.audit_retention_purge`, which any
session can set. Now the trigger also requires `current_user` to be the table's owner. The
application role is never the owner (wio/audit/db_roles.py), and inside the SECURITY DEFINER
function `audit_purge_expired()` current_user is the owner. The function computes its own cutoff
from `audit_retention_days()`, so a caller cannot choose what is deleted. The setting stays, so that
a stray DELETE in a one-role installation is still refused. A BEFORE TRUNCATE trigger refuses
TRUNCATE to everyone but the owner; the test runner's flush runs as the owner.

UPDATE stays refused for everyone. The owner can still disable the trigger, which is why the
application must not connect as the owner: docs/decisions/0009-database-roles.md.
"""

from django.conf import settings
from django.db import migrations

# The table's schema goes in for {schema}; the functions pin their search_path or qualify every name.
FORWARD = """
CREATE OR REPLACE FUNCTION {schema}.audit_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    IF current_user = pg_catalog.pg_get_userbyid(
        (SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = TG_RELID)
    ) THEN
        IF TG_OP = 'TRUNCATE' THEN
            RETURN NULL;
        END IF;
        IF TG_OP = 'DELETE'
           AND pg_catalog.current_setting('wio.audit_retention_purge', true) = 'on' THEN
            RETURN OLD;
        END IF;
    END IF;
    RAISE EXCEPTION USING
        MESSAGE = 'audit_auditevent is append-only: ' || TG_OP || ' refused',
        ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_auditevent_no_truncate
    BEFORE TRUNCATE ON {schema}.audit_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION {schema}.audit_auditevent_append_only();

-- Replaced after every migrate with WIO_AUDIT_RETENTION_DAYS (wio.audit.db_roles).
CREATE OR REPLACE FUNCTION {schema}.audit_retention_days() RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT {days:d} $$;

-- The setting is switched on in the body, not by a SET clause: only a superuser may attach a custom
-- setting to a function. An error rolls it back with the DELETE; otherwise it is restored at the end.
CREATE FUNCTION {schema}.audit_purge_expired(OUT deleted bigint, OUT cutoff timestamptz)
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    before text := current_setting('wio.audit_retention_purge', true);
BEGIN
    cutoff := now() - make_interval(days => {schema}.audit_retention_days());
    PERFORM set_config('wio.audit_retention_purge', 'on', true);
    DELETE FROM {schema}.audit_auditevent WHERE occurred_at < cutoff;
    GET DIAGNOSTICS deleted = ROW_COUNT;
    PERFORM set_config('wio.audit_retention_purge', coalesce(before, ''), true);
END;
$$;

REVOKE ALL ON FUNCTION {schema}.audit_purge_expired() FROM PUBLIC;
"""

# 0002's trigger function, and nothing of the above.
BACKWARD = """
DROP FUNCTION IF EXISTS {schema}.audit_purge_expired();
DROP FUNCTION IF EXISTS {schema}.audit_retention_days();
DROP TRIGGER IF EXISTS audit_auditevent_no_truncate ON {schema}.audit_auditevent;

CREATE OR REPLACE FUNCTION {schema}.audit_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('wio.audit_retention_purge', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION USING
        MESSAGE = 'audit_auditevent is append-only: ' || TG_OP || ' refused',
        ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def _schema(schema_editor) -> str:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname FROM pg_catalog.pg_class c"
            " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            " WHERE c.oid = 'audit_auditevent'::regclass"
        )
        return schema_editor.quote_name(cursor.fetchone()[0])


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            FORWARD.format(schema=_schema(schema_editor), days=int(settings.WIO_AUDIT_RETENTION_DAYS))
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD.format(schema=_schema(schema_editor)))


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_trigger")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
