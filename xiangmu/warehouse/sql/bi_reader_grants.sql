-- bi_reader's privileges on schemas: usage + select on `marts`, nothing on
-- any other schema. Part of the ONE definition of the role (see
-- bi_reader_role.sql); this part needs only the owner of the schemas, so the
-- pipeline's own role reapplies it after every publish.

do $grants$
declare
    other_schema text;
begin
    if not exists (select 1 from pg_roles where rolname = 'bi_reader') then
        raise exception 'role bi_reader does not exist: run bi_reader_role.sql as a superuser first';
    end if;
    -- Every schema but the published one: raw, extract, staging, intermediate,
    -- marts_candidate, snapshots, ops and whatever is added later.
    for other_schema in
        select nspname from pg_namespace
        where nspname not in ('marts', 'pg_catalog', 'information_schema')
          and nspname not like 'pg\_%'
          and pg_has_role(nspowner, 'USAGE')
    loop
        execute format('revoke all on schema %I from bi_reader', other_schema);
        execute format('revoke all on all tables in schema %I from bi_reader', other_schema);
        execute format('revoke all on all sequences in schema %I from bi_reader', other_schema);
    end loop;
end
$grants$;

create schema if not exists marts;
revoke create on schema marts from bi_reader;
grant usage on schema marts to bi_reader;
revoke insert, update, delete, truncate, references, trigger on all tables in schema marts from bi_reader;
grant select on all tables in schema marts to bi_reader;
-- Tables the current role creates in marts later are readable at once.
alter default privileges in schema marts grant select on tables to bi_reader;
