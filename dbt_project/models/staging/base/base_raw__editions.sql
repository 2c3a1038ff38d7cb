-- The latest recorded outcome of each edition (raw.editions is append-only:
-- a new outcome row only when it differs from the latest).
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
)

select * from ranked
where outcome_rank = 1
