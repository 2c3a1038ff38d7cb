"""A dbt build analyzes the tables it changed wholesale, and no incremental table on a daily build
(macros/analyze_if_stale.sql).

Real PostgreSQL with autovacuum off, so that only the build can analyze. Why
it matters: after a full refresh the tests and models downstream ran on no
column statistics at all; `make bench` (j) found a scoped unique test taking
1.35 s instead of 0.5 ms on 5 years of history. Whether a table was analyzed
is read from pg_statistic, written in the analyzing transaction (CREATE INDEX
already sets pg_class.reltuples, so the row estimate alone proves nothing).
"""

from __future__ import annotations

import datetime as dt
import json

import dbt_synthetic as syn
import pytest

from xiangmu import config
from xiangmu.transform import dbt
from xiangmu.warehouse.connect import connect

START = dt.date(2022, 3, 1)
SCHEMAS = ("intermediate", "marts_candidate")
# autovacuum's own threshold on a table never analyzed (autovacuum_analyze_threshold)
THRESHOLD = 50
# Incremental tables with a row per article or fact, which a day's articles change by far less than 10%
# (the marts keyed by project rewrite every project a day's facts touch: with the synthetic data's
# few projects, much of their table, which is then rightly analyzed again).
PER_ROW = {
    "intermediate.int_article_versions_picked",
    "intermediate.int_facts_joined_to_articles",
    "intermediate.int_facts_joined_to_regions",
    "intermediate.int_project_names_normalized",
    "marts_candidate.dim_article",
    "marts_candidate.fct_investment_mention",
}


def table_statistics(url: str) -> dict[str, tuple[int, str | None]]:
    """Each model table: (rows, the transaction that wrote its column statistics, None if never analyzed)."""
    with connect(url, autocommit=True) as conn:
        tables = conn.execute(
            "select c.oid, n.nspname || '.' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
            " where n.nspname = any(%s) and c.relkind = 'r' and c.relname <> 'incremental_watermarks'",
            (list(SCHEMAS),),
        ).fetchall()
        out = {}
        for oid, name in tables:
            rows = conn.execute(f"select count(*) from {name}").fetchone()[0]
            written = conn.execute(
                "select max(xmin::text) from pg_statistic where starelid = %s", (oid,)
            ).fetchone()[0]
            out[name] = (rows, written)
        return out


def incremental_tables() -> set[str]:
    """The tables of the incremental models, from the manifest of the last build (table models are rebuilt whole)."""
    manifest = json.loads((config.dbt_target_dir() / "manifest.json").read_text(encoding="utf-8"))
    return {
        f"{node['schema']}.{node['alias']}"
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["config"]["materialized"] == "incremental"
    }


@pytest.fixture(scope="module")
def quiet(warehouse: str) -> str:
    """The module's own server with autovacuum off and a few weeks of history staged."""
    with connect(warehouse, autocommit=True) as conn:
        conn.execute("alter system set autovacuum = off")
        conn.execute("select pg_reload_conf()")
        syn.load_history(conn, START, 14)
    return warehouse


def test_a_first_build_analyzes_every_table_it_filled(quiet: str) -> None:
    dbt.build(quiet)
    stats = table_statistics(quiet)
    big = {name for name, (rows, _) in stats.items() if rows > THRESHOLD}
    assert {"intermediate.int_project_names_normalized", "marts_candidate.fct_investment_mention"} <= big
    assert [name for name in sorted(big) if stats[name][1] is None] == []


def test_a_build_with_little_new_analyzes_no_incremental_table(quiet: str) -> None:
    before = table_statistics(quiet)
    dbt.build(quiet)  # nothing new
    with connect(quiet, autocommit=True) as conn:
        syn.add_changes(conn, START, 14, 1)  # a day's articles: far fewer than 10% of any table
    dbt.build(quiet)
    after = table_statistics(quiet)
    incremental = incremental_tables()
    assert incremental >= PER_ROW
    assert {name: after[name][1] for name in PER_ROW} == {name: before[name][1] for name in PER_ROW}
    # a table model is a new table on every build: analyzed again, or its statistics would be gone
    rebuilt = {name for name, (rows, _) in after.items() if name not in incremental and rows > THRESHOLD}
    assert rebuilt and all(after[name][1] not in (None, before[name][1]) for name in rebuilt)
