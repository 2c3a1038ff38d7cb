-- Investment by region and quarter: distinct figures (a figure both papers
-- reported counts once), total investment, by the quarter first reported.
with

figures as (
    select * from {{ ref('fct_investment_figure') }}
    where measure = 'total_investment'
),

regions as (
    select * from {{ ref('dim_region') }}
)

select
    regions.region_name,
    regions.region_type,
    regions.city_name,
    dates.year_quarter,
    count(*) as figure_count,
    sum(figures.amount_yi) as total_investment_yi
from figures
inner join regions on figures.region_key = regions.region_key
{{ join_calendar('figures.first_reported_date') }}
group by regions.region_name, regions.region_type, regions.city_name, dates.year_quarter
order by dates.year_quarter asc, total_investment_yi desc, regions.region_name asc
