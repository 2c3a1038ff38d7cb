{{ incremental_mart(
    'batch_key', 'int_project_names_normalized', 'event_date', 'groundbreaking_event_date',
    extra_indexes=[{'columns': ['event_date']}],
) }}

-- Each 集中开工 (groundbreaking batch) per region and event date: the
-- portfolio facts with stage groundbreaking, however many articles reported
-- them (a category subset such as 其中工业类项目 is part of a batch, not a
-- batch; int_facts_joined_to_regions dates each fact). A city's event also
-- carries its counties', districts' and zones' events of the same date beside
-- the city figure, so readers can see how much of the city total the counties
-- explain. Incremental: every batch of an event date a new or superseded fact
-- falls on is recomputed (the city rollup spans the date's batches).
with

regions as (
    select * from {{ ref('int_regions_joined_to_parents') }}
),

mentions as (
    {{ current_rows_of_changed_keys('groundbreaking_event_date', ref('int_project_names_normalized')) }}
),

events as (
    select
        region_key,
        max(resolved_region_name) as region_name,
        groundbreaking_event_date as event_date,
        max(project_count) as project_count,
        max(amount_cny) filter (where measure = 'total_investment') as total_investment_cny,
        max(amount_cny) filter (where measure = 'planned_investment') as planned_investment_cny,
        count(distinct article_key) as article_count,
        count(distinct newspaper_code) as newspaper_count,
        min(published_date) as first_reported_date,
        max(published_date) as last_reported_date
    from mentions
    group by region_key, groundbreaking_event_date
),

located as (
    select
        events.*,
        regions.region_type,
        regions.city_name
    from events
    inner join regions on events.region_key = regions.region_key
),

county_rollup as (
    select
        city_name,
        event_date,
        count(*) as county_batch_count,
        sum(project_count) as county_project_count,
        sum(total_investment_cny) as county_total_investment_cny
    from located
    where region_type not in ('province', 'city')
    group by city_name, event_date
),

final as (
    select
        {{ surrogate_key(['located.region_key', 'located.event_date']) }} as batch_key,
        located.region_key,
        located.region_name,
        located.region_type,
        located.city_name,
        located.event_date,
        located.project_count,
        located.total_investment_cny,
        located.planned_investment_cny,
        {{ cny_to_yi('located.total_investment_cny') }} as total_investment_yi,
        located.article_count,
        located.newspaper_count,
        located.first_reported_date,
        located.last_reported_date,
        county_rollup.county_batch_count,
        county_rollup.county_project_count,
        county_rollup.county_total_investment_cny
    from located
    left join county_rollup
        on
            located.region_type = 'city'
            and located.region_name = county_rollup.city_name
            and located.event_date = county_rollup.event_date
)

select * from final
