-- Every investment amount in the marts is positive: a zero or negative
-- amount is an extraction error, never an investment.
with

non_positive as (
    select
        'fct_investment_mention' as model_name,
        cast(mention_id as text) as row_key,
        amount_cny
    from {{ ref('fct_investment_mention') }}
    where amount_cny <= 0
    union all
    select
        'fct_investment_figure' as model_name,
        figure_key as row_key,
        amount_cny
    from {{ ref('fct_investment_figure') }}
    where amount_cny <= 0
    union all
    select
        'fct_groundbreaking_batch' as model_name,
        batch_key as row_key,
        least(total_investment_cny, planned_investment_cny) as amount_cny
    from {{ ref('fct_groundbreaking_batch') }}
    where total_investment_cny <= 0 or planned_investment_cny <= 0
    union all
    select
        'dim_project' as model_name,
        project_key as row_key,
        latest_amount_cny as amount_cny
    from {{ ref('dim_project') }}
    where latest_amount_cny <= 0
)

select * from non_positive
