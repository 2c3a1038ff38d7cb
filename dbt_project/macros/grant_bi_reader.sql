{#- Role bi_reader reads the published marts schema and nothing else.
    Run after every publish: dbt run-operation grant_bi_reader
    Creates the role (nologin; grant it to login users) and the marts schema if
    missing, grants usage + select (and default privileges for tables the
    current user creates there later), and revokes anything on the internal
    schemas in case it was ever granted. -#}
{% macro grant_bi_reader(role='bi_reader', published_schema='marts') %}
    {% set internal = ['raw', 'extract', 'staging', 'intermediate', 'marts_candidate', 'snapshots'] %}
    {% set sql %}
        do $grant$
        declare
            internal_schema text;
        begin
            if not exists (select 1 from pg_roles where rolname = '{{ role }}') then
                create role {{ role }} nologin;
            end if;
            foreach internal_schema in array array['{{ internal | join("', '") }}'] loop
                if exists (select 1 from pg_namespace where nspname = internal_schema) then
                    execute format('revoke all on schema %I from {{ role }}', internal_schema);
                    execute format('revoke all on all tables in schema %I from {{ role }}', internal_schema);
                end if;
            end loop;
        end
        $grant$;
        create schema if not exists {{ published_schema }};
        revoke create on schema {{ published_schema }} from {{ role }};
        grant usage on schema {{ published_schema }} to {{ role }};
        grant select on all tables in schema {{ published_schema }} to {{ role }};
        alter default privileges in schema {{ published_schema }} grant select on tables to {{ role }};
    {% endset %}
    {% do run_query(sql) %}
    {% do log("granted read on schema " ~ published_schema ~ " to " ~ role, info=true) %}
{% endmacro %}
