with

source as (
    select * from {{ source('raw', 'pages') }}
),

ranked as (
    select
        *,
        row_number() over (partition by url order by page_id desc) as version_rank
    from source
),

renamed as (
    select
        page_id,
        newspaper as newspaper_code,
        edition_date,
        page_no,
        page_name,
        url,
        pdf_url,
        http_status,
        content_hash,
        fetched_at,
        run_id,
        loaded_at
    from ranked
    where version_rank = 1
)

select * from renamed
