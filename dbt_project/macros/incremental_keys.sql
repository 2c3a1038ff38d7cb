{#- Incremental models that recompute only the keys new data touched.

    The intermediate fact tables carry `changed_at`: when a row was (re)written
    because its article got a new version or a new extraction. A mart cannot
    carry that column (BI reads its columns), so each incremental mart keeps
    its high-water mark in intermediate.incremental_watermarks instead:

    * pre-hook  `delete_changed_keys`: delete the mart rows whose key appears
      in upstream rows changed since the mark (the old and the new state of a
      superseded fact both appear, so a key that vanished is deleted too);
    * the model selects the current rows for exactly those keys
      (`changed_since_watermark` in its key CTE) and dbt appends them;
    * post-hook `record_watermark`: the mark becomes the upstream's max
      changed_at. Pre-hook, insert and post-hook share one transaction, so a
      failed build leaves mart and mark as they were and the next build redoes
      the same keys.

    A full refresh (or a missing mart) rebuilds everything and resets the mark.
    Region or newspaper seed changes need `dbt build --full-refresh`. -#}

{% macro create_incremental_watermarks() -%}
    do $watermarks$
    begin
        -- dbt invocations may start in parallel (one per model under cosmos)
        perform pg_advisory_xact_lock(hashtext('xiangmu.incremental_watermarks'));
        create schema if not exists intermediate;
        create table if not exists intermediate.incremental_watermarks (
            model_name text primary key,
            watermark timestamptz not null,
            recorded_at timestamptz not null default now()
        );
    end
    $watermarks$
{%- endmacro %}

{% macro last_watermark(model_name=none) -%}
    (
        select coalesce(max(watermark), '-infinity'::timestamptz)
        from intermediate.incremental_watermarks
        where model_name = '{{ model_name or this.identifier }}'
    )
{%- endmacro %}

{#- SQL predicate on an upstream relation's changed_at: true on a full build. -#}
{% macro changed_since_watermark(column='changed_at', model_name=none) -%}
    {%- if is_incremental() or model_name -%}
        {{ column }} > {{ last_watermark(model_name) }}
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{#- The keys of the upstream rows changed since the mark (every key on a full build). -#}
{% macro changed_keys(key, upstream, model_name=none) -%}
    select distinct changed.{{ key }}
    from {{ upstream }} as changed
    where {{ changed_since_watermark('changed.changed_at', model_name) }}
{%- endmacro %}

{#- The current facts of every key new data touched: what a mart recomputes. -#}
{% macro current_rows_of_changed_keys(key, upstream, upstream_key=none) -%}
    select * from {{ upstream }}
    where
        is_current
        and {{ upstream_key or key }} in ({{ changed_keys(upstream_key or key, upstream) }})
{%- endmacro %}

{% macro delete_changed_keys(key, upstream, upstream_key=none) -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where {{ key }} in ({{ changed_keys(upstream_key or key, upstream) }})
    {%- endif -%}
{%- endmacro %}

{% macro record_watermark(upstream) -%}
    insert into intermediate.incremental_watermarks (model_name, watermark)
    select
        '{{ this.identifier }}',
        max(changed_at)
    from {{ upstream }}
    having max(changed_at) is not null
    on conflict (model_name) do update
        set watermark = excluded.watermark, recorded_at = now()
        -- a rerun with no new data leaves the mark, and its row, as they were
        where incremental_watermarks.watermark is distinct from excluded.watermark
{%- endmacro %}

{#- The intermediate fact tables pass changed_at on from upstream, so their
    own latest changed_at is their mark. -#}
{% macro own_watermark() -%}
    (select coalesce(max(already_built.changed_at), '-infinity'::timestamptz) from {{ this }} as already_built)
{%- endmacro %}
