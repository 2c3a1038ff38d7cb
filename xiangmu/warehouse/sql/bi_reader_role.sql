-- Role bi_reader: BI tools and analysts read the published schema `marts` and
-- nothing else. ONE definition, run by xiangmu.warehouse.roles.ensure_bi_reader
-- (embedded warehouse, pipeline) and by docker/warehouse-init (deployment).
--
-- This part changes the role and the database: it needs a superuser (or the
-- database owner with CREATEROLE). Plain SQL without psql variables, so that
-- both psycopg and `psql -f` run it. The password is set by the caller.
--
-- Why the session settings are not the whole story: a role can always run
-- `SET default_transaction_read_only = off` (or `SET SESSION CHARACTERISTICS`)
-- in its own session; PostgreSQL has no way to forbid it. What makes bi_reader
-- read-only are privileges: no write grant on any table, no CREATE on any
-- schema (public included), no TEMP and no CREATE on the database. The
-- read-only default only protects against a grant that is ever too broad.

do $role$
begin
    if not exists (select 1 from pg_roles where rolname = 'bi_reader') then
        create role bi_reader nologin;
    end if;
end
$role$;

alter role bi_reader nosuperuser nocreatedb nocreaterole noinherit noreplication nobypassrls;
alter role bi_reader set default_transaction_read_only = on;
-- A dashboard query that runs longer than this is a bug, not a report.
alter role bi_reader set statement_timeout = '5min';
-- A session left inside a transaction holds its table locks and delays
-- publishing (which waits at most its lock timeout, then fails loudly): end it.
alter role bi_reader set idle_in_transaction_session_timeout = '1min';

do $database$
begin
    -- PUBLIC may create temporary tables in a new database by default: not here.
    execute format('revoke temporary on database %I from public', current_database());
    execute format('revoke create, temporary on database %I from bi_reader', current_database());
    execute format('grant connect on database %I to bi_reader', current_database());
end
$database$;

-- Nobody creates objects in schema public (the default since PostgreSQL 15; explicit here).
revoke create on schema public from public;

-- Any role may take any advisory lock (the functions are executable by PUBLIC),
-- so a BI session could hold a key the pipeline serialises on (loading an
-- edition, a quality run, dbt's watermarks) and stall it. Only superusers and
-- roles granted back (the deployment's xiangmu_writer) may take them here.
do $advisory$
declare
    fn regprocedure;
begin
    for fn in
        select p.oid::regprocedure from pg_proc p
        where p.pronamespace = 'pg_catalog'::regnamespace
          and (p.proname like 'pg\_advisory%' or p.proname like 'pg\_try\_advisory%')
    loop
        execute format('revoke execute on function %s from public', fn);
    end loop;
end
$advisory$;
