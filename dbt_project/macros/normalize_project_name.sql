{#- A project's name as both papers would agree on it:
    1. drop quotes and book-title marks (“梨家晋” -> 梨家晋) and all whitespace;
    2. drop a leading company name ending in 有限公司/有限责任公司/股份有限公司/集团
       when something is left after it (河北XX有限公司年产10万吨YY项目 -> 年产10万吨YY);
    3. drop a trailing (建设)项目 / 工程项目.
    Parentheses are unified to full-width so （二期） and (二期) agree. -#}
{% macro normalize_project_name(column) -%}
    nullif(
        regexp_replace(
            regexp_replace(
                replace(replace(
                    regexp_replace({{ column }}, '[“”‘’"''《》「」『』\s]', '', 'g'),
                '(', '（'), ')', '）'),
                '^[^，,。（]{2,40}?(股份有限公司|有限责任公司|有限公司|集团)(?=.{2,})', ''
            ),
            '(建设项目|工程项目|项目)$', ''
        ),
        ''
    )
{%- endmacro %}
