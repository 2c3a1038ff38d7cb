{#- The columns every fetched raw row carries (raw.pages, raw.articles): how the
    fetch went and which run loaded it. Staging passes them on unchanged. -#}
{% macro fetch_lineage_columns() -%}
    http_status,
    content_hash,
    fetched_at,
    run_id,
    loaded_at
{%- endmacro %}
