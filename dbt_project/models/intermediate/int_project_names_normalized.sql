{{ incremental_fact_table('fact_id', extra_indexes=[
    {'columns': ['project_key']}, {'columns': ['figure_key']}, {'columns': ['groundbreaking_event_date']},
]) }}

-- One normalised name per project fact so the same project reported by both
-- papers, with or without quotes, company prefix or 项目 suffix, gets one key;
-- and the key of the figure a fact reports (region, subject, project,
-- measure, amount, period), under which fct_investment_figure collapses the
-- same figure reported by several articles or both papers. The marts read
-- this table by these keys. Incremental like its upstream.
with

facts as (
    {{ rows_changed_since_build(ref('int_facts_joined_to_regions')) }}
),

normalized as (
    select
        *,
        case
            when subject = 'project'
                then {{ normalize_project_name('project_name') }}
        end as project_name_normalized
    from facts
),

keyed as (
    select
        *,
        case
            when project_name_normalized is not null
                then {{ surrogate_key(['project_name_normalized']) }}
        end as project_key
    from normalized
),

figure_keyed as (
    select
        *,
        case
            when amount_cny is not null
                then {{ surrogate_key([
                    'coalesce(region_key, resolved_region_name)',
                    'subject',
                    'project_key',
                    'measure',
                    'amount_cny',
                    'period_start',
                    'period_end',
                ]) }}
        end as figure_key
    from keyed
)

select * from figure_keyed
