-- The incremental mentions table holds exactly the current facts: none
-- missing and none superseded (a failed pre-hook delete would show here).
-- With tests_changed_since (the DAG's build), only the facts rewritten since
-- then: a fact superseded or added since is rewritten, and every older one
-- matched when the marts were last published.
{%- set since = tests_changed_since() %}

with

changed_facts as (
    select
        fact_id,
        is_current
    from {{ ref('int_project_names_normalized') }}
    {%- if since %}
        where changed_at > cast('{{ since }}' as timestamptz)
    {%- endif %}
),

current_facts as (
    select changed_facts.fact_id from changed_facts
    where changed_facts.is_current
),

mentions as (
    select mention_id from {{ ref('fct_investment_mention') }}
    {%- if since %}
        where mention_id in (select changed_facts.fact_id from changed_facts)
    {%- endif %}
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
