{{ incremental_fact_table('article_key') }}
{#- Hash joins only: every estimate below the sources is a guess (an array's
    or a CTE's size), and a nested loop the planner chose on a guess of one
    row went quadratic on a backfill's tens of thousands of articles. -#}
{{ config(pre_hook='set local enable_nestloop = off') }}

-- One row per article url: its current version (the latest fetched content)
-- and that version's current extraction (the most recent one, so a rerun of
-- an older extractor version takes over again: it is what ran last; facts
-- without an extraction record count under their own max version).
-- Incremental: only urls with a new version, extraction or fact since the
-- last build are picked again; changed_at tells the fact models which.
-- A small change (a day's articles) is read through the sources' indexes:
-- the sources stay `not materialized` and the keys a read needs are passed
-- as `= any(array(...))`, a filter the planner pushes into the staging views
-- (a join into a view written with CTEs cannot use an index). A large one (a
-- backfill) scans the sources once. picked_change() reads the marks and the
-- size of the change before the query is planned.
{%- set change = picked_change() %}
{%- set by_index = change.by_index %}
{%- set cte = 'as not materialized' if by_index else 'as' %}
{#- what the picking reads: the changed versions' extractions and facts on the index plan, else all -#}
{%- set version_extractions = 'version_extractions' if by_index else 'extractions' %}
{%- set version_facts = 'version_facts' if by_index else 'facts' %}

with

articles {{ cte }} (
    select * from {{ ref('stg_raw__articles') }}
),

extractions {{ cte }} (
    select * from {{ ref('stg_extract__article_extractions') }}
),

facts {{ cte }} (
    select * from {{ ref('stg_extract__investment_facts') }}
),

{% if is_incremental() %}
    changed_article_ids as (
        select articles.article_id
        from articles
        where articles.article_id > {{ change.article_id }}
        union
        select extractions.article_id
        from extractions
        where extractions.extracted_at > '{{ change.extracted_at }}'::timestamptz
        union
        select facts.article_id
        from facts
        where facts.extracted_at > '{{ change.extracted_at }}'::timestamptz
    ),

    changed_urls as (
        select distinct articles.url
        from articles
        {% if by_index %}
            where articles.article_id = any(array(select changed.article_id from changed_article_ids as changed))
        {% else %}
            inner join changed_article_ids on articles.article_id = changed_article_ids.article_id
        {% endif %}
    ),
{% endif %}

versions as (
    select
        *,
        row_number() over (partition by url order by article_id desc) as version_rank,
        count(*) over (partition by url) as version_count
    from articles
    {% if by_index %}
        where url = any(array(select changed_urls.url from changed_urls))
    {% elif is_incremental() %}
        where url in (select changed_urls.url from changed_urls)
    {% endif %}
),

{% if by_index %}
    -- the extractions and facts of those versions
    version_extractions as (
        select * from extractions
        where article_id = any(array(select versions.article_id from versions))
    ),

    version_facts as (
        select * from facts
        where article_id = any(array(select versions.article_id from versions))
    ),
{% endif %}

current_versions as (
    select * from versions
    where version_rank = 1
),

recorded_extractions as (
    select distinct on (extractions.article_id)
        extractions.article_id,
        extractions.extractor_version
    from {{ version_extractions }} as extractions
    inner join current_versions on extractions.article_id = current_versions.article_id
    order by
        extractions.article_id asc,
        extractions.extracted_at desc,
        extractions.extractor_version desc
),

unrecorded_extractions as (
    select
        facts.article_id,
        max(facts.extractor_version) as extractor_version
    from {{ version_facts }} as facts
    inner join current_versions on facts.article_id = current_versions.article_id
    where facts.article_id not in (select recorded.article_id from recorded_extractions as recorded)
    group by facts.article_id
),

current_extractions as (
    select * from recorded_extractions
    union all
    select * from unrecorded_extractions
),

extraction_times as (
    -- the latest extraction seen for any version of the url: the next
    -- build's high-water mark
    select
        versions.url,
        max(greatest(extractions.extracted_at, facts.extracted_at)) as last_extracted_at
    from versions
    left join {{ version_extractions }} as extractions on versions.article_id = extractions.article_id
    left join {{ version_facts }} as facts on versions.article_id = facts.article_id
    group by versions.url
),

final as (
    select
        current_versions.article_key,
        current_versions.article_id,
        current_versions.newspaper_code,
        current_versions.edition_date,
        current_versions.published_date,
        current_versions.page_no,
        current_versions.page_name,
        current_versions.url,
        current_versions.title,
        current_versions.version_count,
        current_extractions.extractor_version as current_extractor_version,
        extraction_times.last_extracted_at,
        now() as changed_at
    from current_versions
    left join current_extractions on current_versions.article_id = current_extractions.article_id
    left join extraction_times on current_versions.url = extraction_times.url
)

select * from final
