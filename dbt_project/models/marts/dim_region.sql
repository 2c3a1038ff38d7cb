with

regions as (
    select * from {{ ref('stg_seed__regions') }}
)

select
    region_key,
    region_name,
    region_code,
    region_type,
    parent_region_name,
    city_name,
    province_name,
    short_names
from regions
