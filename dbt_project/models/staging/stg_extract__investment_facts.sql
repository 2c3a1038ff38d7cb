-- Every fact of every extractor version of every article version;
-- int_article_versions_picked decides which of them are current.
with

source as (
    select * from {{ source('extract', 'investment_facts') }}
),

renamed as (
    select
        fact_id,
        article_id,
        extractor_version,
        fact_index,
        nullif(trim(region), '') as region_name,
        nullif(trim(region_code), '') as region_code,
        subject,
        nullif(trim(project_name), '') as project_name,
        project_count,
        measure,
        amount_cny,
        amount_original,
        currency,
        approximate,
        stage,
        nullif(trim(category), '') as category,
        period_start,
        period_end,
        completion_rate,
        evidence,
        char_start,
        char_end,
        run_id,
        extracted_at
    from source
)

select * from renamed
