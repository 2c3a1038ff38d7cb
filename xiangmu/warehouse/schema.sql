-- Raw staging and extraction schemas. Applied idempotently, once per version of this file
-- (connect.ensure_schema records its digest in ops.schema_applied).
-- Raw tables are append-only: rows are never updated or deleted; a changed
-- page or article becomes a new row (new content_hash), never an overwrite.
--
-- A template for psycopg.sql (xiangmu/warehouse/connect.py): a name in braces is
-- filled in when the schema is applied, a vocabulary from the registry
-- (xiangmu/vocabulary.py), a group of columns several tables share from
-- connect.COLUMN_GROUPS, so each is written down once; a literal brace is
-- written twice.

create schema if not exists raw;
create schema if not exists extract;

-- The versions of this file applied to the warehouse (sha256 of the filled-in DDL), in the
-- pipeline's own bookkeeping schema (as publish's lock table), which readers cannot use.
create schema if not exists ops;
revoke all on schema ops from public;
create table if not exists ops.schema_applied (
    digest text primary key,
    applied_at timestamptz not null default now()
);

-- One row per observed outcome of an edition (newspaper x date).
-- The latest row (max edition_outcome_id) is the current status.
create table if not exists raw.editions (
    edition_outcome_id bigint generated always as identity primary key,
    {edition},
    entry_url text not null,
    -- layout_changed: the edition did not look like one (scrapers.drift); never counted as complete.
    status text not null check (status in ({edition_statuses})),  -- the registry's EDITION_STATUSES
    page_count integer not null default 0,
    article_count integer not null default 0,
    failure_count integer not null default 0,
    detail text,
    run_id text,
    recorded_at timestamptz not null default now()
);
create index if not exists editions_by_date on raw.editions (newspaper, edition_date, edition_outcome_id);
-- Warehouses created before a status existed (e.g. 'layout_changed'): widen the check once.
do $$
begin
    if not exists (
        select 1 from pg_constraint
        where conrelid = 'raw.editions'::regclass and conname = 'editions_status_check'
          and (select bool_and(position(quote_literal(s) in pg_get_constraintdef(oid)) > 0)
               from unnest(array[{edition_statuses}]) as s)
    ) then
        alter table raw.editions drop constraint if exists editions_status_check;
        alter table raw.editions add constraint editions_status_check
            check (status in ({edition_statuses}));
    end if;
end $$;

-- One row per distinct content of a page (版) node.
create table if not exists raw.pages (
    page_id bigint generated always as identity primary key,
    {edition},
    page_no text not null,
    page_name text,
    url text not null,
    pdf_url text,
    {fetched_content}
);

-- One row per distinct content of an article.
create table if not exists raw.articles (
    article_id bigint generated always as identity primary key,
    {edition},
    page_no text,
    page_name text,
    url text not null,
    kicker text,
    title text,
    subtitle text,
    byline text,
    published_date date,
    body_text text not null,
    captions jsonb not null default '[]'::jsonb,
    {fetched_content}
);

