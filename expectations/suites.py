"""Expectation suites as code, one per data asset, grouped by checkpoint.

Why query assets everywhere: most rules here are about derived numbers
(pages per complete edition, fetch error rate, facts per article, row-count
change), and a query that exposes that number as a column lets a stock
expectation report it as the observed value that ends up in the alert.

Why the raw and extraction queries read a session setting: raw tables are
append-only, so a bad row from last year can never be fixed. When the DAG
passes its run id, the raw and extraction checks look only at what that run
staged (see context.gx_connection_string); without one they look at all.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from typing import Any

from expectations.context import DATA_RUN_SETTING

MEASURES = ("total_investment", "planned_investment", "completed_investment", "foreign_investment")
STAGES = (
    "groundbreaking",
    "under_construction",
    "completed",
    "signed",
    "introduced",
    "reserve",
    "key_project",
)
SUBJECTS = ("portfolio", "project")

# Text that appears when bytes were decoded with the wrong codec: U+FFFD,
# UTF-8 read as Latin-1/CP1252 (Ã, Â, â€, é”, ï»¿ for a BOM) and UTF-8 read as
# GBK (锟斤拷), plus MSVC's uninitialised-memory patterns (烫烫, 屯屯).
MOJIBAKE_MARKERS = ("\ufffd", "锟斤拷", "Ã", "Â", "â€", "é”", "ï»¿", "烫烫烫", "屯屯屯")

# Development zones resolve to a gazetteer place without an administrative
# code (see xiangmu/extract/gazetteer.py), so a null region_code alone does
# not mean "unresolved" for them.
ZONE_SUFFIXES = ("开发区", "管理区", "新城", "新区", "园区", "综合保税区", "自贸试验区", "片区")

# Below this many facts in scope (a quiet day) the resolved share is too noisy to judge.
REGION_SHARE_MIN_FACTS = 10

MART_SCHEMA = "marts_candidate"
ROW_COUNT_TABLE = "quality.mart_row_counts"


@dataclass(frozen=True)
class Thresholds:
    """Tunable limits; each can be overridden by env XIANGMU_QUALITY_<FIELD_NAME_UPPER>."""

    fetch_error_rate_max: float = 0.05
    body_chars_min: int = 20
    body_chars_max: int = 50_000
    amount_cny_min: float = 1e4
    amount_cny_max: float = 1e13
    region_resolved_share_min: float = 0.8
    facts_per_article_max: int = 60
    # current / previous passed row count of each mart table
    mart_row_ratio_min: float = 0.9
    mart_row_ratio_max: float = 5.0

    @classmethod
    def from_env(cls) -> Thresholds:
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = os.environ.get(f"XIANGMU_QUALITY_{f.name.upper()}")
            if raw not in (None, ""):
                values[f.name] = int(raw) if f.type in ("int", int) else float(raw)
        return cls(**values)


@dataclass(frozen=True)
class MartTable:
    name: str
    key: str


# The dbt marts and their primary keys (see dbt_project/models/marts/*.yml).
MART_TABLES: tuple[MartTable, ...] = (
    MartTable("fct_investment_mention", "mention_id"),
    MartTable("fct_investment_figure", "figure_key"),
    MartTable("fct_groundbreaking_batch", "batch_key"),
    MartTable("fct_project_milestone", "milestone_key"),
    MartTable("dim_region", "region_key"),
    MartTable("dim_project", "project_key"),
    MartTable("dim_article", "article_key"),
    MartTable("dim_newspaper", "newspaper_code"),
    MartTable("dim_date", "date_day"),
)


@dataclass
class SuiteSpec:
    """One suite validated against one query asset."""

    name: str
    asset_name: str
    query: str
    expectations: list = field(default_factory=list)

    def build_suite(self):
        import great_expectations as gx

        suite = gx.ExpectationSuite(name=self.name)
        for expectation in self.expectations:
            suite.add_expectation(expectation)
        return suite


def _scope(column: str) -> str:
    """SQL predicate: the row belongs to the run under check, or no run is set."""
    setting = f"current_setting('{DATA_RUN_SETTING}', true)"
    return f"(coalesce({setting}, '') = '' or {column} = {setting})"


# Every query asset exposes a text column naming its row, so that one
# checkpoint-wide result format can list which rows broke an expectation
# (GX lets the checkpoint's result format override the expectation's).
ROW_REF = "row_ref"
RESULT_FORMAT = {
    "result_format": "SUMMARY",
    "unexpected_index_column_names": [ROW_REF],
    "partial_unexpected_count": 10,
}


def _sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def raw_suites(th: Thresholds) -> list[SuiteSpec]:
    import great_expectations.expectations as gxe

    mojibake_pattern = _sql_literal("(" + "|".join(MOJIBAKE_MARKERS) + ")")
    whitespace_pattern = _sql_literal("[[:space:]\u3000]+")
    return [
        SuiteSpec(
            name="raw.editions",
            asset_name="raw_complete_editions",
            query=f"""
