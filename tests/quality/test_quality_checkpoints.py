"""Checkpoints against real PostgreSQL: clean rows pass, each known defect is named."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import psycopg
import pytest
from quality_synthetic import add_edition, add_facts, add_good_day

from expectations.checkpoints import CHECKPOINTS
from expectations.run import ExpectationFailure, QualityResult, run_checkpoint
from expectations.suites import MART_SCHEMA, MART_TABLES

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _failure(result: QualityResult, suite: str, expectation_type: str, column: str) -> ExpectationFailure:
    matches = [
        f for f in result.failures if f.suite == suite and f.expectation_type == expectation_type and f.column == column
    ]
    assert matches, f"no failure {suite}/{expectation_type}/{column} in {[f.summary() for f in result.failures]}"
    return matches[0]


def _rows(observed: dict) -> dict[str, object]:
    """row_ref -> offending value, from an observed value of a column map expectation."""
    return {
        row["row_ref"]: next(v for k, v in row.items() if k != "row_ref")
        for row in observed["partial_unexpected_index_list"]
    }


def _add_defects(conn: psycopg.Connection) -> list[int]:
    """Bad rows in run 'run-bad': mojibake, empty body, absurd amount, unknown measure,
    a complete edition without pages or articles, and failed fetches."""
    bad_day = date(2026, 11, 23)
    ids = add_edition(
        conn,
        run_id="run-bad",
        day=bad_day,
        bodies=[
            "锟斤拷锟斤拷 石家庄市重点项目集中开工，总投资100亿元，涉及项目32个。",
            " \n\u3000 ",
            "Ã¤Â¸Â­ 河北省重点项目建设加速推进，全年完成投资超计划。",
        ],
        failures=1,
    )
    add_edition(conn, run_id="run-bad", newspaper="hbrb", day=bad_day, pages=0, bodies=[])
    add_facts(
        conn,
        ids[0],
        [{"amount_cny": 9e15}, {"measure": "estimated_gdp"}],
        run_id="run-bad",
    )
    return ids


def test_raw_and_extraction_pass_on_clean_rows(db: psycopg.Connection) -> None:
    add_good_day(db)
    raw = run_checkpoint("raw")
    assert raw.success, [f.summary() for f in raw.failures]
    assert raw.failures == []
    assert raw.evaluated_expectations >= 7

    extraction = run_checkpoint("extraction")
    assert extraction.success, [f.summary() for f in extraction.failures]
    assert extraction.data_docs_index.name == "index.html"
    assert extraction.data_docs_index.exists()

    # A run that staged and extracted nothing (a quiet day) passes too.
    assert run_checkpoint("raw", run_id="nothing-staged").success
    assert run_checkpoint("extraction", run_id="nothing-staged").success


def test_checks_the_warehouse_the_caller_names(db: psycopg.Connection, warehouse: str, monkeypatch) -> None:
    """The pipeline passes its connection's URL (xiangmu.pipeline.check): WAREHOUSE_URL is then never read."""
    add_good_day(db)
    monkeypatch.setenv("WAREHOUSE_URL", "postgresql://nobody@127.0.0.1:1/none")  # connecting here would fail
    for name in ("raw", "extraction"):
        result = run_checkpoint(name, url=warehouse, run_id="run-good")
        assert result.success, [f.summary() for f in result.failures]
        assert result.evaluated_expectations >= 7
    _add_defects(db)
    assert not run_checkpoint("raw", url=warehouse, run_id="run-bad").success  # it reads that warehouse's rows


