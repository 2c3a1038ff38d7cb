{#- ANALYZE the model's table when this build changed enough of it that
    autovacuum would analyze it on its next pass (its rule: more rows changed
    than autovacuum_analyze_threshold + autovacuum_analyze_scale_factor x the
    rows of the table): a full refresh, a table model rebuilt, a backfill.

    Why a post-hook: the tests and the models downstream run in the same build,
    seconds later, long before autovacuum's next pass. After a full refresh
    nothing was analyzed, and `make bench` (j) found a scoped unique test taking
    1.35 s instead of 0.5 ms: the planner, with no statistics for
    int_project_names_normalized.changed_at, probed every project's rows rather
    than the few changed ones. A daily build changes too few rows to analyze
    anything, so it pays one catalog lookup per model.

    The build's changes are read from pg_stat_xact_user_tables (the hook runs
    inside the model's transaction), not from n_mod_since_analyze: an ANALYZE
    inside the writing transaction is followed, at commit, by that
    transaction's own counts, so the cumulative counter would call the table
    stale again at the next build. Drift over many small builds is left to
    autovacuum. Views are left alone. -#}
{% macro analyze_if_stale() -%}
    {%- if config.get('materialized') in ('table', 'incremental') -%}
    do $analyze$
    declare
        changed float8;
        known float8;
    begin
        select
            coalesce(xact.n_tup_ins + xact.n_tup_upd + xact.n_tup_del, 0),
            greatest(cls.reltuples, 0)
        into changed, known
        from pg_class as cls
        left join pg_stat_xact_user_tables as xact on cls.oid = xact.relid
        where cls.oid = '{{ this }}'::regclass;
        if changed > current_setting('autovacuum_analyze_threshold')::float8
            + current_setting('autovacuum_analyze_scale_factor')::float8 * known then
            analyze {{ this }};
        end if;
    end
    $analyze$
    {%- endif -%}
{%- endmacro %}
