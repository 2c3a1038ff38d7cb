{{ incremental_mart('figure_key', 'int_project_names_normalized') }}

-- One distinct figure: the same figure (region, subject, project, measure,
-- amount, period) reported in several articles or both papers collapses to
-- one row; descriptive attributes come from the latest report.
-- Incremental: only the figures a new or superseded fact counts towards are
-- recomputed, from all their current reports.
with

mentions as (
    {{ current_rows_of_changed_keys('figure_key', ref('int_project_names_normalized')) }}
),

ranked as (
    select
        *,
        row_number() over (
            partition by figure_key
            order by published_date desc, fact_id desc
        ) as report_rank
    from mentions
),

aggregated as (
    select
        figure_key,
        count(*) as source_count,
        count(distinct article_key) as article_count,
        count(distinct newspaper_code) as newspaper_count,
        min(published_date) as first_reported_date,
        max(published_date) as last_reported_date
    from mentions
    group by figure_key
),

final as (
    select
        aggregated.figure_key,
        ranked.region_key,
        ranked.resolved_region_name as region_name,
        ranked.subject,
        ranked.project_key,
        ranked.project_name_normalized as project_name,
        ranked.measure,
        ranked.amount_cny,
        {{ cny_to_yi('ranked.amount_cny') }} as amount_yi,
        ranked.period_start,
        ranked.period_end,
        ranked.project_count,
        ranked.stage,
        ranked.category,
        ranked.approximate,
        aggregated.source_count,
        aggregated.article_count,
        aggregated.newspaper_count,
        aggregated.first_reported_date,
        aggregated.last_reported_date
    from aggregated
    inner join ranked
        on
            aggregated.figure_key = ranked.figure_key
            and ranked.report_rank = 1
)

select * from final
