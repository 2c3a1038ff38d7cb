{#- Custom schemas are used verbatim (staging, intermediate, marts_candidate,
    snapshots) instead of dbt's default "<target>_<custom>" so that the publish
    step and the bi_reader grants can name them. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema | trim }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
