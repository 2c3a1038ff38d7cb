"""Synthetic warehouse rows for the quality tests: a clean day, and known defects."""

from __future__ import annotations

import hashlib
from datetime import date

import psycopg

GOOD_BODY = (
    "本报讯 11月22日，石家庄市2026年第四季度重点项目集中开工活动举行。"
    "此次集中开工项目共86个，总投资568.3亿元，年度计划投资162亿元，"
    "涵盖先进制造业、现代服务业和基础设施等领域。"
)


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def add_edition(
    conn: psycopg.Connection,
    *,
    newspaper: str = "sjzrb",
    day: date = date(2026, 11, 22),
    run_id: str = "run-good",
    status: str = "complete",
    pages: int = 2,
    bodies: list[str] | None = None,
    failures: int = 0,
) -> list[int]:
    """One edition with its pages and articles; returns the article ids."""
    bodies = [GOOD_BODY, GOOD_BODY + "项目建成后将有力带动区域经济发展。"] if bodies is None else bodies
    conn.execute(
        "insert into raw.editions (newspaper, edition_date, entry_url, status, page_count,"
        " article_count, failure_count, run_id) values (%s, %s, %s, %s, %s, %s, %s, %s)",
        (newspaper, day, f"http://paper.test/{newspaper}/{day}/", status, pages, len(bodies), failures, run_id),
    )
    base = f"http://paper.test/{newspaper}/{day}"
    for n in range(1, pages + 1):
        html = f"<html>page {n} {run_id}</html>"
        conn.execute(
            "insert into raw.pages (newspaper, edition_date, page_no, url, http_status, content_hash,"
            " raw_html, fetched_at, run_id) values (%s, %s, %s, %s, 200, %s, %s, now(), %s)",
            (newspaper, day, f"{n:02d}", f"{base}/node_{n}.html", _hash(html), html, run_id),
        )
    ids = []
    for n, body in enumerate(bodies, start=1):
        row = conn.execute(
            "insert into raw.articles (newspaper, edition_date, page_no, url, title, body_text,"
            " http_status, content_hash, raw_html, fetched_at, run_id)"
            " values (%s, %s, '01', %s, %s, %s, 200, %s, %s, now(), %s) returning article_id",
            (
                newspaper,
                day,
                f"{base}/content_{n}.html",
                f"重点项目集中开工 {n}",
                body,
                _hash(body + run_id),
                f"<html>{body}</html>",
                run_id,
            ),
        ).fetchone()
        ids.append(row[0])
    for n in range(failures):
        conn.execute(
            "insert into raw.fetch_log (newspaper, edition_date, url, http_status, error, run_id)"
            " values (%s, %s, %s, 503, 'HTTP 503', %s)",
            (newspaper, day, f"{base}/missing_{n}.html", run_id),
        )
    return ids


def add_facts(
    conn: psycopg.Connection,
    article_id: int,
    facts: list[dict],
    *,
    run_id: str = "run-good",
    extractor_version: str = "test-1",
) -> None:
    """Facts for one article plus its extraction record (fact_count = len(facts))."""
    for index, fact in enumerate(facts):
        values = {
            "region": "石家庄市",
            "region_code": "130100",
            "subject": "portfolio",
            "measure": "total_investment",
            "amount_cny": 56_830_000_000,
            "stage": "groundbreaking",
            "evidence": "此次集中开工项目共86个，总投资568.3亿元",
            "char_start": 40,
            "char_end": 60,
        } | fact
        conn.execute(
            "insert into extract.investment_facts (article_id, extractor_version, fact_index, region,"
            " region_code, subject, measure, amount_cny, stage, evidence, char_start, char_end, run_id)"
            " values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            (
                article_id,
                extractor_version,
                index,
                values["region"],
                values["region_code"],
                values["subject"],
                values["measure"],
                values["amount_cny"],
                values["stage"],
                values["evidence"],
                values["char_start"],
                values["char_end"],
                run_id,
            ),
        )
    conn.execute(
        "insert into extract.article_extractions (article_id, extractor_version, fact_count, run_id)"
        " values (%s, %s, %s, %s)",
        (article_id, extractor_version, len(facts), run_id),
    )


def add_good_day(conn: psycopg.Connection, run_id: str = "run-good") -> None:
    ids = add_edition(conn, run_id=run_id)
    add_facts(
        conn,
        ids[0],
        [{}, {"measure": "planned_investment", "amount_cny": 16_200_000_000, "stage": None}],
        run_id=run_id,
    )
    add_facts(conn, ids[1], [], run_id=run_id)
