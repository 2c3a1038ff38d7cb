"""int_article_versions_picked's two plans pick the same rows, and the size of the change chooses between them.

Why: the model reads a small change through the sources' indexes and a large
one by scanning them (dbt_project/macros/incremental_keys.sql, picked_change);
test_dbt_incremental proves the incremental build equals a full refresh on
the plan a small change takes. Here both plans run on the same change (every
kind: new dates, an article fetched again, one re-extracted, one reported
late), and each must give what a full refresh gives for the urls it picks.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import dbt_synthetic as syn
import pytest

from xiangmu import config
from xiangmu.transform import dbt
from xiangmu.warehouse.connect import connect

START = dt.date(2022, 3, 1)
FIRST_DAYS = 10
MORE_DAYS = 4
MODEL = "int_article_versions_picked"
# every column but changed_at (the time of the build)
COLUMNS = (
    "article_key, article_id, newspaper_code, edition_date, published_date, page_no, page_name, url, title, "
    "version_count, current_extractor_version, last_extracted_at"
)


def compiled(url: str, *args: str) -> tuple[str, str]:
    """The model's compiled select and what it logged about its plan (`dbt compile` with `args`)."""
    output = dbt.run_dbt(["compile", "--select", MODEL, *args], url)
    path = next((config.dbt_target_dir() / "compiled").rglob(f"{MODEL}.sql"))
    return path.read_text(encoding="utf-8"), output


def picked(url: str, query: str) -> list[tuple]:
    with connect(url) as conn:
        return conn.execute(f"select {COLUMNS} from ({query}) as picked order by url").fetchall()


@pytest.fixture(scope="module")
def changed(warehouse: str) -> str:
    """FIRST_DAYS of history built, then every kind of change staged and not built yet."""
    with connect(warehouse, autocommit=True) as conn:
        syn.load_history(conn, START, FIRST_DAYS)
    dbt.build(warehouse)
    with connect(warehouse, autocommit=True) as conn:
        syn.add_changes(conn, START, FIRST_DAYS, MORE_DAYS)
    return warehouse


def test_index_and_scan_plans_pick_what_a_full_refresh_gives(changed: str) -> None:
    by_index, _ = compiled(changed, "--vars", json.dumps({"pick_by_index_below": 10**9}))
    by_scan, _ = compiled(changed, "--vars", json.dumps({"pick_by_index_below": 0}))
    assert "= any(array(select" in by_index
    assert "= any(array(select" not in by_scan
    # the index plan has the marks as literals, read before planning
    assert re.search(r"article_id > \d+", by_index)

    index_rows, scan_rows = picked(changed, by_index), picked(changed, by_scan)
    assert index_rows == scan_rows

    full, _ = compiled(changed, "--full-refresh")
    everything = {row[7]: row for row in picked(changed, full)}
    urls = [row[7] for row in index_rows]
    # the change only: the new dates' articles and the three changed ones, not the history before them
    assert 0 < len(urls) < len(everything)
    assert {"https://hb.test/late/1.html", syn.history_url(START + dt.timedelta(days=3), "hbrb", 1)} <= set(urls)
    assert syn.history_articles(START, 2)[4].url in urls  # fetched again
    assert index_rows == [everything[u] for u in urls]


def test_the_size_of_the_change_chooses_the_plan(changed: str) -> None:
    with connect(changed) as conn:
        new_articles = conn.execute(
            "select count(*) from raw.articles where article_id > (select max(article_id) from intermediate."
            f"{MODEL})"
        ).fetchone()[0]
    assert new_articles > 0
    # the change counts at least its new articles: below that, the scan; above every source row, the index
    _, below = compiled(changed, "--vars", json.dumps({"pick_by_index_below": new_articles}))
    _, above = compiled(changed, "--vars", json.dumps({"pick_by_index_below": 10**9}))
    assert "scan plan" in below and "index plan" not in below
    assert "index plan" in above
