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
        {{ fetch_lineage_columns() }}
    from source
)

select * from renamed
