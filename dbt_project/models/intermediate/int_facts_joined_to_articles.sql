{{ incremental_fact_table('fact_id') }}

-- Every fact of every version of an article, joined to the article's current
-- version: is_current marks the facts of the current version's current
-- extraction; the others stay (not current) so that later models can find
-- what a superseded fact used to count towards. Incremental: the facts of
-- the articles int_article_versions_picked picked again since the last build.
with

facts as (
    select * from {{ ref('stg_extract__investment_facts') }}
),

picked as (
    {{ rows_changed_since_build(ref('int_article_versions_picked')) }}
),

articles as (
    select * from {{ ref('stg_raw__articles') }}
),

article_versions as (
    select
        articles.article_id,
        picked.article_key,
        picked.article_id as current_article_id,
        picked.current_extractor_version,
        picked.newspaper_code,
        picked.published_date,
        picked.changed_at
    from picked
    inner join articles on picked.url = articles.url
),

joined as (
    select
        facts.fact_id,
        article_versions.article_key,
        facts.article_id,
        article_versions.newspaper_code,
        article_versions.published_date,
        facts.extractor_version,
        facts.fact_index,
        facts.region_name,
        facts.region_code,
        facts.subject,
        facts.project_name,
        facts.project_count,
        facts.measure,
        facts.amount_cny,
        facts.amount_original,
        facts.currency,
        facts.approximate,
        facts.stage,
        facts.category,
        facts.period_start,
        facts.period_end,
        facts.completion_rate,
        facts.evidence,
        facts.char_start,
        facts.char_end,
        facts.extracted_at,
        coalesce(
            facts.article_id = article_versions.current_article_id
            and facts.extractor_version = article_versions.current_extractor_version,
            false
        ) as is_current,
        article_versions.changed_at
    from facts
    inner join article_versions on facts.article_id = article_versions.article_id
)

select * from joined
