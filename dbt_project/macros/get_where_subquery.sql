{#- Tests on history run on the new rows when the caller says which rows are new.

    With --vars '{tests_changed_since: "<timestamptz>"}', a generic test on an
    incremental mart sees only the rows recomputed since then: older rows
    passed these tests when they were written and have not changed since.
    `tests_changed_since: last_publication` (what the transform DAG passes)
    means the time of the last publication of the marts (marts.publication_log):
    every row older than that was in a candidate whose every check passed.
    The value is a constant, so dbt's partial parsing survives from run to
    run (a timestamp var would change every run and force a full parse);
    before any publication every row is tested.
    Sound for row-level tests (not_null, accepted_values, positive_or_null,
    relationships from the mart to its dimensions, which never lose a key a
    current row uses); uniqueness across old and new rows is enforced by the
    marts' unique indexes (incremental_mart's key and unique_columns). Without
    the var every row is tested, as in dbt. Singular tests in tests/ see
    everything unless they call tests_changed_since() themselves. -#}
{% macro postgres__get_where_subquery(relation) -%}
    {%- set where = config.get('where') -%}
    {%- set since = var('tests_changed_since', none) -%}
    {%- set scopes = {
        'fct_investment_mention': ('mention_id', 'fact_id', 'int_project_names_normalized'),
        'fct_investment_figure': ('figure_key', 'figure_key', 'int_project_names_normalized'),
        'dim_project': ('project_key', 'project_key', 'int_project_names_normalized'),
        'fct_project_milestone': ('project_key', 'project_key', 'int_project_names_normalized'),
        'fct_groundbreaking_batch': ('event_date', 'groundbreaking_event_date', 'int_project_names_normalized'),
        'dim_article': ('article_key', 'article_key', 'int_article_versions_picked'),
    } -%}
    {%- set scope = scopes.get(relation.identifier) if since and relation.schema == 'marts_candidate' else none -%}
    {%- if scope -%}
        {%- set since = tests_changed_since() -%}
        {%- set scope = scope if since else none -%}
    {%- endif -%}
    {%- if where or scope -%}
        {%- set filtered -%}
            (
                select * from {{ relation }}
                where
                    {{ where if where else 'true' }}
                    {%- if scope %}
                        and {{ scope[0] }} in (
                            select changed.{{ scope[1] }}
                            from intermediate.{{ scope[2] }} as changed
                            where changed.changed_at > cast('{{ since }}' as timestamptz)
                        )
                    {%- endif %}
            ) as dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}

{#- The time the tests on history start from, as text (none: test every row):
    the var tests_changed_since, `last_publication` resolved. -#}
{% macro tests_changed_since() -%}
    {%- set since = var('tests_changed_since', none) -%}
    {%- if since == 'last_publication' -%}
        {%- set since = last_publication() -%}
    {%- endif -%}
    {%- do return(since) -%}
{%- endmacro %}

{#- When the marts were last published, as text (none before the first publication). -#}
{% macro last_publication() -%}
    {%- if not execute -%}
        {%- do return(none) -%}
    {%- endif -%}
    {%- set logged = run_query("select to_regclass('marts.publication_log') is not null") -%}
    {%- if not logged.columns[0].values()[0] -%}
        {%- do return(none) -%}
    {%- endif -%}
    {%- set last = run_query("select max(published_at)::text from marts.publication_log") -%}
    {%- do return(last.columns[0].values()[0]) -%}
{%- endmacro %}
