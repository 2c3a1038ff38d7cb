-- One normalised name per project fact so the same project reported by both
-- papers, with or without quotes, company prefix or 项目 suffix, gets one key.
with

facts as (
    select * from {{ ref('int_facts_joined_to_regions') }}
),

normalized as (
    select
        *,
        case
            when subject = 'project'
                then {{ normalize_project_name('project_name') }}
        end as project_name_normalized
    from facts
),

keyed as (
    select
        *,
        case
            when project_name_normalized is not null
                then {{ surrogate_key(['project_name_normalized']) }}
        end as project_key
    from normalized
)

select * from keyed
