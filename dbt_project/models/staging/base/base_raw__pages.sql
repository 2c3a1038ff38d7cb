-- The latest fetched content of each page url (raw.pages keeps every version).
with

source as (
    select * from {{ source('raw', 'pages') }}
),

ranked as (
    select
        *,
        row_number() over (partition by url order by page_id desc) as version_rank
    from source
)

select * from ranked
where version_rank = 1
