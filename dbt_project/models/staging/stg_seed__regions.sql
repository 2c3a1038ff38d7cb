-- The region seed with a stable key; int_regions_joined_to_parents resolves
-- each place's city and province.
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
)

select * from renamed
