"""Planner statistics brought up to date after a bulk load (xiangmu.warehouse.statistics).

Real PostgreSQL; autovacuum is switched off on the tables involved, so that only the code under
test can analyze them.  Why it matters: ``make bench`` (j) once spent 525 s per shard reading 64
new articles, on a pending-articles query planned on the statistics of a month before 5 years of
history were loaded.
"""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest

import xiangmu.load.facts as loader
from xiangmu.extract import EXTRACTOR_VERSION
from xiangmu.warehouse import connect
from xiangmu.warehouse.statistics import analyze_stale, stale_tables

PROBE = "public.stat_probe"


def analyzed(conn: psycopg.Connection, table: str) -> tuple[int, float]:
    """(times analyzed by hand, rows the planner believes the table has)."""
    schema, name = table.split(".")
    return conn.execute(
        "select t.analyze_count, c.reltuples from pg_stat_user_tables t join pg_class c on c.oid = t.relid"
        " where t.schemaname = %s and t.relname = %s",
        (schema, name),
    ).fetchone()


@pytest.fixture()
def probe(private_warehouse: str):
    with connect(private_warehouse, autocommit=True) as conn:
        conn.execute(f"drop table if exists {PROBE}")
        conn.execute(f"create table {PROBE} (id int) with (autovacuum_enabled = false)")
        yield conn
        conn.execute(f"drop table {PROBE}")


def test_stale_follows_autovacuums_rule(probe: psycopg.Connection) -> None:
    probe.execute(f"insert into {PROBE} select generate_series(1, 1000)")
    assert stale_tables(probe, [PROBE]) == [PROBE]  # never analyzed, 1000 rows changed
    assert analyze_stale(probe, [PROBE]) == [PROBE]
    assert analyzed(probe, PROBE) == (1, 1000.0)
    assert stale_tables(probe, [PROBE]) == []
    # 50 + 10% of 1000 rows: 140 more changed rows are not enough, 160 are
    probe.execute(f"insert into {PROBE} select generate_series(1, 140)")
    assert analyze_stale(probe, [PROBE]) == []
    probe.execute(f"update {PROBE} set id = -id where id <= 20")
    assert analyze_stale(probe, [PROBE]) == [PROBE]
    assert analyzed(probe, PROBE) == (2, 1140.0)


def test_a_tables_own_thresholds_count(probe: psycopg.Connection) -> None:
    probe.execute(f"insert into {PROBE} select generate_series(1, 1000)")
    analyze_stale(probe, [PROBE])
    probe.execute(f"alter table {PROBE} set (autovacuum_analyze_threshold = 5, autovacuum_analyze_scale_factor = 0)")
    probe.execute(f"delete from {PROBE} where id <= 6")
    assert stale_tables(probe, [PROBE]) == [PROBE]


def test_writes_of_another_session_count(private_warehouse: str, probe: psycopg.Connection) -> None:
    with connect(private_warehouse, autocommit=True) as other:
        other.execute(f"insert into {PROBE} select generate_series(1, 500)")
        other.execute("select pg_stat_force_next_flush()")  # as a session that goes idle or ends does
        other.execute("select 1")
    assert stale_tables(probe, [PROBE]) == [PROBE]


@pytest.fixture()
def bulk_loaded(private_warehouse: str):
    """3,000 articles loaded at once, all but two already extracted, and autovacuum off on both tables."""
    tables = ("raw.articles", "extract.article_extractions")
    with connect(private_warehouse, autocommit=True) as conn:
        conn.execute("truncate raw.articles restart identity cascade")
        for t in tables:
            conn.execute(f"alter table {t} set (autovacuum_enabled = false)")
        conn.execute("analyze raw.articles")
        conn.execute("analyze extract.article_extractions")  # the statistics of empty tables
        conn.execute(
            "insert into raw.articles (newspaper, edition_date, page_no, url, title, body_text,"
            " http_status, content_hash, raw_html, fetched_at)"
            " select 'sjzrb', %s, '01', 'http://paper.test/' || n || '.html', '标题',"
            " '本报讯 赵县集中开工项目10个，总投资30亿元。', 200, md5(n::text), '<html></html>', now()"
            " from generate_series(1, 3000) n",
            (dt.date(2024, 5, 6),),
        )
        conn.execute(
            "insert into extract.article_extractions (article_id, extractor_version, fact_count, run_id)"
            " select article_id, %s, 1, 'bulk' from raw.articles where article_id <= 2998",
            (EXTRACTOR_VERSION,),
        )
        yield conn
        for t in tables:
            conn.execute(f"alter table {t} reset (autovacuum_enabled)")


def test_extraction_reads_after_a_bulk_load_on_current_statistics(bulk_loaded: psycopg.Connection) -> None:
    before = analyzed(bulk_loaded, "raw.articles")
    assert before[1] == 0  # the planner still believes the table is empty
    result = loader.extract_pending(bulk_loaded, run_id="daily")
    assert result["articles"] == 2 and result["extracted"] == 2
    count, rows = analyzed(bulk_loaded, "raw.articles")
    assert (count, rows) == (before[0] + 1, 3000.0)
    # analyzed before the pending query read it; the run's own 2 marks are too few to analyze again
    assert analyzed(bulk_loaded, "extract.article_extractions")[1] == 2998.0
    # a daily run after it (a few new articles) finds nothing stale and analyzes nothing
    loader.extract_pending(bulk_loaded, run_id="next")
    assert analyzed(bulk_loaded, "raw.articles")[0] == count
