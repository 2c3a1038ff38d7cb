-- Largest projects with their latest stage, region and how widely reported.
with

projects as (
    select * from {{ ref('dim_project') }}
)

select
    project_name,
    region_name,
    latest_stage,
    latest_stage_date,
    {{ cny_to_yi('latest_amount_cny') }} as latest_amount_yi,
    first_seen_date,
    last_seen_date,
    newspaper_count
from projects
where latest_amount_cny is not null
order by latest_amount_cny desc, project_name asc
limit {{ var('top_n', 20) }}