def test_raw_checkpoint_names_each_defect_with_its_observed_value(db: psycopg.Connection) -> None:
    add_good_day(db)
    bad_ids = _add_defects(db)

    result = run_checkpoint("raw", run_id="run-bad")

    assert not result.success
    assert result.data_run_id == "run-bad"
    mojibake = _failure(result, "raw.articles", "expect_column_values_to_be_null", "mojibake_marker")
    assert _rows(mojibake.observed_value) == {
        f"article_id={bad_ids[0]}": "锟斤拷",
        f"article_id={bad_ids[2]}": "Ã",
    }
    empty = [f for f in result.failures if f.column == "body_chars"]
    assert len(empty) == 2  # non-empty and plausible length
    assert all(_rows(f.observed_value) == {f"article_id={bad_ids[1]}": 0} for f in empty)
    no_pages = _failure(result, "raw.editions", "expect_column_values_to_be_between", "page_rows")
    assert _rows(no_pages.observed_value) == {"hbrb 2026-11-23": 0}
    no_articles = _failure(result, "raw.editions", "expect_column_values_to_be_between", "article_rows")
    assert _rows(no_articles.observed_value) == {"hbrb 2026-11-23": 0}
    fetch = _failure(result, "raw.fetch_health", "expect_column_max_to_be_between", "fetch_error_rate")
    assert fetch.observed_value == pytest.approx(1 / (1 + 2 + 3))  # 1 failed, 2 pages, 3 articles
    assert {f.suite for f in result.failures} == {"raw.articles", "raw.editions", "raw.fetch_health"}
    assert "mojibake_marker" in str(result.to_dict())
    assert result.data_docs_index.exists()

    # The clean run's rows alone still pass: checks are scoped to the run under test.
    assert run_checkpoint("raw", run_id="run-good").success
    # Over the whole history the defects show again.
    assert not run_checkpoint("raw", run_id="run-good", whole_history=True).success


def test_extraction_checkpoint_names_absurd_amount_and_unknown_measure(db: psycopg.Connection) -> None:
    add_good_day(db)
    _add_defects(db)

    result = run_checkpoint("extraction")

    assert not result.success
    amount = _failure(result, "extraction.investment_facts", "expect_column_values_to_be_between", "amount_cny")
    assert [float(v) for v in _rows(amount.observed_value).values()] == [9e15]
    measure = _failure(result, "extraction.investment_facts", "expect_column_values_to_be_in_set", "measure")
    assert list(_rows(measure.observed_value).values()) == ["estimated_gdp"]
    assert len(result.failures) == 2, [f.summary() for f in result.failures]


def test_extraction_region_share_and_offsets(db: psycopg.Connection) -> None:
    ids = add_edition(db)
    add_facts(
        db,
        ids[0],
        [
            {"region": "某某地方", "region_code": None},
            {"region": "某某地方", "region_code": None},
            {"region": "石家庄高新技术产业开发区", "region_code": None},  # a zone: resolved, no code
            {"region": "未知", "region_code": None},
            *[{} for _ in range(5)],
            {"char_start": 50, "char_end": 50, "evidence": " "},
        ],
    )
    result = run_checkpoint("extraction")
    region = _failure(result, "extraction.region_resolution", "expect_column_values_to_be_between", "resolved_share")
    assert float(_rows(region.observed_value)["facts=10"]) == pytest.approx(7 / 10)  # 3 unresolved, 1 zone
    _failure(
        result, "extraction.investment_facts", "expect_column_pair_values_a_to_be_greater_than_b", "char_end,char_start"
    )
    _failure(result, "extraction.investment_facts", "expect_column_values_to_be_between", "evidence_chars")


MART_DDL = {
    "fct_investment_mention": "mention_id bigint, article_key text, region_key text, measure text, amount_cny numeric",
    "fct_investment_figure": "figure_key text, region_key text, measure text, amount_cny numeric",
    "fct_groundbreaking_batch": (
        "batch_key text, region_name text, event_date date, project_count int, total_investment_cny numeric,"
        " planned_investment_cny numeric, county_total_investment_cny numeric"
    ),
    "fct_project_milestone": "milestone_key text",
    "dim_region": "region_key text",
    "dim_project": "project_key text",
    "dim_article": "article_key text",
    "dim_newspaper": "newspaper_code text",
    "dim_date": "date_day date",
}


