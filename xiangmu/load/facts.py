"""Run the extractor over newly staged articles and store its facts.

Why: extraction is versioned. Each (article version, extractor version) pair
is processed exactly once and marked in extract.article_extractions, so reruns
add nothing, and a new extractor version re-extracts every article
reproducibly while the old version's facts stay for audit.
"""

from __future__ import annotations

import logging
from dataclasses import asdict

import psycopg

from xiangmu.extract import EXTRACTOR_VERSION, extract_facts
from xiangmu.extract.stories import StoryPart, continued_from, continued_to, extract_parts

log = logging.getLogger(__name__)

_FACT_COLUMNS = (
    "article_id", "extractor_version", "fact_index", "region", "region_code", "subject",
    "project_name", "project_count", "measure", "amount_cny", "amount_original", "currency",
    "approximate", "stage", "category", "period_start", "period_end", "completion_rate",
    "evidence", "char_start", "char_end", "run_id",
)

BATCH_SIZE = 200


class ExtractionErrors(RuntimeError):
    """Some articles could not be processed; the rest were stored."""


def _pending(conn: psycopg.Connection, version: str, after_id: int, limit: int) -> list[tuple]:
    return conn.execute(
        """
        select a.article_id, a.body_text, coalesce(a.published_date, a.edition_date), a.newspaper,
               a.edition_date
        from raw.articles a
        where a.article_id > %s and not exists (
            select 1 from extract.article_extractions e
            where e.article_id = a.article_id and e.extractor_version = %s
        )
        order by a.article_id
        limit %s
        """,
        (after_id, version, limit),
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
    return extract_parts(parts, {p.key: published for p in parts}).get(article_id, [])


def _fact_row(article_id: int, index: int, fact, run_id: str | None) -> tuple:
    d = asdict(fact)
    return (
        article_id, EXTRACTOR_VERSION, index, d.get("region"), d.get("region_code"), d["subject"],
        d.get("project_name"), d.get("project_count"), d["measure"], d.get("amount_cny"),
        d.get("amount_original"), d.get("currency") or "CNY", bool(d.get("approximate")),
        d.get("stage"), d.get("category"), d.get("period_start"), d.get("period_end"),
        d.get("completion_rate"), d["evidence"], d["char_start"], d["char_end"], run_id,
    )


def extract_pending(conn: psycopg.Connection, run_id: str | None = None) -> dict[str, int]:
    """Extract facts from every article version not yet seen by this extractor version."""
    articles = facts = 0
    failed: list[int] = []
    last_id = 0
    while True:
        batch = _pending(conn, EXTRACTOR_VERSION, last_id, BATCH_SIZE)
        if not batch:
            break
        last_id = batch[-1][0]
        fact_rows: list[tuple] = []
        marks: list[tuple] = []
        for article_id, body, published, newspaper, edition_date in batch:
            try:
                found = _facts_for(conn, article_id, body, published, newspaper, edition_date)
            except Exception:  # noqa: BLE001 - one bad article must not lose the batch
                # Left unmarked so the next run retries it; the task still fails below.
                log.exception("extraction failed on article %s", article_id)
                failed.append(article_id)
                continue
            fact_rows += [_fact_row(article_id, i, f, run_id) for i, f in enumerate(found)]
            marks.append((article_id, EXTRACTOR_VERSION, len(found), run_id))
        with conn.transaction():
            cols = ", ".join(_FACT_COLUMNS)
            with conn.cursor().copy(f"copy extract.investment_facts ({cols}) from stdin") as copy:
                for row in fact_rows:
                    copy.write_row(row)
            with conn.cursor().copy(
                "copy extract.article_extractions (article_id, extractor_version, fact_count, run_id) from stdin"
            ) as copy:
                for row in marks:
                    copy.write_row(row)
        articles += len(batch)
        facts += len(fact_rows)
    log.info("extractor %s: %d articles, %d facts, %d failed", EXTRACTOR_VERSION, articles, facts, len(failed))
    if failed:
        raise ExtractionErrors(f"extraction failed on {len(failed)} article(s): ids {failed[:20]}")
    return {"articles": articles, "facts": facts, "extractor_version": EXTRACTOR_VERSION}
