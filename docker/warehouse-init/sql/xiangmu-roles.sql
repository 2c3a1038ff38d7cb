-- Warehouse roles for Xiangmu. Run by ../10-xiangmu-roles.sh with psql variables
-- dbname, writer_password and bi_reader_password (never written in this file).
--
-- xiangmu_writer: the pipeline (the Airflow connection xiangmu_warehouse). Creates and owns every schema
--   it writes: raw, extract, staging, intermediate, marts_candidate, snapshots, marts.
-- bi_reader: BI tools (Superset) and analysts. Reads schema marts and nothing
--   else (privileges; its read-only session default is only a second line).
-- The superuser (POSTGRES_USER) is for administration only.

\set ON_ERROR_STOP on

create role xiangmu_writer login password :'writer_password'
    nosuperuser nocreatedb nocreaterole;
create role bi_reader login password :'bi_reader_password'
    nosuperuser nocreatedb nocreaterole noinherit;
-- bi_reader's attributes, session defaults (read-only, statement and
-- idle-in-transaction timeouts) and grants are defined once, in
-- xiangmu/warehouse/sql/bi_reader_*.sql, which 10-xiangmu-roles.sh runs next.

-- The pipeline serialises some work with advisory locks; bi_reader_role.sql
-- (run next) revokes them from PUBLIC so that no BI session can hold one, and
-- the writer gets them back here (psql runs each generated grant: \gexec).
select format('grant execute on function %s to xiangmu_writer', p.oid::regprocedure)
from pg_proc as p
where p.pronamespace = 'pg_catalog'::regnamespace
    and (p.proname like 'pg\_advisory%' or p.proname like 'pg\_try\_advisory%')
\gexec

-- Nobody else connects; the writer may create schemas in this database.
revoke all on database :"dbname" from public;
grant connect, temporary, create on database :"dbname" to xiangmu_writer;
grant connect on database :"dbname" to bi_reader;

-- No one creates objects in public (the default since PostgreSQL 15; explicit here).
revoke create on schema public from public;

-- The published schema exists from the start, owned by the writer, so that
-- Superset can be pointed at it before the first run, and every table the
-- writer publishes there later is readable by bi_reader automatically
-- (xiangmu/publish.py and xiangmu.warehouse.roles also grant explicitly).
create schema if not exists marts authorization xiangmu_writer;
grant usage on schema marts to bi_reader;
alter default privileges for role xiangmu_writer in schema marts grant select on tables to bi_reader;
