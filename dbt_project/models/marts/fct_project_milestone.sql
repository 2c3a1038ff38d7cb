{{ incremental_mart(
    'milestone_key', 'int_project_names_normalized', 'project_key', extra_indexes=[{'columns': ['project_key']}],
) }}

-- Project x stage x date: when a report puts a project in a stage. The date
-- is the period start the article states, else the article's date.
-- Incremental: the milestones of projects a new or superseded fact mentions.
with

mentions as (
    {{ current_rows_of_changed_keys('project_key', ref('int_project_names_normalized')) }}
),

dated as (
    select
        *,
        coalesce(period_start, published_date) as milestone_date
    from mentions
    where stage is not null
),

grouped as (
    select
        project_key,
        stage,
        milestone_date,
        max(region_key) as region_key,
        max(amount_cny) filter (where measure = 'total_investment') as total_investment_cny,
        count(*) as source_count,
        count(distinct newspaper_code) as newspaper_count,
        min(published_date) as first_reported_date,
        max(published_date) as last_reported_date
    from dated
    group by project_key, stage, milestone_date
)

select
    {{ surrogate_key(['project_key', 'stage', 'milestone_date']) }} as milestone_key,
    project_key,
    stage,
    milestone_date,
    region_key,
    total_investment_cny,
    source_count,
    newspaper_count,
    first_reported_date,
    last_reported_date
from grouped