@pytest.fixture
def marts(db: psycopg.Connection) -> psycopg.Connection:
    """Minimal marts_candidate tables (the dbt project builds the real ones)."""
    assert {t.name for t in MART_TABLES} == set(MART_DDL)
    db.execute(f"drop schema if exists {MART_SCHEMA} cascade")
    db.execute("drop schema if exists quality cascade")
    db.execute(f"create schema {MART_SCHEMA}")
    for table, columns in MART_DDL.items():
        db.execute(f"create table {MART_SCHEMA}.{table} ({columns})")
    for n in range(20):
        db.execute(
            f"insert into {MART_SCHEMA}.fct_investment_mention values (%s, %s, 'r1', 'total_investment', 5e9)",
            (n, f"a{n}"),
        )
        db.execute(
            f"insert into {MART_SCHEMA}.fct_investment_figure values (%s, 'r1', 'total_investment', 5e9)", (f"f{n}",)
        )
        db.execute(f"insert into {MART_SCHEMA}.dim_article values (%s)", (f"a{n}",))
        db.execute(f"insert into {MART_SCHEMA}.dim_project values (%s)", (f"p{n}",))
        db.execute(f"insert into {MART_SCHEMA}.fct_project_milestone values (%s)", (f"m{n}",))
        db.execute(f"insert into {MART_SCHEMA}.dim_date values (date '2026-01-01' + %s)", (n,))
    db.execute(
        f"insert into {MART_SCHEMA}.fct_groundbreaking_batch values"
        " ('b1', '石家庄市', '2026-11-22', 86, 5.683e10, 1.62e10, 2.0e10),"
        " ('b2', '正定县', '2026-11-22', 12, 2.0e10, 5e9, null)"
    )
    db.execute(f"insert into {MART_SCHEMA}.dim_region values ('r1'), ('r2')")
    db.execute(f"insert into {MART_SCHEMA}.dim_newspaper values ('sjzrb'), ('hbrb')")
    return db


def test_marts_checkpoint_row_counts_and_batch_totals(marts: psycopg.Connection) -> None:
    first = run_checkpoint("marts", run_id="marts-1")
    assert first.success, [f.summary() for f in first.failures]
    counts = dict(marts.execute("select table_name, row_count from quality.mart_row_counts").fetchall())
    assert counts["fct_investment_mention"] == 20

    # A shrunken mart, inconsistent batch totals, and a duplicate key (dbt's unique test, not GX's).
    marts.execute(f"delete from {MART_SCHEMA}.fct_investment_mention where mention_id >= 5")
    marts.execute(f"insert into {MART_SCHEMA}.dim_region values ('r1')")
    marts.execute(
        f"update {MART_SCHEMA}.fct_groundbreaking_batch"
        " set planned_investment_cny = 9e10, county_total_investment_cny = 7e10 where batch_key = 'b1'"
    )
    second = run_checkpoint("marts", run_id="marts-2")

    assert not second.success
    ratio = _failure(second, "marts.row_counts", "expect_column_values_to_be_between", "row_count_ratio")
    assert float(_rows(ratio.observed_value)["fct_investment_mention"]) == pytest.approx(5 / 20)
    planned = _failure(
        second,
        "marts.fct_groundbreaking_batch",
        "expect_column_pair_values_a_to_be_greater_than_b",
        "total_investment_cny,planned_investment_cny",
    )
    assert planned.observed_value["unexpected_count"] == 1
    # keys and the county rollup are dbt tests (unique, assert_county_items_within_city_total)
    assert {(f.suite, f.column) for f in second.failures} == {
        ("marts.row_counts", "row_count_ratio"),
        ("marts.fct_groundbreaking_batch", "total_investment_cny,planned_investment_cny"),
    }

    # The failed run is recorded but not used as the baseline: the ratio still compares with run 1.
    passed = marts.execute("select run_id, passed from quality.mart_row_counts group by 1, 2 order by 1").fetchall()
    assert passed == [("marts-1", True), ("marts-2", False)]
    assert second.data_docs_index.exists()


