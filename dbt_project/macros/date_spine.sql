{#- One row per day from start_date to end_date inclusive (both 'YYYY-MM-DD'),
    as column date_day; our own stand-in for dbt_utils.date_spine. -#}
{% macro date_spine(start_date, end_date) -%}
    select cast(day_ts as date) as date_day
    from generate_series(
        cast('{{ start_date }}' as date),
        cast('{{ end_date }}' as date),
        interval '1 day'
    ) as day_ts
{%- endmacro %}
