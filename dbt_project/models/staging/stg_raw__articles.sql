-- Every fetched version of every article; int_article_versions_picked picks
-- the current one per url.
with

source as (
    select * from {{ source('raw', 'articles') }}
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
        {{ fetch_lineage_columns() }}
    from source
)

select * from renamed
