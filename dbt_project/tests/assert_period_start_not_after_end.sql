-- A stated period never ends before it starts.
with

inverted as (
    select
        'fct_investment_mention' as model_name,
        cast(mention_id as text) as row_key,
        period_start,
        period_end
    from {{ ref('fct_investment_mention') }}
    where period_start > period_end
    union all
    select
        'fct_investment_figure' as model_name,
        figure_key as row_key,
        period_start,
        period_end
    from {{ ref('fct_investment_figure') }}
    where period_start > period_end
)

select * from inverted
