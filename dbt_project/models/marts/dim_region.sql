-- Every place of the region seed with its city and province: the columns
-- int_regions_joined_to_parents resolves, published as they are (the
-- columns are documented in _marts.yml).
select * from {{ ref('int_regions_joined_to_parents') }}
