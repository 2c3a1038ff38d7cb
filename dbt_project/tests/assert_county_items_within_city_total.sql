-- The county-level batches of one city event never add up to more than the
-- city's own total: counties are part of the city, never in addition to it.
select
    batch_key,
    region_name,
    event_date,
    total_investment_cny,
    county_total_investment_cny
from {{ ref('fct_groundbreaking_batch') }}
where
    region_type = 'city'
    and county_total_investment_cny > total_investment_cny
