-- WIO's application role (docs/decisions/0009-database-roles.md). web, worker and beat log in as
-- $POSTGRES_APP_USER, a role that owns nothing. `migrate` runs as $POSTGRES_USER, the owner of every
-- table, and then grants the application role its privileges (wio/audit/db_roles.py): on the audit
-- table only SELECT and INSERT.
--
-- docker-compose.yml mounts this file into /docker-entrypoint-initdb.d, so the postgres image runs it
-- once, when it creates the data directory. For an existing data directory, or after changing
-- POSTGRES_APP_PASSWORD, run it again (it is idempotent):
--   docker compose exec postgres psql -U wio -d wio -f /docker-entrypoint-initdb.d/10-wio-app-role.sql
-- Without the two variables, `:"app_user"` stays uninterpolated and psql stops on a syntax error.

\set ON_ERROR_STOP on
\getenv app_user POSTGRES_APP_USER
\getenv app_password POSTGRES_APP_PASSWORD

SELECT format('CREATE ROLE %I', :'app_user')
 WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = :'app_user') \gexec

-- An ordinary login: no superuser, no role or database creation, no replication, no RLS bypass.
ALTER ROLE :"app_user" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
    PASSWORD :'app_password';
