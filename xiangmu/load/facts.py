"""Run the extractor over newly staged articles and store its facts, one article at a time.

Why versioned: each (article version, extractor version) pair is processed exactly once and
marked in extract.article_extractions, so reruns add nothing, and a new extractor version
re-extracts every article reproducibly while the old version's facts stay for audit.

Why one article at a time: a single bad article (an extractor bug, a text that exhausts the
time budget, a row the warehouse refuses) once rolled back a whole batch of 200 and failed every
later run the same way.  Now each article's facts, refused figures and mark are written in a
transaction of their own: a savepoint inside one transaction per batch, so a batch costs one
commit (a year's 47,000 articles once paid a synced commit each) while an article that fails
rolls back alone; an article that fails is
recorded in extract.failed_articles and skipped (not retried) until the extractor version
changes or someone asks for a retry (``request_retry``, ``xiangmu extract-retry``).  The run's
summary counts failures; the extraction checkpoint fails when their share passes
XIANGMU_MAX_FAILED_ARTICLE_SHARE.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

import psycopg

from xiangmu import config
from xiangmu.extract import EXTRACTOR_VERSION, extract_facts
from xiangmu.extract.limits import ExtractionTimeout, time_budget
from xiangmu.extract.numbers import MAX_AMOUNT, MAX_PROJECT_COUNT
from xiangmu.extract.rejected import RejectedFigure, collecting_refusals, refused_in
from xiangmu.extract.stories import StoryPart, continued_from, continued_to, extract_part
from xiangmu.warehouse.statistics import analyze_stale

log = logging.getLogger(__name__)

_FACT_COLUMNS = (
    "article_id", "extractor_version", "fact_index", "region", "region_code", "subject",
    "project_name", "project_count", "measure", "amount_cny", "amount_original", "currency",
    "approximate", "stage", "category", "period_start", "period_end", "completion_rate",
    "evidence", "char_start", "char_end", "run_id",
)
_REJECTED_COLUMNS = (
    "article_id", "extractor_version", "figure_index", "kind", "reason", "detail", "raw_text",
    "evidence", "char_start", "char_end", "run_id",
)

BATCH_SIZE = 200
# What the pending-articles query reads, and what extraction writes (for the dbt build after it):
# analyzed first when a bulk load left their statistics behind (xiangmu.warehouse.statistics).
_READS = ("raw.articles", "extract.article_extractions", "extract.failed_articles")
_WRITES = ("extract.article_extractions", "extract.investment_facts", "extract.rejected_figures",
           "extract.failed_articles")
_MAX_ERROR_CHARS = 2000
_MAX_INT4 = 2**31 - 1


class ArticleFailed(Exception):
    """One article could not be extracted or stored; ``kind`` goes to extract.failed_articles."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def _pending(
    conn: psycopg.Connection, version: str, after_id: int, limit: int, retry_failed: bool, shard: int, shards: int
) -> list[tuple]:
    """This shard's article versions this extractor version has not processed, failures excluded unless retried."""
    return conn.execute(
        """
        select a.article_id, a.body_text, coalesce(a.published_date, a.edition_date), a.newspaper,
               a.edition_date
        from raw.articles a
        where a.article_id > %s and mod(a.article_id, %s) = %s and not exists (
            select 1 from extract.article_extractions e
            where e.article_id = a.article_id and e.extractor_version = %s
        ) and (%s or not exists (
            select 1 from extract.failed_articles f
            where f.article_id = a.article_id and f.extractor_version = %s
              and f.resolved_at is null and not f.retry_requested
        ))
        order by a.article_id
        limit %s
        """,
        (after_id, shards, shard, version, retry_failed, version, limit),
    ).fetchall()


def _edition_parts(conn: psycopg.Connection, newspaper: str, edition_date) -> list[StoryPart]:
    """The latest version of every article of one edition, as story parts."""
    rows = conn.execute(
        """
        select distinct on (url) article_id, page_no, title, body_text
        from raw.articles where newspaper = %s and edition_date = %s
        order by url, article_id desc
        """,
        (newspaper, edition_date),
    ).fetchall()
    return [StoryPart(aid, newspaper, edition_date, page, title, body) for aid, page, title, body in rows]


