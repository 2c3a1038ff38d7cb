{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        indexes=[{'columns': ['milestone_key'], 'unique': True}, {'columns': ['project_key']}],
        pre_hook="{{ delete_changed_keys('project_key', ref('int_project_names_normalized')) }}",
        post_hook="{{ record_watermark(ref('int_project_names_normalized')) }}",
    )
}}

-- Project x stage x date: when a report puts a project in a stage. The date
-- is the period start the article states, else the article's date.
-- Incremental: the milestones of projects a new or superseded fact mentions.
with

changed_projects as (
    select distinct changed.project_key
    from {{ ref('int_project_names_normalized') }} as changed
    where {{ changed_since_watermark('changed.changed_at') }}
),

mentions as (
    select * from {{ ref('int_project_names_normalized') }}
    where
        is_current
        and stage is not null
        and project_key in (select changed_projects.project_key from changed_projects)
),

dated as (
    select
        *,
        coalesce(period_start, published_date) as milestone_date
    from mentions
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
