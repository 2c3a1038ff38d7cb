"""Expectation suites as code, one per data asset, grouped by checkpoint.

What GX checks and what it leaves alone: keys, not-null columns, vocabularies
and relationships of the marts are dbt tests (dbt_project/models/marts), and
uniqueness of raw rows and the facts' subjects are the warehouse's UNIQUE and
CHECK constraints (xiangmu/warehouse/schema.sql); checking them again here
only costs time. GX checks what neither can: the run as a whole
(fetch error share, unresolved region share, staged rows per complete
edition) and distributions against history (amounts far from what the same
measure usually is, editions far smaller or larger than the paper's usual,
marts growing more than the editions ingested explain, so a backfill of a
year is not an anomaly while a doubled day is).

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

from dataclasses import dataclass, field, fields
from typing import Any

from expectations.context import DATA_RUN_SETTING
from xiangmu import vocabulary

# The extractor's vocabularies (xiangmu/vocabulary.py), which the run's facts must keep to.
# (Subjects need no expectation: extract.investment_facts' check constraint refuses any other.)
MEASURES = vocabulary.codes(vocabulary.MEASURES)
STAGES = vocabulary.codes(vocabulary.STAGES)

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
# History the distribution checks compare with: the latest this many facts or
# editions outside the run (bounded, so the check costs the same after years),
# and at least this many of them before anything is judged.
HISTORY_WINDOW_FACTS = 20_000
HISTORY_WINDOW_EDITIONS = 1_000
HISTORY_MIN_ROWS = 30

MART_SCHEMA = "marts_candidate"
ROW_COUNT_TABLE = "quality.mart_row_counts"
# The latest outcome of each edition (raw.editions is append-only).
LATEST_EDITIONS_SQL = """
    select distinct on (newspaper, edition_date)
        edition_outcome_id, newspaper, edition_date, status, article_count, run_id
    from raw.editions
    order by newspaper, edition_date, edition_outcome_id desc
"""
# Editions whose latest outcome is complete: what the marts' growth is measured against.
COMPLETE_EDITIONS_SQL = (
    f"select count(*) as edition_count from ({LATEST_EDITIONS_SQL}) latest where status = 'complete'"
)


def _config():
    from xiangmu import config

    return config


@dataclass(frozen=True)
class Thresholds:
    """Tunable limits; each can be overridden by env XIANGMU_QUALITY_<FIELD_NAME_UPPER>."""

    # The raw checkpoint's.
    fetch_error_rate_max: float = 0.05
    body_chars_min: int = 20
    body_chars_max: int = 50_000
    # articles an edition lists against the paper's median edition in history
    edition_volume_ratio_min: float = 0.2
    edition_volume_ratio_max: float = 5.0

    # The extraction checkpoint's.
    # share of a run's articles whose extraction failed; default XIANGMU_MAX_FAILED_ARTICLE_SHARE
    failed_article_share_max: float = field(default_factory=lambda: _config().max_failed_article_share())
    amount_cny_min: float = 1e4
    amount_cny_max: float = 1e13
    region_resolved_share_min: float = 0.8
    facts_per_article_max: int = 60
    # a fact's amount against the median of the same subject and measure in history (either way)
    amount_outlier_factor: float = 1000.0

    # The marts checkpoint's.
    # current / previous passed row count of each mart table (marts rarely shrink) ...
    mart_row_ratio_min: float = 0.9
    # ... and that ratio divided by the growth of complete editions ingested
    mart_row_ratio_max: float = 5.0

    @classmethod
    def from_env(cls) -> Thresholds:
        types = {f.name: f.type for f in fields(cls)}
        raw = _config().quality_threshold_settings(types)
        values: dict[str, Any] = {n: int(v) if types[n] in ("int", int) else float(v) for n, v in raw.items()}
        return cls(**values)


@dataclass(frozen=True)
class MartTable:
    name: str


# The dbt marts whose growth GX watches (their keys are dbt tests: dbt_project/models/marts/_marts.yml).
MART_TABLES: tuple[MartTable, ...] = (
    MartTable("fct_investment_mention"),
    MartTable("fct_investment_figure"),
    MartTable("fct_groundbreaking_batch"),
    MartTable("fct_project_milestone"),
    MartTable("dim_region"),
    MartTable("dim_project"),
    MartTable("dim_article"),
    MartTable("dim_newspaper"),
    MartTable("dim_date"),
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


# The run under check: the session setting the DAG passes (null or '' when none is set).
_RUN = f"current_setting('{DATA_RUN_SETTING}', true)"


def _scoped(table: str, alias: str) -> str:
    """SQL relation: the rows of `table` (a table or a parenthesised query) the run under check staged, as `alias`.

    Every row when no run is set. Why two branches rather than one predicate
    (`no run set or run_id = the run`): the OR hides the run id from the
    planner, so each check scanned the whole append-only table (5 years of
    raw.articles for a day's articles: the raw check took 4.7x as long as on
    an empty warehouse). Here the first branch is an index lookup on run_id,
    and the second has no column in its condition, so PostgreSQL tests it once
    and skips its scan when a run is set.
    """
    return f"""(
    select * from {table} where run_id = {_RUN}
    union all
    select * from {table} where coalesce({_RUN}, '') = ''
) {alias}"""


def _not_scope(column: str) -> str:
    """SQL predicate: the row is history for the run under check (every row when no run is set)."""
    return f"(coalesce({_RUN}, '') = '' or {column} is distinct from {_RUN})"


def _key_ref(alias: str, key: str) -> str:
    """The row_ref column naming a row by its key: 'fact_id=12'."""
    return f"'{key}=' || cast({alias}.{key} as text) as row_ref"


def _extraction_key(alias: str) -> str:
    """The key columns of one article's extraction (article, extractor version), and the row_ref naming it."""
    return (
        f"{alias}.article_id,\n    {alias}.extractor_version,\n"
        f"    'article_id=' || cast({alias}.article_id as text) || ' ' || {alias}.extractor_version as row_ref"
    )


