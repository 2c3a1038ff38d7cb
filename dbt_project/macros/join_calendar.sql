{#- Puts rows on the calendar: joins dim_date (as `dates`) on a date column, so a
    report groups or labels by the periods dim_date defines once (year_month,
    year_quarter, ...) rather than computing them again. -#}
{% macro join_calendar(date_column) -%}
    inner join {{ ref('dim_date') }} as dates on {{ date_column }} = dates.date_day
{%- endmacro %}
