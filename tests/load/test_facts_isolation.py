"""Extraction into the warehouse, one article at a time: a bad article never costs the batch.

Real PostgreSQL.  Extractor bugs are simulated by wrapping the real extractor (after issue 12
no known input crashes it); storage failures are real (PostgreSQL refusing a NUL byte, the
project-count bound).  All texts are invented.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import psycopg
import pytest

import xiangmu.load.facts as loader
from xiangmu.extract import EXTRACTOR_VERSION, extract_facts
from xiangmu.warehouse import connect

DAY = dt.date(2024, 5, 6)
GOOD = "本报讯 5月5日，赵县集中开工项目10个，总投资30亿元。"
OTHER = "本报讯 5月5日，晋州市集中开工项目8个，总投资12亿元。"
BOOM = "本报讯 BOOM 赵县开工项目3个，总投资5亿元。"


@pytest.fixture()
def conn(private_warehouse):
    with connect(private_warehouse, autocommit=True) as c:
        c.execute("truncate raw.articles restart identity cascade")
        yield c


def add_articles(conn: psycopg.Connection, *bodies: str) -> list[int]:
    ids = []
    for n, body in enumerate(bodies):
        digest = hashlib.sha256(f"{n}{body}".encode()).hexdigest()
        ids.append(
            conn.execute(
                "insert into raw.articles (newspaper, edition_date, page_no, url, title, body_text,"
                " http_status, content_hash, raw_html, fetched_at)"
                " values ('sjzrb', %s, '01', %s, '标题', %s, 200, %s, '<html></html>', now()) returning article_id",
                (DAY, f"http://paper.test/{digest[:12]}.html", body, digest),
            ).fetchone()[0]
        )
    return ids


def stored(conn: psycopg.Connection) -> dict[int, int]:
    """article_id -> facts stored (for the current extractor version)."""
    rows = conn.execute(
        "select article_id, count(*) from extract.investment_facts where extractor_version = %s group by 1",
        (EXTRACTOR_VERSION,),
    ).fetchall()
    return dict(rows)


def failures(conn: psycopg.Connection) -> list[tuple]:
    return conn.execute(
        "select article_id, extractor_version, error_kind, error, attempts, resolved_at is not null"
        " from extract.failed_articles order by article_id, extractor_version"
    ).fetchall()


@pytest.fixture()
def booming(monkeypatch):
    """The extractor raises on bodies containing BOOM; counts its calls per body."""
    calls: list[str] = []
    real = loader.extract_facts

    def fake(text, published, newspaper):
        calls.append(text)
        if "BOOM" in text:
            raise OverflowError("simulated extractor bug")
        return real(text, published, newspaper)

    monkeypatch.setattr(loader, "extract_facts", fake)
    return calls


def test_a_failing_article_is_recorded_and_the_rest_of_the_batch_is_stored(conn, booming) -> None:
    good, bad, other = add_articles(conn, GOOD, BOOM, OTHER)
    summary = loader.extract_pending(conn, run_id="r1")
    assert (summary["articles"], summary["extracted"], summary["failed"]) == (3, 2, 1)
    assert stored(conn) == {good: 1, other: 1}
    [(aid, version, kind, error, attempts, resolved)] = failures(conn)
    assert (aid, version, kind, attempts, resolved) == (bad, EXTRACTOR_VERSION, "error", 1, False)
    assert "OverflowError" in error and "simulated extractor bug" in error
    marks = conn.execute("select article_id from extract.article_extractions order by 1").fetchall()
    assert marks == [(good,), (other,)]


def test_a_failed_article_is_not_retried_until_asked(conn, booming, monkeypatch) -> None:
    _, bad = add_articles(conn, GOOD, BOOM)
    loader.extract_pending(conn, run_id="r1")
    booming.clear()
    again = loader.extract_pending(conn, run_id="r2")
    assert (again["articles"], again["failed"]) == (0, 0)
    assert booming == [], "neither the good nor the failed article is read again"
    assert failures(conn)[0][4] == 1

    # asking for a retry of one article: read again on the next run (and fails again here)
    assert loader.request_retry(conn, [bad]) == 1
    retried = loader.extract_pending(conn, run_id="r3")
    assert (retried["articles"], retried["failed"]) == (1, 1)
    assert failures(conn)[0][4] == 2

    # the bug fixed, the retry succeeds and the failure is marked resolved
    monkeypatch.setattr(loader, "extract_facts", extract_facts)
    fixed = loader.extract_pending(conn, run_id="r4", retry_failed=True)
    assert (fixed["articles"], fixed["extracted"], fixed["failed"]) == (1, 1, 0)
    assert bad in stored(conn)
    assert failures(conn)[0][5] is True


def test_a_new_extractor_version_retries_failed_articles(conn, booming, monkeypatch) -> None:
    _, bad = add_articles(conn, GOOD, BOOM)
    loader.extract_pending(conn, run_id="r1")
    monkeypatch.setattr(loader, "EXTRACTOR_VERSION", "next-version")
    booming.clear()
    summary = loader.extract_pending(conn, run_id="r2")
    assert (summary["articles"], summary["failed"], summary["extractor_version"]) == (2, 1, "next-version")
    assert [(f[0], f[1]) for f in failures(conn)] == [(bad, EXTRACTOR_VERSION), (bad, "next-version")]


def test_a_row_postgresql_refuses_fails_only_its_article(conn, monkeypatch) -> None:
    good, bad, other = add_articles(conn, GOOD, BOOM, OTHER)
    real = loader.extract_facts

    def nul_evidence(text, published, newspaper):
        facts = real(text, published, newspaper)
        if "BOOM" in text:
            for f in facts:
                f.evidence = "\x00"  # PostgreSQL text cannot hold NUL: the COPY fails
        return facts

    monkeypatch.setattr(loader, "extract_facts", nul_evidence)
    summary = loader.extract_pending(conn, run_id="r1")
    assert (summary["extracted"], summary["failed"]) == (2, 1)
    assert stored(conn) == {good: 1, other: 1}
    [row] = failures(conn)
    assert (row[0], row[2]) == (bad, "store")


def test_an_out_of_bound_fact_is_refused_before_the_copy(conn, monkeypatch) -> None:
    good, bad = add_articles(conn, GOOD, BOOM)
    real = loader.extract_facts

    def huge(text, published, newspaper):
        facts = real(text, published, newspaper)
        if "BOOM" in text:
            facts[0].project_count = 2**31  # once wedged every run: integer column overflow
        return facts

    monkeypatch.setattr(loader, "extract_facts", huge)
    summary = loader.extract_pending(conn, run_id="r1")
    assert (summary["extracted"], summary["failed"]) == (1, 1)
    assert stored(conn) == {good: 1}
    [row] = failures(conn)
    assert (row[0], row[2]) == (bad, "invalid_fact")
    assert "project_count" in row[3]


def test_the_time_budget_records_a_timeout(conn, monkeypatch) -> None:
    [aid] = add_articles(conn, "\n\n".join([GOOD] * 20))
    monkeypatch.setenv("XIANGMU_EXTRACT_ARTICLE_BUDGET_SECONDS", "0.000001")
    summary = loader.extract_pending(conn, run_id="r1")
    assert (summary["extracted"], summary["failed"]) == (0, 1)
    [row] = failures(conn)
    assert (row[0], row[2]) == (aid, "timeout")


def test_rejected_figures_are_stored_with_their_offsets(conn) -> None:
    body = "本报讯 赵县开工项目20000个，总投资" + "9" * 40 + "亿元。全县开工项目12个，总投资30亿元。"
    [aid] = add_articles(conn, body)
    summary = loader.extract_pending(conn, run_id="r1")
    assert summary["rejected_figures"] == 2
    rows = conn.execute(
        "select r.kind, r.reason, r.raw_text, substr(a.body_text, r.char_start + 1, r.char_end - r.char_start),"
        " r.extractor_version, r.run_id"
        " from extract.rejected_figures r join raw.articles a using (article_id) order by r.char_start"
    ).fetchall()
    assert rows == [
        ("project_count", "count_too_large", "20000个", "20000个", EXTRACTOR_VERSION, "r1"),
        ("amount", "number_too_long", "9" * 40 + "亿元", "9" * 40 + "亿元", EXTRACTOR_VERSION, "r1"),
    ]
    counts = conn.execute("select project_count from extract.investment_facts where article_id = %s", (aid,))
    assert all(c is None or c <= 10_000 for (c,) in counts.fetchall())


def test_project_count_column_refuses_values_beyond_the_bound(conn) -> None:
    [aid] = add_articles(conn, GOOD)
    insert = (
        "insert into extract.investment_facts (article_id, extractor_version, fact_index, subject, measure,"
        " project_count, evidence, char_start, char_end) values (%s, 'x', %s, 'portfolio', 'total_investment',"
        " %s, 'e', 0, 1)"
    )
    conn.execute(insert, (aid, 0, 10_000))
    for n, bad in enumerate((10_001, -1), start=1):
        with pytest.raises(psycopg.errors.CheckViolation):
            conn.execute(insert, (aid, n, bad))
    with pytest.raises(psycopg.errors.NumericValueOutOfRange):
        conn.execute(insert, (aid, 9, 2**31))


def test_retry_from_the_command_line(conn, booming, private_warehouse, monkeypatch) -> None:
    from xiangmu import cli

    _, bad = add_articles(conn, GOOD, BOOM)
    loader.extract_pending(conn, run_id="r1")
    monkeypatch.setenv("WAREHOUSE_URL", private_warehouse)
    assert cli.main(["extract-retry", "--article-id", str(bad)]) == 0
    flagged = conn.execute("select retry_requested from extract.failed_articles where article_id = %s", (bad,))
    assert flagged.fetchone() == (True,)
    assert cli.main(["extract-retry", "--run"]) == 1  # still failing: reported by the exit status
    assert failures(conn)[0][4] == 2


def test_shards_side_by_side_read_every_article_exactly_once(conn, private_warehouse) -> None:
    """Two extraction tasks (shards of article ids) running at once: every article marked once, by its shard."""
    from concurrent.futures import ThreadPoolExecutor

    ids = add_articles(conn, GOOD, OTHER, GOOD, OTHER, GOOD)

    def run(shard: int) -> dict:
        with connect(private_warehouse, autocommit=True) as own:
            return loader.extract_pending(own, run_id=f"shard{shard}", shard=shard, shards=2)

    with ThreadPoolExecutor(2) as pool:
        summaries = list(pool.map(run, (0, 1)))
    assert [s["articles"] for s in summaries] == [sum(1 for i in ids if i % 2 == k) for k in (0, 1)]
    marks = conn.execute("select article_id, run_id from extract.article_extractions").fetchall()
    assert sorted(aid for aid, _ in marks) == sorted(ids), "each article read once, none left out"
    assert all(run_id == f"shard{aid % 2}" for aid, run_id in marks)
    assert stored(conn) == dict.fromkeys(ids, 1)
    assert loader.extract_pending(conn, run_id="again")["articles"] == 0, "the shards left nothing pending"


@pytest.mark.parametrize(("shard", "shards"), [(2, 2), (-1, 2), (0, 0)])
def test_a_shard_outside_the_count_is_refused(conn, shard: int, shards: int) -> None:
    add_articles(conn, GOOD)
    with pytest.raises(ValueError, match="shard"):
        loader.extract_pending(conn, run_id="r1", shard=shard, shards=shards)
    assert stored(conn) == {}


def test_the_shard_count_comes_from_the_environment(monkeypatch) -> None:
    from xiangmu import config

    monkeypatch.setenv("XIANGMU_EXTRACT_SHARDS", "3")
    assert config.extract_shards() == 3
    for bad in ("0", "two", "100"):
        monkeypatch.setenv("XIANGMU_EXTRACT_SHARDS", bad)
        with pytest.raises(ValueError, match="XIANGMU_EXTRACT_SHARDS"):
            config.extract_shards()


def test_a_figure_of_no_known_place_is_stored_as_refused(conn) -> None:
    body = (
        "本报讯 10月12日，全市县城建设观摩组一行到我县观摩。今年以来，我县全力推进县城建设。"
        "共谋划实施30个县城建设项目，总投资42.5亿元。平山县、赞皇县政府分管负责同志参加观摩。"
    )
    [aid] = add_articles(conn, body)
    summary = loader.extract_pending(conn, run_id="r2")
    assert summary["rejected_figures"] == 1
    rows = conn.execute(
        "select r.reason, r.raw_text, substr(a.body_text, r.char_start + 1, r.char_end - r.char_start)"
        " from extract.rejected_figures r join raw.articles a using (article_id) where article_id = %s",
        (aid,),
    ).fetchall()
    assert rows == [("place_unknown", "42.5亿元", "42.5亿元")]
    facts = conn.execute("select region from extract.investment_facts where article_id = %s", (aid,)).fetchall()
    assert facts == []
