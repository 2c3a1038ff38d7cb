{{ incremental_mart('article_key', 'int_article_versions_picked', unique_columns=['article_id', 'url']) }}

-- One row per article url (its current version); article_key stays the same
-- when the article is re-fetched with changed content. Incremental: the urls
-- picked again since the last build (see macros/incremental_keys.sql).
with

articles as (
    select * from {{ ref('int_article_versions_picked') }}
    where {{ changed_since_watermark() }}
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
