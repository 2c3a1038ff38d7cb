-- Only the facts of the latest extractor version that processed each article
-- version; "latest" is the most recent extraction, so a rerun of an older
-- extractor version would take over again (deliberately: it is what ran last).
with

source as (
    select * from {{ source('extract', 'investment_facts') }}
),

extractions as (
    select * from {{ ref('stg_extract__article_extractions') }}
),

latest_extraction as (
    select
        article_id,
        extractor_version
    from (
        select
            article_id,
            extractor_version,
            row_number() over (
                partition by article_id
                order by extracted_at desc, extractor_version desc
            ) as extraction_rank
        from extractions
    ) as ranked
    where extraction_rank = 1
),

fact_versions as (
    -- facts without an extraction record still count (their own max version)
    select
        article_id,
        max(extractor_version) as extractor_version
    from source
    where article_id not in (select le.article_id from latest_extraction as le)
    group by article_id
),

current_versions as (
    select * from latest_extraction
    union all
    select * from fact_versions
),

renamed as (
    select
        source.fact_id,
        source.article_id,
        source.extractor_version,
        source.fact_index,
        nullif(trim(source.region), '') as region_name,
        nullif(trim(source.region_code), '') as region_code,
        source.subject,
        nullif(trim(source.project_name), '') as project_name,
        source.project_count,
        source.measure,
        source.amount_cny,
        source.amount_original,
        source.currency,
        source.approximate,
        source.stage,
        nullif(trim(source.category), '') as category,
        source.period_start,
        source.period_end,
        source.completion_rate,
        source.evidence,
        source.char_start,
        source.char_end,
        source.run_id,
        source.extracted_at
    from source
    inner join current_versions
        on
            source.article_id = current_versions.article_id
            and source.extractor_version = current_versions.extractor_version
)

select * from renamed
