-- One 集中开工 (groundbreaking batch) per region and event date: the
-- portfolio facts with stage groundbreaking, however many articles reported
-- them. The event date is the period start the article states, else its date.
with

mentions as (
    select * from {{ ref('int_project_names_normalized') }}
    where
        subject = 'portfolio'
        and stage = 'groundbreaking'
        and region_key is not null
),

dated as (
    select
        *,
        coalesce(period_start, published_date) as event_date
    from mentions
),

grouped as (
    select
        region_key,
        max(resolved_region_name) as region_name,
        event_date,
        max(project_count) as project_count,
        max(amount_cny) filter (where measure = 'total_investment') as total_investment_cny,
        max(amount_cny) filter (where measure = 'planned_investment') as planned_investment_cny,
        count(distinct article_key) as article_count,
        count(distinct newspaper_code) as newspaper_count,
        min(published_date) as first_reported_date,
        max(published_date) as last_reported_date
    from dated
    group by region_key, event_date
)

select * from grouped
