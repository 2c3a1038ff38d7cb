"""The bench's years of history are the warehouse's own dates copied back in time, whole and consistent.

Why: `make bench` times a daily run on five years of history built this way
(bench/history.py); were a copy to lose an article's facts, reuse a URL (one
article for the marts) or an id, or leave a date outside the years asked for,
the figure would be about another warehouse than the one it names.
"""

from __future__ import annotations

import datetime as dt

import history  # bench/ is on pytest's pythonpath (pyproject.toml)

from xiangmu.warehouse import connect

FIRST = dt.date(2023, 1, 1)


def _stage(conn, day: dt.date, articles: int) -> None:
    """An edition of `articles` articles, each extracted with one fact per article number."""
    conn.execute("insert into raw.editions (newspaper, edition_date, entry_url, status, article_count, run_id) "
                 "values ('sjzrb', %s, %s, 'complete', %s, 'r1')", (day, f"http://x/{day}/index.htm", articles))
    conn.execute("insert into raw.pages (newspaper, edition_date, page_no, url, http_status, content_hash, raw_html, "
                 "fetched_at, run_id) values ('sjzrb', %s, '1', %s, 200, 'p', '<html/>', now(), 'r1')",
                 (day, f"http://x/{day}/node_1.htm"))
    for n in range(1, articles + 1):
        (article_id,) = conn.execute(
            "insert into raw.articles (newspaper, edition_date, url, body_text, published_date, http_status, "
            "content_hash, raw_html, fetched_at, run_id) values ('sjzrb', %s, %s, '某县项目', %s, 200, 'a', "
            "'<html/>', now(), 'r1') returning article_id", (day, f"http://x/{day}/content_{n}.htm", day)).fetchone()
        conn.execute("insert into extract.article_extractions (article_id, extractor_version, fact_count, run_id) "
                     "values (%s, 'v1', %s, 'r1')", (article_id, n))
        for i in range(n):
            conn.execute("insert into extract.investment_facts (article_id, extractor_version, fact_index, subject, "
                         "measure, amount_cny, period_start, evidence, char_start, char_end, run_id) values "
                         "(%s, 'v1', %s, 'portfolio', 'total_investment', 100000000, %s, '某县项目', 0, 4, 'r1')",
                         (article_id, i, day))


def test_history_copies_every_date_back_with_its_articles_and_facts(private_warehouse: str) -> None:
    with connect(private_warehouse, autocommit=True) as conn:
        for offset in range(3):
            _stage(conn, FIRST + dt.timedelta(days=offset), articles=offset + 1)  # 1 + 2 + 3 articles
    made = history.extend(private_warehouse, years=0.1)  # 36 days before the first: 12 blocks of the 3 dates

    assert made["history_from"] == (FIRST - dt.timedelta(days=36)).isoformat()
    with connect(private_warehouse, autocommit=True) as conn:
        dates = [d for (d,) in conn.execute("select distinct edition_date from raw.editions order by 1")]
        assert dates == [FIRST - dt.timedelta(days=n) for n in range(36, -3, -1)]  # every day, none older
        counts = dict(conn.execute("select edition_date, count(*) from raw.articles group by 1").fetchall())
        # each copied date holds what its source date holds (the three dates repeat every three days)
        assert all(counts[day] == (day - FIRST).days % 3 + 1 for day in dates)
        # an article's facts and extraction came with it, under the article's own new id
        bad = conn.execute(
            "select count(*) from raw.articles a join extract.article_extractions e using (article_id) "
            "where e.fact_count <> (select count(*) from extract.investment_facts f where f.article_id = a.article_id)"
            " or a.published_date <> a.edition_date").fetchone()[0]
        assert bad == 0
        assert conn.execute("select count(*) from extract.investment_facts f join raw.articles a using (article_id) "
                            "where f.period_start <> a.edition_date").fetchone()[0] == 0
        urls, distinct = conn.execute("select count(*), count(distinct url) from raw.articles").fetchone()
        assert urls == distinct == sum(counts.values()) == made["rows"]["raw.articles"] + 6
        # run-scoped checks never read the copies; the originals are untouched
        assert conn.execute("select count(*) from raw.articles where run_id = 'r1'").fetchone()[0] == 6
        # the identities go on past the copies: the next load works
        _stage(conn, FIRST + dt.timedelta(days=3), articles=1)
