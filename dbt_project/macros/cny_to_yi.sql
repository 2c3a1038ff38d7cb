{#- An amount in yuan expressed in 亿元 (1e8 yuan), 4 decimals: the unit the
    papers and the BI dashboards use. -#}
{% macro cny_to_yi(column) -%}
    round({{ column }} / 100000000, 4)
{%- endmacro %}