def _grow(conn: psycopg.Connection, table_rows: int, editions: int, start: int) -> None:
    """More mentions, and `editions` more complete editions they came from."""
    for n in range(start, start + table_rows):
        conn.execute(
            f"insert into {MART_SCHEMA}.fct_investment_mention values (%s, %s, 'r1', 'total_investment', 5e9)",
            (n, f"a{n}"),
        )
    for n in range(editions):
        conn.execute(
            "insert into raw.editions (newspaper, edition_date, entry_url, status, run_id)"
            " values ('sjzrb', date '2020-01-01' + %s, 'http://paper.test/', 'complete', 'grow')",
            (start + n,),
        )


def test_marts_growth_is_judged_against_the_editions_ingested(marts: psycopg.Connection) -> None:
    _grow(marts, 0, 2, 1000)  # two editions behind the fixture's 20 mentions
    assert run_checkpoint("marts", run_id="day-1").success

    # a day that brings one edition but ten times the mentions: an anomaly
    _grow(marts, 180, 1, 2000)
    day = run_checkpoint("marts", run_id="day-2")
    growth = _failure(day, "marts.row_counts", "expect_column_values_to_be_between", "growth_per_edition_ratio")
    assert float(_rows(growth.observed_value)["fct_investment_mention"]) == pytest.approx((200 / 20) / (3 / 2))

    # a backfill of sixty editions explains the same growth: not an anomaly
    _grow(marts, 0, 57, 3000)
    backfill = run_checkpoint("marts", run_id="backfill")
    assert backfill.success, [f.summary() for f in backfill.failures]


def test_amount_outliers_against_history(db: psycopg.Connection) -> None:
    history = add_edition(db, run_id="history", bodies=["项目"] * 8)
    for article_id in history:
        add_facts(db, article_id, [{"amount_cny": 5e9 + 1e8 * k} for k in range(5)], run_id="history")
    today = add_edition(db, run_id="today", day=date(2026, 11, 24))
    # 6e12: plausible on its own (below amount_cny_max), but 1,000 times the usual total investment
    add_facts(db, today[0], [{"amount_cny": 6e9}, {"amount_cny": 6e12}], run_id="today")

    result = run_checkpoint("extraction", run_id="today")

    outlier = _failure(result, "extraction.amount_outliers", "expect_column_values_to_be_between", "amount_vs_history")
    ratios = _rows(outlier.observed_value)
    assert len(ratios) == 1  # the ordinary 6e9 of the same run is not flagged
    assert float(next(iter(ratios.values()))) == pytest.approx(6e12 / 5.195e9, rel=1e-3)  # history median
    assert [f.suite for f in result.failures] == ["extraction.amount_outliers"]


def test_edition_volume_against_the_papers_usual_edition(db: psycopg.Connection) -> None:
    for n in range(30):
        db.execute(
            "insert into raw.editions (newspaper, edition_date, entry_url, status, article_count, run_id)"
            " values ('sjzrb', date '2026-01-01' + %s, 'http://paper.test/', 'complete', 40 + %s %% 5, 'history')",
            (n, n),
        )
    add_edition(db, run_id="thin", day=date(2026, 11, 24))  # lists 2 articles where 40 are usual
    result = run_checkpoint("raw", run_id="thin")
    volume = _failure(result, "raw.edition_volume", "expect_column_values_to_be_between", "article_volume_ratio")
    assert float(_rows(volume.observed_value)["sjzrb 2026-11-24"]) == pytest.approx(2 / 42)
    # a backfill of ordinary editions is not an anomaly, however many there are
    assert not [f for f in run_checkpoint("raw", run_id="history").failures if f.suite == "raw.edition_volume"]


