{{
    config(
        materialized='incremental',
        unique_key='mention_id',
        incremental_strategy='merge',
        on_schema_change='append_new_columns',
        pre_hook="
            {% if is_incremental() %}
            delete from {{ this }} as already_loaded
            where not exists (
                select 1
                from {{ ref('int_project_names_normalized') }} as current_fact
                where current_fact.fact_id = already_loaded.mention_id
            )
            {% endif %}
        "
    )
}}

-- One investment fact in one article. Incremental: new facts are appended and
-- the pre-hook removes facts that a newer article version or extractor
-- version superseded, so the table always equals the current fact set.
with

facts as (
    select * from {{ ref('int_project_names_normalized') }}
    {% if is_incremental() %}
        where fact_id not in (select already_loaded.mention_id from {{ this }} as already_loaded)
    {% endif %}
),

final as (
    select
        fact_id as mention_id,
        article_key,
        article_id,
        newspaper_code,
        published_date,
        region_key,
        resolved_region_name as region_name,
        project_key,
        project_name,
        subject,
        measure,
        amount_cny,
        round(amount_cny / 100000000, 4) as amount_yi,
        amount_original,
        project_count,
        stage,
        category,
        period_start,
        period_end,
        completion_rate,
        approximate,
        currency,
        evidence,
        char_start,
        char_end,
        extractor_version
    from facts
)

select * from final