def _staged_rows(table: str, alias: str, row_ref: str, columns: str, *, group_by: str | None = None) -> str:
    """Query: a row per row of `table` (as `alias`) that the run under check staged, or per `group_by` group.

    Each row is named first (`row_ref`, see ROW_REF); `columns` are what the
    suite's expectations check, an SQL select list indented like the queries here.
    """
    grouped = f"group by {group_by}\n" if group_by else ""
    return f"""
select
    {row_ref},
    {columns.strip()}
from {_scoped(table, alias)}
{grouped}"""


def _failed_share_query(row_ref: str, share: str, failed: tuple[str, str], succeeded: tuple[str, str]) -> str:
    """One row: how many failed, how many succeeded, and the failed share of both (0 when neither).

    `failed` and `succeeded` are (column name, SQL expression counting them).
    """
    (failed_name, failed_count), (ok_name, ok_count) = failed, succeeded
    return f"""
select
    {_sql_literal(row_ref)} as row_ref,
    {failed_name},
    {ok_name},
    coalesce(cast({failed_name} as numeric) / nullif({failed_name} + {ok_name}, 0), 0) as {share}
from (select ({failed_count}) as {failed_name}, ({ok_count}) as {ok_name}) counts
"""


def _against_history(
    source: str, alias: str, row_ref: str, *, where: str, kind: tuple[str, ...], value: str,
    newest: str, limit: int, ratio: str, ratio_name: str,
) -> str:
    """Query: each row of `source` the run staged (matching `where`), `ratio` of its `value` to the history.

    The history of a row is the median `value` of the rows of its `kind` (the
    same `kind` columns) among the latest `limit` rows (by `newest`) of the
    same source and filter outside the run: bounded, so the check costs the
    same after years. Until HISTORY_MIN_ROWS rows of a kind exist the ratio is
    null: not judged. `where` and `ratio` name the row as `alias` and the
    history as `h` (columns median, history_rows).
    """
    keys = ", ".join(kind)
    return f"""
select
    {row_ref},
    {alias}.{value},
    h.median,
    case
        when h.history_rows >= {HISTORY_MIN_ROWS}
        then {ratio}
    end as {ratio_name}
from {_scoped(source, alias)}
left join (
    select {keys}, count(*) as history_rows,
           percentile_cont(0.5) within group (order by {value}) as median
    from (
        select {keys}, {value} from {source} {alias}
        where {where} and {_not_scope(f"{alias}.run_id")}
        order by {alias}.{newest} desc
        limit {limit}
    ) recent
    group by {keys}
) h on {" and ".join(f"h.{key} = {alias}.{key}" for key in kind)}
where {where}
"""


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


