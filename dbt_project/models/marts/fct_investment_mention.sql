{{ incremental_mart('mention_id', 'int_project_names_normalized', upstream_key='fact_id') }}

-- One investment fact in one article. Incremental: the facts of articles
-- with a new version or extraction since the last build are deleted and
-- their current ones inserted, so the table always equals the current fact
-- set (see macros/incremental_keys.sql).
with

facts as (
    select * from {{ ref('int_project_names_normalized') }}
    where
        is_current
        and {{ changed_since_watermark() }}
),

final as (
    select
        fact_id as mention_id,
        article_key,
        article_id,
        newspaper_code,
        published_date,
        region_key,
        resolved_region_name as region_name,
        project_key,
        project_name,
        subject,
        measure,
        amount_cny,
        {{ cny_to_yi('amount_cny') }} as amount_yi,
        amount_original,
        project_count,
        stage,
        category,
        period_start,
        period_end,
        completion_rate,
        approximate,
        currency,
        evidence,
        char_start,
        char_end,
        extractor_version
    from facts
)

select * from final