def _facts_for(conn: psycopg.Connection, article_id: int, body: str, published, newspaper: str, edition_date):
    """A part of a continued story (上接/下转) is read with its other parts: facts counted once."""
    if continued_from(body) is None and continued_to(body) is None:
        return extract_facts(body, published, newspaper)
    parts = _edition_parts(conn, newspaper, edition_date)
    if not any(p.key == article_id for p in parts):  # an older version: read it alone
        return extract_facts(body, published, newspaper)
    return extract_part(parts, article_id, {p.key: published for p in parts})


def _check_fact(d: dict[str, Any]) -> None:
    """Refuse a fact no column could hold sensibly (the extractor's bounds, checked again here)."""
    count = d.get("project_count")
    if count is not None and not 0 <= count <= MAX_PROJECT_COUNT:
        raise ArticleFailed("invalid_fact", f"project_count {count} outside 0..{MAX_PROJECT_COUNT}")
    for key in ("amount_cny", "amount_original", "completion_rate"):
        value = d.get(key)
        if value is not None and not (math.isfinite(value) and 0 <= value <= MAX_AMOUNT):
            raise ArticleFailed("invalid_fact", f"{key} {value!r} outside 0..{MAX_AMOUNT:.0e}")
    if not 0 <= d["char_start"] < d["char_end"] <= _MAX_INT4:
        raise ArticleFailed("invalid_fact", f"offsets {d['char_start']}..{d['char_end']} out of range")


def _fact_row(article_id: int, version: str, index: int, fact, run_id: str | None) -> tuple:
    d = asdict(fact)
    _check_fact(d)
    return (
        article_id, version, index, d.get("region"), d.get("region_code"), d["subject"],
        d.get("project_name"), d.get("project_count"), d["measure"], d.get("amount_cny"),
        d.get("amount_original"), d.get("currency") or "CNY", bool(d.get("approximate")),
        d.get("stage"), d.get("category"), d.get("period_start"), d.get("period_end"),
        d.get("completion_rate"), d["evidence"], d["char_start"], d["char_end"], run_id,
    )


def _rejected_row(article_id: int, version: str, index: int, r: RejectedFigure, run_id: str | None) -> tuple:
    return (
        article_id, version, index, r.kind, r.reason, r.detail, r.raw_text, r.evidence,
        r.char_start, r.char_end, run_id,
    )


def _read(conn: psycopg.Connection, article: tuple, version: str, run_id: str | None, budget: float):
    """(fact rows, rejected rows) of one article, or ArticleFailed."""
    article_id, body, published, newspaper, edition_date = article
    try:
        with time_budget(budget), collecting_refusals() as refusals:
            found = _facts_for(conn, article_id, body, published, newspaper, edition_date)
            rejected = refused_in(body, refusals)  # the scan's out-of-bounds figures and the rules' refusals
    except ExtractionTimeout as exc:
        raise ArticleFailed("timeout", f"{type(exc).__name__}: {exc} (budget {budget:g} s)") from exc
    except psycopg.Error:
        raise  # the warehouse itself failed (not the article): the task must fail
    except Exception as exc:  # noqa: BLE001 - any extractor bug is this article's failure only
        raise ArticleFailed("error", f"{type(exc).__name__}: {exc}") from exc
    facts = [_fact_row(article_id, version, i, f, run_id) for i, f in enumerate(found)]
    return facts, [_rejected_row(article_id, version, i, r, run_id) for i, r in enumerate(rejected)]


def _store(conn: psycopg.Connection, article_id: int, version: str, run_id: str | None, facts, rejected) -> None:
    """One article's facts, refused figures and mark, all or nothing."""
    try:
        with conn.transaction():
            cur = conn.cursor()
            if facts:
                with cur.copy(f"copy extract.investment_facts ({', '.join(_FACT_COLUMNS)}) from stdin") as copy:
                    for row in facts:
                        copy.write_row(row)
            if rejected:
                with cur.copy(f"copy extract.rejected_figures ({', '.join(_REJECTED_COLUMNS)}) from stdin") as copy:
                    for row in rejected:
                        copy.write_row(row)
            cur.execute(
                "insert into extract.article_extractions (article_id, extractor_version, fact_count, run_id)"
                " values (%s, %s, %s, %s)",
                (article_id, version, len(facts), run_id),
            )
            cur.execute(
                "update extract.failed_articles set resolved_at = now(), retry_requested = false"
                " where article_id = %s and extractor_version = %s and resolved_at is null",
                (article_id, version),
            )
    except (psycopg.errors.DataError, psycopg.errors.IntegrityError, psycopg.errors.ProgrammingError) as exc:
        # The warehouse refused this article's rows (a value it cannot hold): only this article fails.
        raise ArticleFailed("store", f"{type(exc).__name__}: {exc}") from exc