def _bounds(low: float | None, high: float | None) -> dict[str, float]:
    """GX's min_value/max_value, leaving out an open side (GX then checks only the other)."""
    return {k: v for k, v in (("min_value", low), ("max_value", high)) if v is not None}


def _between(column: str, *, description: str, low: float | None = None, high: float | None = None) -> Any:
    """Every value of `column` lies within [low, high]."""
    import great_expectations.expectations as gxe

    return gxe.ExpectColumnValuesToBeBetween(column=column, description=description, **_bounds(low, high))


def _max_between(column: str, *, description: str, low: float | None = None, high: float | None = None) -> Any:
    """The largest value of `column` lies within [low, high]: one figure for the run, reported as observed."""
    import great_expectations.expectations as gxe

    return gxe.ExpectColumnMaxToBeBetween(column=column, description=description, **_bounds(low, high))


def _in_set(column: str, values: tuple[str, ...], *, description: str) -> Any:
    """Every value of `column` is one of `values` (a vocabulary)."""
    import great_expectations.expectations as gxe

    return gxe.ExpectColumnValuesToBeInSet(column=column, value_set=list(values), description=description)


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
    from {_scoped("raw.editions", "scoped")}
    where status = 'complete'
) e
""",
            expectations=[
                _between("page_rows", low=1,
                         description="Every complete edition has its pages staged in raw.pages."),
                _between("article_rows", low=1,
                         description="Every complete edition has its articles staged in raw.articles."),
            ],
        ),
        SuiteSpec(
            name="raw.articles",
            asset_name="raw_articles",
            query=_staged_rows("raw.articles", "a", _key_ref("a", "article_id"), f"""
    char_length(regexp_replace(a.body_text, {whitespace_pattern}, '', 'g')) as body_chars,
    substring(coalesce(a.title, '') || ' ' || a.body_text from {mojibake_pattern}) as mojibake_marker
"""),
            expectations=[
                _between("body_chars", low=1,
                         description="Article bodies are not empty (whitespace does not count)."),
                _between("body_chars", low=th.body_chars_min, high=th.body_chars_max,
                         description="Article bodies have a plausible length; outside it the parser "
                         "probably grabbed navigation or a whole page."),
                gxe.ExpectColumnValuesToBeNull(
                    column="mojibake_marker",
                    description="No mojibake in title or body (wrong codec when decoding the page).",
                ),
            ],
        ),
        _edition_volume_suite(th),
        SuiteSpec(
            name="raw.fetch_health",
            asset_name="raw_fetch_health",
            query=_failed_share_query(
                "fetches",
                "fetch_error_rate",
                failed=("failed_fetches", f"select count(*) from {_scoped('raw.fetch_log', 'l')}"),
                succeeded=(
                    "stored_fetches",
                    f"(select count(*) from {_scoped('raw.pages', 'p')})"
                    f" + (select count(*) from {_scoped('raw.articles', 'a')})",
                ),
            ),
            expectations=[
                _max_between("fetch_error_rate", low=0, high=th.fetch_error_rate_max,
                             description="Failed fetches (raw.fetch_log) stay a small share of all fetches "
                             "(failed + staged pages and articles)."),
            ],
        ),
    ]


def _edition_volume_suite(th: Thresholds) -> SuiteSpec:
    """Articles each complete edition of the run lists, against the paper's usual edition.

    Per edition, not per run: a backfill of a hundred dates is a hundred
    ordinary editions, while one edition with a tenth of its usual articles
    is a parser that lost a page.
    """
    return SuiteSpec(
        name="raw.edition_volume",
        asset_name="raw_edition_volume",
        query=_against_history(
            f"({LATEST_EDITIONS_SQL})", "l", "l.newspaper || ' ' || cast(l.edition_date as text) as row_ref",
            where="l.status = 'complete'", kind=("newspaper",), value="article_count",
            newest="edition_outcome_id", limit=HISTORY_WINDOW_EDITIONS,
            ratio="l.article_count / nullif(h.median, 0)", ratio_name="article_volume_ratio",
        ),
        expectations=[
            _between("article_volume_ratio", low=th.edition_volume_ratio_min, high=th.edition_volume_ratio_max,
                     description="Each complete edition lists about as many articles as the paper's usual "
                     "edition (the median of its recent history, outside this run); far fewer or far more "
                     f"means the page parser broke. Not judged before {HISTORY_MIN_ROWS} editions of history."),
        ],
    )


def _amount_outlier_suite(th: Thresholds) -> SuiteSpec:
    """Each fact of the run against the usual amount of the same subject and measure."""
    return SuiteSpec(
        name="extraction.amount_outliers",
        asset_name="extract_amount_outliers",
        query=_against_history(
            "extract.investment_facts", "f", _key_ref("f", "fact_id"),
            where="f.amount_cny > 0", kind=("subject", "measure"), value="amount_cny",
            newest="fact_id", limit=HISTORY_WINDOW_FACTS,
            ratio="greatest(f.amount_cny / h.median, h.median / f.amount_cny)", ratio_name="amount_vs_history",
        ),
        expectations=[
            _between("amount_vs_history", low=1, high=th.amount_outlier_factor,
                     description="A fact's amount is within a factor of the median amount of the same subject "
                     "and measure in recent history (outside this run); a unit slip (万 read as 元) lands 1e4 off. "
                     f"Not judged before {HISTORY_MIN_ROWS} facts of history."),
        ],
    )


def extraction_suites(th: Thresholds) -> list[SuiteSpec]:
    import great_expectations.expectations as gxe

    zone_pattern = _sql_literal("(" + "|".join(ZONE_SUFFIXES) + ")$")

    return [
        SuiteSpec(
            name="extraction.investment_facts",
            asset_name="extract_investment_facts",
            query=_staged_rows("extract.investment_facts", "f", _key_ref("f", "fact_id"), """
    f.measure,
    f.stage,
    f.amount_cny,
    char_length(btrim(f.evidence)) as evidence_chars,
    f.char_start,
    f.char_end
