{#- md5 over the '|'-joined text of the given expressions; nulls become a
    sentinel so that (a, null) and (a, '') hash differently. -#}
{% macro surrogate_key(expressions) -%}
    md5(concat_ws('|'
    {%- for expression in expressions %},
        coalesce(cast({{ expression }} as text), '_null_')
    {%- endfor %}
    ))
{%- endmacro %}
