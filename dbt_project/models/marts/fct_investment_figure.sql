with

figures as (
    select * from {{ ref('int_figures_deduplicated') }}
)

select
    figure_key,
    region_key,
    region_name,
    subject,
    project_key,
    project_name,
    measure,
    amount_cny,
    round(amount_cny / 100000000, 4) as amount_yi,
    period_start,
    period_end,
    project_count,
    stage,
    category,
    approximate,
    source_count,
    article_count,
    newspaper_count,
    first_reported_date,
    last_reported_date
from figures