"""),
            expectations=[
                _between("amount_cny", low=th.amount_cny_min, high=th.amount_cny_max,
                         description="Amounts are plausible in yuan (a unit error shows as 1e4x off)."),
                _in_set("measure", MEASURES,
                        description="Measures come from the extractor's vocabulary."),
                _in_set("stage", STAGES,
                        description="Stages come from the extractor's vocabulary (or are unknown)."),
                _between("evidence_chars", low=1,
                         description="Every fact quotes the sentence it came from."),
                _between("char_start", low=0,
                         description="Evidence offsets point into the body."),
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
            query=_staged_rows(
                "extract.investment_facts", "f", _extraction_key("f"), "count(*) as fact_count",
                group_by="f.article_id, f.extractor_version",
            ),
            expectations=[
                _between("fact_count", low=1, high=th.facts_per_article_max,
                         description="An investment article yields a bounded number of facts; many more "
                         "means a table or list was split into nonsense."),
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
from {_scoped("extract.investment_facts", "f")}
""",
            expectations=[
                _between("resolved_share", low=th.region_resolved_share_min, high=1,
                         description="Most facts resolve to a gazetteer place (an admin code, or a development "
                         "zone, which has none); a drop means the gazetteer or the region matcher broke. "
                         f"Not judged on fewer than {REGION_SHARE_MIN_FACTS} facts."),
            ],
        ),
        SuiteSpec(
            name="extraction.article_extractions",
            asset_name="extract_article_extractions",
            query=_staged_rows("extract.article_extractions", "e", _extraction_key("e"), """
    e.fact_count as recorded_fact_count,
    (select count(*) from extract.investment_facts f
      where f.article_id = e.article_id
        and f.extractor_version = e.extractor_version) as stored_fact_count
"""),
            expectations=[
                gxe.ExpectColumnPairValuesToBeEqual(
                    column_A="recorded_fact_count",
                    column_B="stored_fact_count",
                    description="Each article's recorded fact count matches the facts stored "
                    "(a mismatch means a partial load).",
                ),
            ],
        ),
        _amount_outlier_suite(th),
        *_failure_suites(th),
    ]


# Reason codes of extract.rejected_figures (xiangmu/extract/rejected.py).
REJECT_REASONS = vocabulary.codes(vocabulary.REJECT_REASONS)