def _record_failure(conn: psycopg.Connection, article_id: int, version: str, run_id: str | None, exc: ArticleFailed):
    message = str(exc).replace("\x00", "\\x00")[:_MAX_ERROR_CHARS]
    with conn.transaction():
        conn.execute(
            """
            insert into extract.failed_articles (article_id, extractor_version, error_kind, error, run_id)
            values (%s, %s, %s, %s, %s)
            on conflict (article_id, extractor_version) do update set
                error_kind = excluded.error_kind, error = excluded.error, run_id = excluded.run_id,
                attempts = extract.failed_articles.attempts + 1, retry_requested = false,
                failed_at = now(), resolved_at = null
            """,
            (article_id, version, exc.kind, message, run_id),
        )


def extract_pending(
    conn: psycopg.Connection,
    run_id: str | None = None,
    *,
    retry_failed: bool = False,
    budget_seconds: float | None = None,
    shard: int = 0,
    shards: int = 1,
) -> dict[str, Any]:
    """Extract facts from every article version not yet seen by this extractor version.

    Articles that failed before under this version are skipped unless ``retry_failed`` (or a
    retry was requested for them with ``request_retry``).  Each article gets at most
    ``budget_seconds`` (default: XIANGMU_EXTRACT_ARTICLE_BUDGET_SECONDS).  With ``shards`` > 1
    only the articles whose id is ``shard`` modulo ``shards`` are read: as many processes as
    shards, one per core, extract a backfill side by side (the extractor is pure CPU), and
    together they read every article exactly once.  Returns counts: articles attempted,
    extracted, failed (with the first failed ids), facts, rejected figures.
    """
    if not 0 <= shard < shards:
        raise ValueError(f"shard {shard} is not one of 0..{shards - 1}")
    version = EXTRACTOR_VERSION
    budget = budget_seconds if budget_seconds is not None else config.extract_article_budget_seconds()
    attempted = extracted = facts = rejected = 0
    failed: list[int] = []
    last_id = 0
    analyze_stale(conn, _READS)
    while True:
        batch = _pending(conn, version, last_id, BATCH_SIZE, retry_failed, shard, shards)
        if not batch:
            break
        last_id = batch[-1][0]
        # one commit per batch: each article's own transaction is then a savepoint (see the docstring)
        with conn.transaction():
            for article in batch:
                article_id = article[0]
                attempted += 1
                try:
                    fact_rows, rejected_rows = _read(conn, article, version, run_id, budget)
                    _store(conn, article_id, version, run_id, fact_rows, rejected_rows)
                except ArticleFailed as exc:
                    log.warning("extraction failed on article %s (%s): %s", article_id, exc.kind, exc)
                    _record_failure(conn, article_id, version, run_id, exc)
                    failed.append(article_id)
                    continue
                extracted += 1
                facts += len(fact_rows)
                rejected += len(rejected_rows)
    analyze_stale(conn, _WRITES)
    log.info(
        "extractor %s, shard %d of %d: %d articles, %d extracted, %d failed, %d facts, %d rejected figures",
        version, shard, shards, attempted, extracted, len(failed), facts, rejected,
    )
    return {
        "articles": attempted,
        "extracted": extracted,
        "failed": len(failed),
        "failed_article_ids": failed[:20],
        "facts": facts,
        "rejected_figures": rejected,
        "extractor_version": version,
        "shard": shard,
        "shards": shards,
    }


def request_retry(conn: psycopg.Connection, article_ids: Sequence[int] | None = None) -> int:
    """Mark failed articles (all of the current extractor version, or these) for the next run; returns how many."""
    with conn.transaction():
        cur = conn.execute(
            "update extract.failed_articles set retry_requested = true"
            " where extractor_version = %s and resolved_at is null"
            " and (%s::bigint[] is null or article_id = any(%s::bigint[]))",
            (EXTRACTOR_VERSION, list(article_ids) if article_ids else None, list(article_ids) if article_ids else None),
        )
        return cur.rowcount
