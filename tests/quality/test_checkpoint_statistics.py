"""The run-scoped checkpoints validate on current statistics after a bulk load (expectations.run.TABLES_READ).

Real PostgreSQL with autovacuum off on raw.articles, so that only the checkpoint can analyze it. Why: a
backfill's raw check, planned on the statistics of the day before its load, took 2.55 s to validate
four months of articles in `bench_backfill` (0.6 s once analyzed) and 19.7 s for a year.
"""

from __future__ import annotations

import psycopg

from expectations.run import TABLES_READ, run_checkpoint


def column_statistics(conn: psycopg.Connection, table: str) -> str | None:
    """The transaction that wrote the table's column statistics; None if never analyzed."""
    return conn.execute(
        "select max(xmin::text) from pg_statistic where starelid = %s::regclass", (table,)
    ).fetchone()[0]


def test_raw_checkpoint_analyzes_what_a_backfill_loaded(db: psycopg.Connection) -> None:
    assert "raw.articles" in TABLES_READ["raw"]
    db.execute("alter table raw.articles set (autovacuum_enabled = false)")
    try:
        db.execute(
            "insert into raw.articles (newspaper, edition_date, page_no, url, title, body_text,"
            " http_status, content_hash, raw_html, fetched_at, run_id)"
            " select 'sjzrb', date '2024-01-01' + n / 60, '01', 'http://paper.test/' || n || '.html', '标题',"
            " '本报讯 赵县集中开工项目10个。', 200, md5(n::text), '<html></html>', now(), 'backfill'"
            " from generate_series(1, 600) n"
        )
        db.execute("select pg_stat_force_next_flush()")
        assert column_statistics(db, "raw.articles") is None
        run_checkpoint("raw", run_id="backfill")
        analyzed = column_statistics(db, "raw.articles")
        assert analyzed is not None
        run_checkpoint("raw", run_id="backfill")  # nothing changed since: not analyzed again
        assert column_statistics(db, "raw.articles") == analyzed
    finally:
        db.execute("alter table raw.articles reset (autovacuum_enabled)")
