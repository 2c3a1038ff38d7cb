"""Staging an edition from the sample archive into a test warehouse, and reading it back."""

from __future__ import annotations

import datetime as dt

from scrapers.http import PoliteClient
from scrapers.registry import get_source
from xiangmu.load.raw import EditionOutcome, stage_edition
from xiangmu.warehouse import connect

RAW_TABLES = ("editions", "pages", "articles", "fetch_log")
# The crawl's "today": after every sample edition, so none counts as not yet published.
TODAY = dt.date(2026, 1, 1)


def stage(
    db: str, base: str, paper: str, day: dt.date | str, client: PoliteClient, today: dt.date = TODAY, **kw: object
) -> EditionOutcome:
    """stage_edition for one paper's edition served under base/<paper>."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    with connect(db, autocommit=True) as conn:
        return stage_edition(conn, get_source(paper), day, base_url=f"{base}/{paper}", client=client,
                             today=today, **kw)  # type: ignore[arg-type]


def query(db: str, sql: str, *params: object) -> list[tuple]:
    with connect(db) as conn:
        return conn.execute(sql, params).fetchall()
