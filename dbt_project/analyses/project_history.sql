-- One project's history: every stage milestone and every report, by date.
-- Choose the project with --vars '{project_name: 食品级包装材料}' (normalised name).
with

project as (
    select * from {{ ref('dim_project') }}
    where project_name = '{{ var("project_name", "食品级包装材料") }}'
),

milestones as (
    select
        project.project_name,
        milestone.milestone_date as event_date,
        'milestone' as event_kind,
        milestone.stage,
        milestone.total_investment_cny as amount_cny,
        cast(null as text) as newspaper_name,
        cast(null as text) as article_title
    from project
    inner join {{ ref('fct_project_milestone') }} as milestone
        on project.project_key = milestone.project_key
),

reports as (
    select
        project.project_name,
        mention.published_date as event_date,
        'report' as event_kind,
        mention.stage,
        mention.amount_cny,
        newspaper.name_zh as newspaper_name,
        article.title as article_title
    from project
    inner join {{ ref('fct_investment_mention') }} as mention
        on project.project_key = mention.project_key
    inner join {{ ref('dim_article') }} as article
        on mention.article_key = article.article_key
    inner join {{ ref('dim_newspaper') }} as newspaper
        on mention.newspaper_code = newspaper.newspaper_code
)

select * from milestones
union all
select * from reports
order by event_date asc, event_kind asc, newspaper_name asc nulls first
