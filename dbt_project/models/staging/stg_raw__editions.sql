with

source as (
    select * from {{ ref('base_raw__editions') }}
),

renamed as (
    select
        edition_outcome_id,
        newspaper as newspaper_code,
        edition_date,
        entry_url,
        status as edition_status,
        page_count,
        article_count,
        failure_count,
        detail,
        run_id,
        recorded_at
    from source
)

select * from renamed
