{#- Rows whose combination of `columns` is not unique (dbt_utils'
    unique_combination_of_columns, which we cannot install offline). -#}
{% test unique_combination(model, columns) %}
    select
        {{ columns | join(', ') }},
        count(*) as row_count
    from {{ model }}
    group by {{ columns | join(', ') }}
    having count(*) > 1
{% endtest %}
