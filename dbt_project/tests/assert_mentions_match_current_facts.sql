-- The incremental mentions table holds exactly the current facts: none
-- missing and none superseded (a failed pre-hook delete would show here).
with

current_facts as (
    select fact_id from {{ ref('int_project_names_normalized') }}
    where is_current
),

mentions as (
    select mention_id from {{ ref('fct_investment_mention') }}
),

missing as (
    select
        'missing' as problem,
        current_facts.fact_id as id
    from current_facts
    left join mentions on current_facts.fact_id = mentions.mention_id
    where mentions.mention_id is null
),

superseded as (
    select
        'superseded' as problem,
        mentions.mention_id as id
    from mentions
    left join current_facts on mentions.mention_id = current_facts.fact_id
    where current_facts.fact_id is null
)

select * from missing
union all
select * from superseded
