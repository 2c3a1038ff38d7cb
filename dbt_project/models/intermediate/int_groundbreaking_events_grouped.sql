-- One 集中开工 (groundbreaking batch) per region and event date: the
-- portfolio facts with stage groundbreaking, however many articles reported
-- them. A category subset (其中工业类项目…) is part of a batch, not a batch.
-- The event date is the period start the fact states; else the date of the
-- article's other groundbreaking facts (one article reports one event, and
-- county items often omit the date the lead gives); else the publish date.
with

mentions as (
    select * from {{ ref('int_project_names_normalized') }}
    where
        subject = 'portfolio'
        and stage = 'groundbreaking'
        and category is null
        and region_key is not null
),

article_events as (
    select
        article_key,
        min(period_start) as article_event_date
    from mentions
    group by article_key
),

dated as (
    select
        mentions.*,
        coalesce(
            mentions.period_start, article_events.article_event_date, mentions.published_date
        ) as event_date
    from mentions
    left join article_events on mentions.article_key = article_events.article_key
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
