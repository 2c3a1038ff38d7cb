{#- Rows where column_name is zero or negative (null is allowed). -#}
{% test positive_or_null(model, column_name) %}
    select {{ column_name }}
    from {{ model }}
    where {{ column_name }} <= 0
{% endtest %}