-- An edition's pages and articles, looked up by edition: the raw checkpoint counts them for every
-- complete edition (a year's backfill once scanned both tables 730 times per check), and a continued
-- story reads its edition's other parts.
create index if not exists pages_by_edition on raw.pages (newspaper, edition_date);
create index if not exists articles_by_edition on raw.articles (newspaper, edition_date);

-- Problems with a body that was still staged (undecodable bytes replaced, NUL removed): a JSON list.
alter table raw.pages add column if not exists warnings jsonb not null default '[]'::jsonb;
alter table raw.articles add column if not exists warnings jsonb not null default '[]'::jsonb;

-- Fetch attempts that did not succeed (after or between retries), so that a
-- partial edition shows exactly what failed.
create table if not exists raw.fetch_log (
    fetch_log_id bigint generated always as identity primary key,
    {edition},
    url text not null,
    http_status integer,
    {failure},
    run_id text,
    recorded_at timestamptz not null default now(),
    unique (newspaper, edition_date, url, run_id)
);

-- Which article versions an extractor version has processed (even with no facts).
create table if not exists extract.article_extractions (
    {extracted_from},
    fact_count integer not null,
    run_id text,
    extracted_at timestamptz not null default now(),
    primary key (article_id, extractor_version)
);

-- Investment facts, one per figure per article version per extractor version.
create table if not exists extract.investment_facts (
    fact_id bigint generated always as identity primary key,
    {extracted_from},
    fact_index integer not null,
    region text,
    region_code text,
    subject text not null check (subject in ({subjects})),  -- the registry's SUBJECTS
    project_name text,
    project_count integer,
    measure text not null,
    amount_cny numeric,  -- unbounded: an absurd figure must reach the quality gate, not crash the load
    amount_original numeric,
    currency text not null default 'CNY',
    approximate boolean not null default false,
    stage text,
    category text,
    period_start date,
    period_end date,
    completion_rate numeric,
    {evidence_span},
    run_id text,
    extracted_at timestamptz not null default now(),
    unique (article_id, extractor_version, fact_index)
);

-- The extractor never emits a project count above 10,000 (xiangmu/extract/numbers.py), so the
-- integer column cannot overflow; the check makes the bound hold in the warehouse too (NOT VALID:
-- rows stored before it are left alone). A fact breaking it fails only its own article.
do $$
begin
    if not exists (
        select 1 from pg_constraint
        where conname = 'investment_facts_project_count_bound'
          and conrelid = 'extract.investment_facts'::regclass
    ) then
        alter table extract.investment_facts
            add constraint investment_facts_project_count_bound
            check (project_count between 0 and 10000) not valid;
    end if;
end $$;

-- Articles whose extraction failed (an error, the time budget, or a row the warehouse refused).
-- Such an article is skipped, not retried, until the extractor version changes or someone asks
-- (retry_requested; `xiangmu extract-retry`). resolved_at is set when a retry succeeds.
create table if not exists extract.failed_articles (
    {extracted_from},
    error_kind text not null check (error_kind in ('error', 'timeout', 'invalid_fact', 'store')),
    {failure},
    retry_requested boolean not null default false,
    run_id text,
    failed_at timestamptz not null default now(),
    resolved_at timestamptz,
    primary key (article_id, extractor_version)
);

-- Figures the extractor refused as implausible (xiangmu/extract/rejected.py): never facts, kept
-- with their reason for review. raw_text is the figure's first 120 characters; the offsets
-- index the article's body_text.
create table if not exists extract.rejected_figures (
    rejected_id bigint generated always as identity primary key,
    {extracted_from},
    figure_index integer not null,
    kind text not null,
    reason text not null,
    detail text not null,
    raw_text text not null,
    {evidence_span},
    run_id text,
    recorded_at timestamptz not null default now(),
    unique (article_id, extractor_version, figure_index)
);

-- What one run staged or extracted, looked up by its run id: the raw and extraction quality checks
-- read only that (expectations/suites.py), and without these each check scanned all of history.
create index if not exists editions_by_run on raw.editions (run_id);
create index if not exists pages_by_run on raw.pages (run_id);
create index if not exists articles_by_run on raw.articles (run_id);
create index if not exists fetch_log_by_run on raw.fetch_log (run_id);
create index if not exists article_extractions_by_run on extract.article_extractions (run_id);
create index if not exists investment_facts_by_run on extract.investment_facts (run_id);
create index if not exists failed_articles_by_run on extract.failed_articles (run_id);
create index if not exists rejected_figures_by_run on extract.rejected_figures (run_id);

-- What was extracted since a time: dbt's int_article_versions_picked counts, and on a day's change
-- reads, the extractions and facts since its last build through these (without them, every build
-- scanned every extraction ever made).
create index if not exists article_extractions_by_time on extract.article_extractions (extracted_at);
create index if not exists investment_facts_by_time on extract.investment_facts (extracted_at);
