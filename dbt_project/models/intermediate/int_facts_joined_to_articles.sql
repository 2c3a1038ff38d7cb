-- Facts of the current version of each article (latest content per url),
-- with the article's stable key, paper and date.
with

facts as (
    select * from {{ ref('stg_extract__investment_facts') }}
),

articles as (
    select * from {{ ref('stg_raw__articles') }}
),

joined as (
    select
        facts.fact_id,
        articles.article_key,
        facts.article_id,
        articles.newspaper_code,
        articles.published_date,
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
        facts.extracted_at
    from facts
    inner join articles
        on facts.article_id = articles.article_id
)

select * from joined
