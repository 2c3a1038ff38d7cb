with

source as (
    select * from {{ source('raw', 'editions') }}
),

ranked as (
    select
        *,
        row_number() over (
            partition by newspaper, edition_date
            order by edition_outcome_id desc
        ) as outcome_rank
    from source
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
    from ranked
    where outcome_rank = 1
)

select * from renamed
