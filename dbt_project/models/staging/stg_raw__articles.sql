with

source as (
    select * from {{ source('raw', 'articles') }}
),

ranked as (
    select
        *,
        row_number() over (partition by url order by article_id desc) as version_rank,
        count(*) over (partition by url) as version_count
    from source
),

renamed as (
    select
        {{ surrogate_key(['url']) }} as article_key,
        article_id,
        newspaper as newspaper_code,
        edition_date,
        coalesce(published_date, edition_date) as published_date,
        page_no,
        page_name,
        url,
        kicker,
        title,
        subtitle,
        byline,
        body_text,
        http_status,
        content_hash,
        version_count,
        fetched_at,
        run_id,
        loaded_at
    from ranked
    where version_rank = 1
)

select * from renamed
