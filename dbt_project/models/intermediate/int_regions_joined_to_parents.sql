-- Each region with its city and province resolved, so every later model can
-- roll a county up without walking the tree again.
with

regions as (
    select * from {{ ref('stg_seed__regions') }}
),

with_parents as (
    select
        child.*,
        parent.region_type as parent_region_type,
        parent.parent_region_name as grandparent_region_name
    from regions as child
    left join regions as parent
        on child.parent_region_name = parent.region_name
)

select
    region_key,
    region_name,
    region_code,
    region_type,
    parent_region_name,
    case
        when region_type = 'city' then region_name
        when parent_region_type = 'city' then parent_region_name
    end as city_name,
    case
        when region_type = 'province' then region_name
        when parent_region_type = 'province' then parent_region_name
        else grandparent_region_name
    end as province_name,
    short_names
from with_parents