def _failure_suites(th: Thresholds) -> list[SuiteSpec]:
    """Articles whose extraction failed, and figures refused as implausible (issue 12)."""

    return [
        SuiteSpec(
            name="extraction.failed_articles",
            asset_name="extract_failed_article_share",
            query=_failed_share_query(
                "articles",
                "failed_article_share",
                failed=(
                    "failed_articles",
                    f"select count(*) from {_scoped('extract.failed_articles', 'a')} where a.resolved_at is null",
                ),
                succeeded=(
                    "extracted_articles",
                    f"select count(*) from {_scoped('extract.article_extractions', 'e')}",
                ),
            ),
            expectations=[
                _max_between("failed_article_share", low=0, high=th.failed_article_share_max,
                             description="Articles whose extraction failed (extract.failed_articles: an error, the "
                             "time budget, a row the warehouse refused) stay a small share of the articles read; "
                             "they are skipped until retried (`xiangmu extract-retry`) or a new extractor version."),
            ],
        ),
        SuiteSpec(
            name="extraction.rejected_figures",
            asset_name="extract_rejected_figures",
            query=f"""
select
    'rejected figures' as row_ref,
    count(*) as rejected_figures,
    {", ".join(f"count(*) filter (where r.reason = {_sql_literal(x)}) as {x}" for x in REJECT_REASONS)}
from {_scoped("extract.rejected_figures", "r")}
""",
            expectations=[
                _max_between("rejected_figures", low=0,
                             description="Figures refused as implausible or of no known place (never facts; each is "
                             "listed with its offsets and reason in extract.rejected_figures): the observed value is "
                             "how many."),
                *(
                    _max_between(t.code, low=0, description=f"Figures refused for {t.code} "
                                 f"({t.description.rstrip('.').lower()}): the observed value is how many.")
                    for t in vocabulary.REJECT_REASONS
                ),
            ],
        ),
    ]


def mart_suites(th: Thresholds, tables: tuple[MartTable, ...] = MART_TABLES) -> list[SuiteSpec]:
    """What dbt does not test on the marts: their growth against the editions ingested, batch totals."""
    import great_expectations.expectations as gxe

    current_counts = "\n    union all\n    ".join(
        f"select {_sql_literal(t.name)} as table_name, count(*) as row_count from {MART_SCHEMA}.{t.name}"
        for t in tables
    )
    specs = [
        SuiteSpec(
            name="marts.row_counts",
            asset_name="marts_row_count_change",
            query=f"""
select
    c.table_name as row_ref,
    c.table_name,
    c.row_count,
    p.row_count as previous_row_count,
    e.edition_count,
    p.edition_count as previous_edition_count,
    cast(c.row_count as numeric) / nullif(p.row_count, 0) as row_count_ratio,
    cast(c.row_count as numeric) / nullif(p.row_count, 0)
        / greatest(cast(e.edition_count as numeric) / nullif(p.edition_count, 0), 1) as growth_per_edition_ratio
from (
    {current_counts}
) c
cross join ({COMPLETE_EDITIONS_SQL}) e
left join (
    select distinct on (table_name) table_name, row_count, edition_count
    from {ROW_COUNT_TABLE}
    where passed
    order by table_name, recorded_at desc, id desc
) p on p.table_name = c.table_name
""",
            expectations=[
                _between("row_count_ratio", low=th.mart_row_ratio_min,
                         description="Each mart's row count against the last run that passed does not shrink "
                         "much (marts are rebuilt from append-only raw; they rarely shrink)."),
                _between("growth_per_edition_ratio", high=th.mart_row_ratio_max,
                         description="Each mart grows no more than the complete editions ingested since the last "
                         "run that passed explain (a backfill of a year may multiply rows; a day may not)."),
            ],
        )
    ]
    if any(t.name == "fct_groundbreaking_batch" for t in tables):
        specs.append(
            SuiteSpec(
                name="marts.fct_groundbreaking_batch",
                asset_name="marts_fct_groundbreaking_batch",
                query=f"select cast(batch_key as text) as {ROW_REF}, * from {MART_SCHEMA}.fct_groundbreaking_batch",
                expectations=[
                    gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                        column_A="total_investment_cny",
                        column_B="planned_investment_cny",
                        or_equal=True,
                        ignore_row_if="either_value_is_missing",
                        description="A batch's planned investment (e.g. for this year) does not exceed its "
                        "total investment.",
                    ),
                ],
            )
        )
    return specs


def suites_for(checkpoint: str, th: Thresholds | None = None) -> list[SuiteSpec]:
    th = th or Thresholds.from_env()
    builders = {"raw": raw_suites, "extraction": extraction_suites, "marts": mart_suites}
    if checkpoint not in builders:
        raise KeyError(f"unknown checkpoint {checkpoint!r}; expected one of {sorted(builders)}")
    return builders[checkpoint](th)