select
    e.newspaper,
    e.edition_date,
    e.newspaper || ' ' || cast(e.edition_date as text) as row_ref,
    (select count(*) from raw.pages p
      where p.newspaper = e.newspaper and p.edition_date = e.edition_date) as page_rows,
    (select count(*) from raw.articles a
      where a.newspaper = e.newspaper and a.edition_date = e.edition_date) as article_rows
from (
    select distinct newspaper, edition_date
    from raw.editions
    where status = 'complete' and {_scope("run_id")}
) e
""",
            expectations=[
                gxe.ExpectColumnValuesToBeBetween(
                    column="page_rows",
                    min_value=1,
                    description="Every complete edition has its pages staged in raw.pages.",
                ),
                gxe.ExpectColumnValuesToBeBetween(
                    column="article_rows",
                    min_value=1,
                    description="Every complete edition has its articles staged in raw.articles.",
                ),
            ],
        ),
        SuiteSpec(
            name="raw.articles",
            asset_name="raw_articles",
            query=f"""
select
    'article_id=' || cast(a.article_id as text) as row_ref,
    a.article_id,
    a.url,
    a.content_hash,
    char_length(regexp_replace(a.body_text, {whitespace_pattern}, '', 'g')) as body_chars,
    substring(coalesce(a.title, '') || ' ' || a.body_text from {mojibake_pattern}) as mojibake_marker
from raw.articles a
where {_scope("a.run_id")}
""",
            expectations=[
                gxe.ExpectColumnValuesToBeBetween(
                    column="body_chars",
                    min_value=1,
                    description="Article bodies are not empty (whitespace does not count).",
                ),
                gxe.ExpectColumnValuesToBeBetween(
                    column="body_chars",
                    min_value=th.body_chars_min,
                    max_value=th.body_chars_max,
                    description="Article bodies have a plausible length; outside it the parser "
                    "probably grabbed navigation or a whole page.",
                ),
                gxe.ExpectColumnValuesToBeNull(
                    column="mojibake_marker",
                    description="No mojibake in title or body (wrong codec when decoding the page).",
                ),
                gxe.ExpectCompoundColumnsToBeUnique(
                    column_list=["url", "content_hash"],
                    description="One row per distinct article content (raw is append-only).",
                ),
            ],
        ),
        SuiteSpec(
            name="raw.pages",
            asset_name="raw_pages",
            query=f"""
select 'page_id=' || cast(p.page_id as text) as row_ref, p.page_id, p.url, p.content_hash
from raw.pages p
where {_scope("p.run_id")}
""",
            expectations=[
                gxe.ExpectCompoundColumnsToBeUnique(
                    column_list=["url", "content_hash"],
                    description="One row per distinct page content (raw is append-only).",
                ),
            ],
        ),
        SuiteSpec(
            name="raw.fetch_health",
            asset_name="raw_fetch_health",
            query=f"""
select
    'fetches' as row_ref,
    f.failed_fetches,
    s.stored_fetches,
    coalesce(cast(f.failed_fetches as numeric)
             / nullif(f.failed_fetches + s.stored_fetches, 0), 0) as fetch_error_rate
from
    (select count(*) as failed_fetches from raw.fetch_log where {_scope("run_id")}) f,
    (select (select count(*) from raw.pages where {_scope("run_id")})
          + (select count(*) from raw.articles where {_scope("run_id")}) as stored_fetches) s
