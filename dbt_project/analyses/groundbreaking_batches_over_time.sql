-- 集中开工 batches over time, city events with what their counties account for.
with

batches as (
    select * from {{ ref('fct_groundbreaking_batch') }}
)

select
    dates.year_month,
    batches.event_date,
    batches.region_name,
    batches.region_type,
    batches.project_count,
    batches.total_investment_yi,
    {{ cny_to_yi('batches.planned_investment_cny') }} as planned_investment_yi,
    batches.county_batch_count,
    {{ cny_to_yi('batches.county_total_investment_cny') }} as county_total_investment_yi,
    batches.newspaper_count
from batches
{{ join_calendar('batches.event_date') }}
order by batches.event_date asc, batches.total_investment_cny desc nulls last, batches.region_name asc
