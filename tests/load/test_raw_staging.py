"""Staging editions into `raw`: outcomes recorded, idempotent, crash-safe.

Real PostgreSQL, real HTTP server (the sample archive), real scraper.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from raw_loading import RAW_TABLES, stage

from xiangmu.load.raw import EditionIncomplete
from xiangmu.local.sample_server import DEFAULT_ROOT, FaultRule
from xiangmu.warehouse import connect

MANIFEST = json.loads((DEFAULT_ROOT / "manifest.json").read_text("utf-8"))


def counts(url: str, paper: str, day: str) -> dict[str, int]:
    with connect(url) as conn:
        return {
            table: conn.execute(
                f"select count(*) from raw.{table} where newspaper = %s and edition_date = %s", (paper, day)
            ).fetchone()[0]
            for table in RAW_TABLES
        }


def test_complete_edition_then_rerun_adds_nothing(private_warehouse, archive, client):
    _, base = archive
    day = "2023-08-07"
    expected_pages = len(MANIFEST["papers"]["sjzrb"]["pages"][day])
    expected_articles = MANIFEST["papers"]["sjzrb"]["article_count"][day]

    outcome = stage(private_warehouse, base, "sjzrb", day, client, run_id="r1")
    assert outcome.status == "complete"
    assert (outcome.pages, outcome.articles) == (expected_pages, expected_articles)
    first = counts(private_warehouse, "sjzrb", day)
    assert first == {"editions": 1, "pages": expected_pages, "articles": expected_articles, "fetch_log": 0}

    assert stage(private_warehouse, base, "sjzrb", day, client, run_id="r2").status == "skipped"
    forced = stage(private_warehouse, base, "sjzrb", day, client, run_id="r3", force=True)
    assert forced.status == "complete"
    assert counts(private_warehouse, "sjzrb", day) == first
    with connect(private_warehouse) as conn:
        lineage = conn.execute(
            "select count(*) from raw.articles where run_id = 'r1' and http_status = 200"
            " and length(content_hash) = 64 and raw_html like '%%<html%%' and length(body_text) > 0"
            " and newspaper = 'sjzrb' and edition_date = %s",
            (day,),
        ).fetchone()[0]
    assert lineage == expected_articles


def test_persistent_5xx_is_partial_with_each_failure_recorded(private_warehouse, archive, client):
    server, base = archive
    paper, day = "hbrb", "2023-08-08"
    # Every request for the first article page of page 2 fails, through all retries.
    server.state.add_rule(FaultRule(path=r"layout/202308/08/node_02\.html$", kind="status", status=503))
    try:
        outcome = stage(private_warehouse, base, paper, day, client, run_id="p1")
    finally:
        server.state.clear()
    assert outcome.status == "partial"
    assert any("node_02.html" in f and "503" in f for f in outcome.failures)
    with pytest.raises(EditionIncomplete, match="partial"):
        raise EditionIncomplete(outcome)
    with connect(private_warehouse) as conn:
        log = conn.execute(
            "select url, http_status, attempts from raw.fetch_log where newspaper = %s and edition_date = %s",
            (paper, day),
        ).fetchall()
        status = conn.execute(
            "select status from raw.editions where newspaper = %s and edition_date = %s", (paper, day)
        ).fetchall()
    assert [(u.endswith("node_02.html"), s, a) for u, s, a in log] == [(True, 503, 2)]
    assert status == [("partial",)]

    # Once the site recovers, a plain rerun (partial is never skipped) completes the edition.
    again = stage(private_warehouse, base, paper, day, client, run_id="p2")
    assert again.status == "complete"
    c = counts(private_warehouse, paper, day)
    assert c["articles"] == MANIFEST["papers"][paper]["article_count"][day]
    assert c["pages"] == len(MANIFEST["papers"][paper]["pages"][day])


def test_no_edition_recorded_then_final(private_warehouse, archive, client):
    _, base = archive
    for paper in ("sjzrb", "hbrb"):
        day = MANIFEST["papers"][paper]["no_edition_dates"][0]
        assert stage(private_warehouse, base, paper, day, client).status == "no_edition"
        assert stage(private_warehouse, base, paper, day, client).status == "skipped"
        assert counts(private_warehouse, paper, day)["editions"] == 1


KILLED_SCRAPE = """
import datetime as dt, sys
from scrapers.http import PoliteClient
from scrapers.registry import get_source
from xiangmu.load.raw import stage_edition
from xiangmu.warehouse import connect
url, base, day = sys.argv[1:4]
with connect(url, autocommit=True) as conn, PoliteClient(min_interval=0.0, timeout=120) as client:
    stage_edition(conn, get_source("sjzrb"), dt.date.fromisoformat(day), base_url=base + "/sjzrb",
                  client=client, run_id="killed")
"""


def test_killed_mid_edition_then_rerun_gives_exact_rows(private_warehouse, archive, client):
    server, base = archive
    day = "2023-08-09"
    pages = MANIFEST["papers"]["sjzrb"]["pages"][day]
    # The third page hangs, so the scrape is killed with two pages committed.
    server.state.add_rule(FaultRule(path=r"layout/202308/09/node_03\.html$", kind="delay", delay=60, times=1))
    proc = subprocess.Popen([sys.executable, "-c", KILLED_SCRAPE, private_warehouse, base, day],
                            env=dict(os.environ), start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not server.state.requests_for(r"202308/09/node_03"):
            time.sleep(0.1)
        assert server.state.requests_for(r"202308/09/node_03"), "scrape never reached page 3"
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        server.state.clear()
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    partial = counts(private_warehouse, "sjzrb", day)
    assert partial["pages"] == 2 and partial["editions"] == 0
    assert 0 < partial["articles"] < MANIFEST["papers"]["sjzrb"]["article_count"][day]

    outcome = stage(private_warehouse, base, "sjzrb", day, client, run_id="after-kill")
    assert outcome.status == "complete"
    final = counts(private_warehouse, "sjzrb", day)
    assert final == {"editions": 1, "pages": len(pages),
                     "articles": MANIFEST["papers"]["sjzrb"]["article_count"][day], "fetch_log": 0}
    with connect(private_warehouse) as conn:
        dupes = conn.execute("select count(*) - count(distinct url) from raw.articles").fetchone()[0]
    assert dupes == 0
