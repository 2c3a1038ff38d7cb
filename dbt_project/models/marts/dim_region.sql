with

regions as (
    select * from {{ ref('int_regions_joined_to_parents') }}
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
