-- The region seed with a stable key and its city and province resolved, so
-- every later model can roll a county up without walking the tree again.
with

source as (
    select * from {{ ref('regions') }}
),

renamed as (
    select
        {{ surrogate_key(['coalesce(code, name)']) }} as region_key,
        name as region_name,
        code as region_code,
        type as region_type,
        parent_name as parent_region_name,
        short_names
    from source
),

with_parents as (
    select
        child.*,
        parent.region_type as parent_region_type,
        parent.parent_region_name as grandparent_region_name
    from renamed as child
    left join renamed as parent
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