""",
            expectations=[
                gxe.ExpectColumnMaxToBeBetween(
                    column="fetch_error_rate",
                    min_value=0,
                    max_value=th.fetch_error_rate_max,
                    description="Failed fetches (raw.fetch_log) stay a small share of all fetches "
                    "(failed + staged pages and articles).",
                ),
            ],
        ),
    ]


def extraction_suites(th: Thresholds) -> list[SuiteSpec]:
    import great_expectations.expectations as gxe

    zone_pattern = _sql_literal("(" + "|".join(ZONE_SUFFIXES) + ")$")

    return [
        SuiteSpec(
            name="extraction.investment_facts",
            asset_name="extract_investment_facts",
            query=f"""
select
    'fact_id=' || cast(f.fact_id as text) as row_ref,
    f.fact_id,
    f.article_id,
    f.extractor_version,
    f.subject,
    f.measure,
    f.stage,
    f.amount_cny,
    f.region,
    f.region_code,
    char_length(btrim(f.evidence)) as evidence_chars,
    f.char_start,
    f.char_end
from extract.investment_facts f
where {_scope("f.run_id")}
""",
            expectations=[
                gxe.ExpectColumnValuesToBeBetween(
                    column="amount_cny",
                    min_value=th.amount_cny_min,
                    max_value=th.amount_cny_max,
                    description="Amounts are plausible in yuan (a unit error shows as 1e4x off).",
                ),
                gxe.ExpectColumnValuesToBeInSet(
                    column="measure",
                    value_set=list(MEASURES),
                    description="Measures come from the extractor's vocabulary.",
                ),
                gxe.ExpectColumnValuesToBeInSet(
                    column="stage",
                    value_set=list(STAGES),
                    description="Stages come from the extractor's vocabulary (or are unknown).",
                ),
                gxe.ExpectColumnValuesToBeInSet(
                    column="subject",
                    value_set=list(SUBJECTS),
                    description="A fact is about a portfolio of projects or one project.",
                ),
                gxe.ExpectColumnValuesToBeBetween(
                    column="evidence_chars",
                    min_value=1,
                    description="Every fact quotes the sentence it came from.",
                ),
                gxe.ExpectColumnValuesToBeBetween(
                    column="char_start",
                    min_value=0,
                    description="Evidence offsets point into the body.",
                ),
                gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                    column_A="char_end",
                    column_B="char_start",
                    or_equal=False,
                    description="Evidence spans are non-empty (char_start < char_end).",
                ),
            ],
        ),
        SuiteSpec(
            name="extraction.facts_per_article",
            asset_name="extract_facts_per_article",
            query=f"""
select
    f.article_id,
    f.extractor_version,
    'article_id=' || cast(f.article_id as text) || ' ' || f.extractor_version as row_ref,
    count(*) as fact_count
from extract.investment_facts f
where {_scope("f.run_id")}
group by f.article_id, f.extractor_version
""",
            expectations=[
                gxe.ExpectColumnValuesToBeBetween(
                    column="fact_count",
                    min_value=1,
                    max_value=th.facts_per_article_max,
                    description="An investment article yields a bounded number of facts; many more "
                    "means a table or list was split into nonsense.",
                ),
            ],
        ),
        SuiteSpec(
            name="extraction.region_resolution",
            asset_name="extract_region_resolution",
            query=f"""
select
    'facts=' || cast(count(*) as text) as row_ref,
    count(*) as facts,
    count(*) filter (where f.region_code is not null or f.region ~ {zone_pattern}) as resolved_facts,
    case
        when count(*) >= {REGION_SHARE_MIN_FACTS}
        then cast(count(*) filter (where f.region_code is not null or f.region ~ {zone_pattern}) as numeric)
             / count(*)
    end as resolved_share
from extract.investment_facts f
where {_scope("f.run_id")}
""",
            expectations=[
                gxe.ExpectColumnValuesToBeBetween(
                    column="resolved_share",
                    min_value=th.region_resolved_share_min,
                    max_value=1,
                    description="Most facts resolve to a gazetteer place (an admin code, or a development "
                    "zone, which has none); a drop means the gazetteer or the region matcher broke. "
                    f"Not judged on fewer than {REGION_SHARE_MIN_FACTS} facts.",
                ),
            ],
        ),
        SuiteSpec(
            name="extraction.article_extractions",
            asset_name="extract_article_extractions",
            query=f"""
