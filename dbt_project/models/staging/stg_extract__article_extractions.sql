with

source as (
    select * from {{ source('extract', 'article_extractions') }}
),

renamed as (
    select
        {{ surrogate_key(['article_id', 'extractor_version']) }} as extraction_key,
        article_id,
        extractor_version,
        fact_count,
        run_id,
        extracted_at
    from source
)

select * from renamed
