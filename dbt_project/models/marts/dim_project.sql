{{ incremental_mart('project_key', 'int_project_names_normalized', unique_columns=['project_name']) }}

-- One row per distinct project (normalised name) across articles and both
-- papers, with where it is, when it was seen and its latest stage and amount.
-- Incremental: only projects a new or superseded fact mentions are
-- recomputed, from all their current mentions.
with

mentions as (
    {{ current_rows_of_changed_keys('project_key', ref('int_project_names_normalized')) }}
),

regions as (
    select * from {{ ref('int_regions_joined_to_parents') }}
),

seen as (
    select
        project_key,
        min(published_date) as first_seen_date,
        max(published_date) as last_seen_date,
        count(*) as mention_count,
        count(distinct article_key) as article_count,
        count(distinct newspaper_code) as newspaper_count
    from mentions
    group by project_key
),

latest_name as (
    select distinct on (project_key)
        project_key,
        project_name_normalized as project_name,
        project_name as reported_name
    from mentions
    order by project_key asc, published_date desc, fact_id desc
),

latest_region as (
    -- the most specific place any report gives, latest report first
    select distinct on (mentions.project_key)
        mentions.project_key,
        mentions.region_key,
        mentions.resolved_region_name as region_name
    from mentions
    inner join regions
        on mentions.region_key = regions.region_key
    order by
        mentions.project_key asc,
        case regions.region_type
            when 'province' then 3
            when 'city' then 2
            else 1
        end asc,
        mentions.published_date desc,
        mentions.fact_id desc
),

latest_stage as (
    select distinct on (project_key)
        project_key,
        stage as latest_stage,
        published_date as latest_stage_date
    from mentions
    where stage is not null
    order by project_key asc, published_date desc, fact_id desc
),

latest_amount as (
    select distinct on (project_key)
        project_key,
        amount_cny as latest_amount_cny,
        measure as latest_amount_measure
    from mentions
    where amount_cny is not null
    order by
        project_key asc,
        published_date desc,
        case measure when 'total_investment' then 0 else 1 end asc,
        fact_id desc
),

final as (
    select
        seen.project_key,
        latest_name.project_name,
        latest_name.reported_name,
        latest_region.region_key,
        latest_region.region_name,
        seen.first_seen_date,
        seen.last_seen_date,
        latest_stage.latest_stage,
        latest_stage.latest_stage_date,
        latest_amount.latest_amount_cny,
        latest_amount.latest_amount_measure,
        seen.mention_count,
        seen.article_count,
        seen.newspaper_count
    from seen
    inner join latest_name on seen.project_key = latest_name.project_key
    left join latest_region on seen.project_key = latest_region.project_key
    left join latest_stage on seen.project_key = latest_stage.project_key
    left join latest_amount on seen.project_key = latest_amount.project_key
)

select * from final