select
    e.article_id,
    e.extractor_version,
    'article_id=' || cast(e.article_id as text) || ' ' || e.extractor_version as row_ref,
    e.fact_count as recorded_fact_count,
    (select count(*) from extract.investment_facts f
      where f.article_id = e.article_id
        and f.extractor_version = e.extractor_version) as stored_fact_count
from extract.article_extractions e
where {_scope("e.run_id")}
""",
            expectations=[
                gxe.ExpectColumnPairValuesToBeEqual(
                    column_A="recorded_fact_count",
                    column_B="stored_fact_count",
                    description="Each article's recorded fact count matches the facts stored "
                    "(a mismatch means a partial load).",
                ),
            ],
        ),
    ]


def mart_suites(th: Thresholds, tables: tuple[MartTable, ...] = MART_TABLES) -> list[SuiteSpec]:
    import great_expectations.expectations as gxe

    specs: list[SuiteSpec] = []
    for table in tables:
        specs.append(
            SuiteSpec(
                name=f"marts.{table.name}",
                asset_name=f"marts_{table.name}",
                query=f"select cast({table.key} as text) as {ROW_REF}, * from {MART_SCHEMA}.{table.name}",
                expectations=[
                    gxe.ExpectColumnValuesToNotBeNull(
                        column=table.key,
                        description=f"{table.name}.{table.key} is a key: never null.",
                    ),
                    gxe.ExpectColumnValuesToBeUnique(
                        column=table.key,
                        description=f"{table.name}.{table.key} is a key: unique.",
                    ),
                    *_extra_mart_expectations(table.name, th),
                ],
            )
        )
    current_counts = "\n    union all\n    ".join(
        f"select {_sql_literal(t.name)} as table_name, count(*) as row_count from {MART_SCHEMA}.{t.name}"
        for t in tables
    )
    specs.append(
        SuiteSpec(
            name="marts.row_counts",
            asset_name="marts_row_count_change",
            query=f"""
select
    c.table_name as row_ref,
    c.table_name,
    c.row_count,
    p.row_count as previous_row_count,
    cast(c.row_count as numeric) / nullif(p.row_count, 0) as row_count_ratio
from (
    {current_counts}
) c
left join (
    select distinct on (table_name) table_name, row_count
    from {ROW_COUNT_TABLE}
    where passed
    order by table_name, recorded_at desc, id desc
) p on p.table_name = c.table_name
""",
            expectations=[
                gxe.ExpectColumnValuesToBeBetween(
                    column="row_count_ratio",
                    min_value=th.mart_row_ratio_min,
                    max_value=th.mart_row_ratio_max,
                    description="Each mart's row count against the last run that passed stays "
                    "within bounds (marts are rebuilt from append-only raw; they rarely shrink).",
                ),
            ],
        )
    )
    return specs


def _extra_mart_expectations(table: str, th: Thresholds) -> list:
    import great_expectations.expectations as gxe

    if table == "fct_groundbreaking_batch":
        return [
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A="total_investment_cny",
                column_B="planned_investment_cny",
                or_equal=True,
                ignore_row_if="either_value_is_missing",
                description="A batch's planned investment (e.g. for this year) does not exceed its total investment.",
            ),
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A="total_investment_cny",
                column_B="county_total_investment_cny",
                or_equal=True,
                ignore_row_if="either_value_is_missing",
                description="A city's batch total covers the totals its counties, districts and "
                "zones reported for the same day.",
            ),
        ]
    if table in ("fct_investment_mention", "fct_investment_figure"):
        return [
            gxe.ExpectColumnValuesToBeBetween(
                column="amount_cny",
                min_value=th.amount_cny_min,
                max_value=th.amount_cny_max,
                description="Amounts are plausible in yuan.",
            ),
            gxe.ExpectColumnValuesToBeInSet(
                column="measure",
                value_set=list(MEASURES),
                description="Measures come from the extractor's vocabulary.",
            ),
        ]
    return []


def suites_for(checkpoint: str, th: Thresholds | None = None) -> list[SuiteSpec]:
    th = th or Thresholds.from_env()
    builders = {"raw": raw_suites, "extraction": extraction_suites, "marts": mart_suites}
    if checkpoint not in builders:
        raise KeyError(f"unknown checkpoint {checkpoint!r}; expected one of {sorted(builders)}")
    return builders[checkpoint](th)
