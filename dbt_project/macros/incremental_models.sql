{#- The configuration the incremental models share, in one place.

    `incremental_mart`: a mart rebuilt for the keys new upstream rows touched
    (`key` is its unique key; `changed_key`, the key it recomputes by when
    that is another column, `upstream_key` its name upstream; delete those
    keys in a pre-hook, append their current rows, record the
    upstream's mark in a post-hook; see macros/incremental_keys.sql).
    `unique_columns`: its other columns declared unique, each given a unique
    index, so that uniqueness holds across old and new rows when the tests
    see only the new ones (macros/get_where_subquery.sql).
    `incremental_fact_table`: an intermediate table merged on its key, with
    changed_at indexed for the models downstream.
    `rows_changed_since_build`: a select of the upstream rows changed since this
    model's own last build (all rows on a full build). -#}

{% macro incremental_mart(key, upstream, changed_key=none, upstream_key=none, extra_indexes=[], unique_columns=[]) -%}
    {%- set upstream_ref = "ref('" ~ upstream ~ "')" -%}
    {%- set delete_args = "'" ~ (changed_key or key) ~ "', " ~ upstream_ref
        ~ (", '" ~ upstream_key ~ "'" if upstream_key else "") -%}
    {%- set post_hooks = ["{{ record_watermark(" ~ upstream_ref ~ ") }}"] -%}
    {%- for column in unique_columns -%}
        {%- do post_hooks.append("{{ ensure_unique_index('" ~ column ~ "') }}") -%}
    {%- endfor -%}
    {{ config(
        materialized='incremental',
        incremental_strategy='append',
        indexes=[{'columns': [key], 'unique': True}] + extra_indexes,
        pre_hook="{{ delete_changed_keys(" ~ delete_args ~ ") }}",
        post_hook=post_hooks,
    ) }}
{%- endmacro %}

{#- A unique index on one column of this model, unless it has one: a post-hook,
    because dbt creates a model's configured indexes only with its table,
    and marts built before the index was declared must get it too. -#}
{% macro ensure_unique_index(column) -%}
    do $unique_index$
    begin
        if not exists (
            select
            from pg_index as ix
            inner join pg_attribute as att
                on att.attrelid = ix.indrelid and att.attnum = ix.indkey[0]
            where
                ix.indrelid = '{{ this }}'::regclass
                and ix.indisunique
                and ix.indnatts = 1
                and att.attname = '{{ column }}'
        ) then
            create unique index on {{ this }} ({{ adapter.quote(column) }});
        end if;
    end
    $unique_index$
{%- endmacro %}

{% macro incremental_fact_table(key, extra_indexes=[]) -%}
    {{ config(
        materialized='incremental',
        unique_key=key,
        incremental_strategy='merge',
        indexes=[{'columns': [key], 'unique': True}, {'columns': ['changed_at']}] + extra_indexes,
    ) }}
{%- endmacro %}

{% macro rows_changed_since_build(upstream) -%}
    select * from {{ upstream }}
    {%- if is_incremental() %}
        where changed_at > {{ own_watermark() }}
    {%- endif %}
{%- endmacro %}
