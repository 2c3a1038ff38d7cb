with

newspapers as (
    select * from {{ ref('newspapers') }}
)

select
    newspaper_code,
    name_zh,
    name_en,
    home_region
from newspapers
