-- Pipeline health for BI: one row per newspaper and edition date with the
-- latest outcome of fetching it and the fetch failures logged for it.
-- Why a mart: bi_reader sees only the published `marts` schema, never raw.
with

editions as (
    select * from {{ ref('stg_raw__editions') }}
),

fetch_failures as (
    select
        newspaper as newspaper_code,
        edition_date,
        count(*) as fetch_failure_count,
        count(distinct url) as failed_url_count,
        sum(attempts) as failed_attempt_count,
        max(recorded_at) as last_failure_at
    from {{ source('raw', 'fetch_log') }}
    group by newspaper, edition_date
),

final as (
    select
        {{ surrogate_key(['editions.newspaper_code', 'editions.edition_date']) }} as edition_key,
        editions.newspaper_code,
        editions.edition_date,
        editions.edition_status,
        editions.page_count,
        editions.article_count,
        editions.failure_count,
        coalesce(fetch_failures.fetch_failure_count, 0) as fetch_failure_count,
        coalesce(fetch_failures.failed_url_count, 0) as failed_url_count,
        coalesce(fetch_failures.failed_attempt_count, 0) as failed_attempt_count,
        fetch_failures.last_failure_at,
        editions.detail,
        editions.run_id,
        editions.recorded_at
    from editions
    left join fetch_failures
        on
            editions.newspaper_code = fetch_failures.newspaper_code
            and editions.edition_date = fetch_failures.edition_date
)

select * from final