def test_runs_do_not_rewrite_the_committed_context(marts: psycopg.Connection) -> None:
    """GX writes assets back into great_expectations.yml; the committed file must already match."""
    for name in CHECKPOINTS:
        run_checkpoint(name)
    used = Path(os.environ["XIANGMU_GX_DIR"]) / "gx" / "great_expectations.yml"
    committed = PROJECT_ROOT / "expectations" / "gx" / "great_expectations.yml"
    assert used.read_text("utf-8") == committed.read_text("utf-8"), (
        "A query in expectations/suites.py changed: run each checkpoint once against the repo "
        "context (python -m expectations.run raw|extraction|marts) and commit "
        "expectations/gx/great_expectations.yml."
    )


def test_missing_mart_fails_with_the_database_error(marts: psycopg.Connection) -> None:
    marts.execute(f"drop table {MART_SCHEMA}.dim_project")
    result = run_checkpoint("marts")
    assert not result.success
    missing = _failure(result, "marts.row_counts", "expect_column_values_to_be_between", "row_count_ratio")
    assert "does not exist" in missing.observed_value["error"]


def _seq_scanned(plan: dict) -> set[str]:
    """Tables a query read whole when it ran (Seq Scan nodes that executed), anywhere in its plan."""
    found = {plan["Relation Name"]} if plan["Node Type"] == "Seq Scan" and plan["Actual Loops"] else set()
    for child in plan.get("Plans", []):
        found |= _seq_scanned(child)
    return found


@pytest.mark.parametrize("checkpoint", ["raw", "extraction"])
def test_run_scoped_checks_read_only_the_run(db: psycopg.Connection, checkpoint: str) -> None:
    """With a run set, no check reads a whole raw or extract table: its cost follows the run, not the history.

    Sequential scans are priced out (enable_seqscan off), so a query that still
    scans a table when it runs has no other way to find the run's rows, as with
    a predicate that hides the run id from the planner (`no run set or run_id =
    the run`). A scan PostgreSQL plans but never runs (the whole-history branch,
    gated on no run being set) does not count.
    """
    from expectations.context import DATA_RUN_SETTING
    from expectations.suites import suites_for

    add_good_day(db)
    db.execute(f"set {DATA_RUN_SETTING} = 'run-good'")
    db.execute("set enable_seqscan = off")
    try:
        scanned = {}
        for spec in suites_for(checkpoint):
            plan = db.execute(f"explain (analyze, format json) {spec.query}").fetchone()[0][0]["Plan"]
            scanned[spec.name] = _seq_scanned(plan) - {"editions"}  # raw.editions: 2 rows a day, read whole
        assert scanned == {spec.name: set() for spec in suites_for(checkpoint)}
    finally:
        db.execute("reset enable_seqscan")
        db.execute(f"reset {DATA_RUN_SETTING}")


def test_data_docs_are_built_once_per_checkpoint_run_with_a_page_per_suite(
    db: psycopg.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One site build per run, not one per suite (issue 15: it was 8 of the extraction check's 9.6 s)."""
    from great_expectations.data_context import AbstractDataContext

    from expectations.suites import suites_for

    add_good_day(db, run_id="docs-once-run")
    builds: list[list] = []
    real_build = AbstractDataContext.build_data_docs

    def counted(self, *args, **kwargs):
        builds.append(list(kwargs.get("resource_identifiers") or []))
        return real_build(self, *args, **kwargs)

    monkeypatch.setattr(AbstractDataContext, "build_data_docs", counted)
    result = run_checkpoint("extraction", run_id="docs-once-run")
    suites = {spec.name for spec in suites_for("extraction")}
    assert len(suites) >= 5
    assert len(builds) == 1, f"{len(builds)} Data Docs builds for one checkpoint run"
    assert len(builds[0]) == 2 * len(suites)  # each suite's result and the suite itself
    pages = [p for p in (result.data_docs_index.parent / "validations").rglob("*.html") if "docs-once-run" in str(p)]
    assert len(pages) == len(suites), pages
    assert "docs-once-run" in result.data_docs_index.read_text(encoding="utf-8")
