-- Warehouse roles for Xiangmu. Run by ../10-xiangmu-roles.sh with psql variables
-- dbname, writer_password and bi_reader_password (never written in this file).
--
-- xiangmu_writer: the pipeline (WAREHOUSE_URL). Creates and owns every schema
--   it writes: raw, extract, staging, intermediate, marts_candidate, snapshots, marts.
-- bi_reader: BI tools (Superset) and analysts. Reads schema marts and nothing
--   else; every session is read-only even if a grant is ever too broad.
-- The superuser (POSTGRES_USER) is for administration only.

\set ON_ERROR_STOP on

create role xiangmu_writer login password :'writer_password'
    nosuperuser nocreatedb nocreaterole;
create role bi_reader login password :'bi_reader_password'
    nosuperuser nocreatedb nocreaterole noinherit;
alter role bi_reader set default_transaction_read_only = on;
alter role bi_reader set statement_timeout = '5min';

-- Nobody else connects; the writer may create schemas in this database.
revoke all on database :"dbname" from public;
grant connect, temporary, create on database :"dbname" to xiangmu_writer;
grant connect on database :"dbname" to bi_reader;

-- No one creates objects in public (the default since PostgreSQL 15; explicit here).
revoke create on schema public from public;

-- The published schema exists from the start, owned by the writer, so that
-- Superset can be pointed at it before the first run, and every table the
-- writer publishes there later is readable by bi_reader automatically
-- (xiangmu/publish.py and the dbt macro grant_bi_reader also grant explicitly).
create schema if not exists marts authorization xiangmu_writer;
grant usage on schema marts to bi_reader;
alter default privileges for role xiangmu_writer in schema marts grant select on tables to bi_reader;
