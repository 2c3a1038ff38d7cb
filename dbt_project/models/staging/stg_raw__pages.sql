with

source as (
    select * from {{ ref('base_raw__pages') }}
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
    from source
)

select * from renamed
