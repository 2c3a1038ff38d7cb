-- Each 集中开工 event per region and date. A city's event also carries its
-- counties', districts' and zones' events of the same date beside the city
-- figure, so readers can see how much of the city total the counties explain.
with

events as (
    select * from {{ ref('int_groundbreaking_events_grouped') }}
),

regions as (
    select * from {{ ref('stg_seed__regions') }}
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
        round(located.total_investment_cny / 100000000, 4) as total_investment_yi,
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
