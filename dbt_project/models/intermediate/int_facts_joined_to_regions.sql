{{ incremental_fact_table('fact_id') }}

-- Resolve each fact's region to one dim_region row: by admin code when the
-- extractor gave one, else by full or short name; a name shared by several
-- places (桥西区) goes to the one under the paper's home region.
-- Also dates each 集中开工 (groundbreaking batch) fact: the period start it
-- states; else the earliest date the article's other batch facts state (one
-- article reports one event, and county items often omit the date the lead
-- gives); else the publish date. Incremental: facts rewritten upstream since
-- the last build (changed_at is passed on).
with

facts as (
    {{ rows_changed_since_build(ref('int_facts_joined_to_articles')) }}
),

regions as (
    select * from {{ ref('int_regions_joined_to_parents') }}
),

newspapers as (
    select * from {{ ref('newspapers') }}
),

region_names as (
    select
        region_key,
        region_name,
        region_code,
        parent_region_name,
        city_name,
        region_name as lookup_name,
        1 as name_priority
    from regions
    union all
    select
        regions.region_key,
        regions.region_name,
        regions.region_code,
        regions.parent_region_name,
        regions.city_name,
        short_name.lookup_name,
        2 as name_priority
    from regions
    cross join
        lateral unnest(string_to_array(regions.short_names, '|')) as short_name (lookup_name)
),

candidates as (
    select
        facts.fact_id,
        region_names.region_key,
        region_names.region_name,
        row_number() over (
            partition by facts.fact_id
            order by
                case when facts.region_code = region_names.region_code then 0 else 1 end,
                region_names.name_priority,
                case
                    when newspapers.home_region in (region_names.parent_region_name, region_names.city_name)
                        then 0
                    else 1
                end,
                region_names.region_key
        ) as candidate_rank
    from facts
    left join newspapers
        on facts.newspaper_code = newspapers.newspaper_code
    inner join region_names
        on
            facts.region_code = region_names.region_code
            or (
                facts.region_name = region_names.lookup_name
                and (facts.region_code is null or region_names.region_code is null)
            )
),

resolved as (
    select
        facts.*,
        candidates.region_key,
        coalesce(candidates.region_name, facts.region_name) as resolved_region_name,
        (
            facts.subject = 'portfolio'
            and facts.stage = 'groundbreaking'
            and facts.category is null
            and candidates.region_key is not null
        ) as is_groundbreaking_batch
    from facts
    left join candidates
        on
            facts.fact_id = candidates.fact_id
            and candidates.candidate_rank = 1
),

article_events as (
    select
        *,
        min(period_start) filter (where is_groundbreaking_batch) over (
            partition by article_id, extractor_version
        ) as article_event_date
    from resolved
),

dated as (
    select
        *,
        case
            when is_groundbreaking_batch then coalesce(period_start, article_event_date, published_date)
        end as groundbreaking_event_date
    from article_events
)

select * from dated
