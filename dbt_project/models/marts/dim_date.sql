-- A fixed calendar (2015-2035) so that the table is identical on every run.
with

days as (
    {{ date_spine('2015-01-01', '2035-12-31') }}
),

attributes as (
    select
        date_day,
        cast(to_char(date_day, 'YYYYMMDD') as integer) as date_id,
        cast(extract(year from date_day) as integer) as year,
        case when extract(month from date_day) <= 6 then 1 else 2 end as half_year,
        cast(extract(quarter from date_day) as integer) as quarter,
        cast(extract(month from date_day) as integer) as month,
        cast(extract(day from date_day) as integer) as day_of_month,
        cast(extract(isodow from date_day) as integer) as day_of_week,
        cast(extract(week from date_day) as integer) as iso_week,
        extract(isodow from date_day) in (6, 7) as is_weekend,
        to_char(date_day, 'YYYY-MM') as year_month,
        to_char(date_day, 'YYYY') || '-Q' || to_char(date_day, 'Q') as year_quarter,
        to_char(date_day, 'YYYY')
        || '-H'
        || case when extract(month from date_day) <= 6 then '1' else '2' end as year_half,
        cast(date_trunc('month', date_day) as date) as month_start_date,
        cast(date_trunc('quarter', date_day) as date) as quarter_start_date,
        cast(date_trunc('year', date_day) as date) as year_start_date
    from days
)

select * from attributes
