-- One row per article url (its current version); article_key stays the same
-- when the article is re-fetched with changed content.
with

articles as (
    select * from {{ ref('stg_raw__articles') }}
)

select
    article_key,
    article_id,
    newspaper_code,
    published_date,
    edition_date,
    page_no,
    page_name,
    title,
    url,
    version_count
from articles
