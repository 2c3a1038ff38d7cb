"""Years of synthetic history in seconds: the warehouse's own dates copied back in time (for `make bench`).

Why: the daily run must cost about the same on five years of history as on
an empty warehouse (issue 15), but five years through the pipeline (1,825
dates, ~235,000 articles at 64 per edition) would take hours of scraping and
extraction before the one run the figure is about. What a daily run reads of
history is rows: editions, pages, articles, their extractions and facts. So
the dates a backfill staged and extracted are copied, in SQL, block after
block back in time until `years` of history exist before the first of them:
every row's dates and timestamps moved by the block's shift, its ids moved
past the table's, its URL made its own (a URL is an article's identity), its
run id `history-<block>` (so no run-scoped check reads it). Then the marts are
rebuilt from scratch once (`dbt build --full-refresh`) and published, as a
re-run after an extractor upgrade would leave them.

Only for a throwaway bench warehouse: raw tables are append-only, and the
pipeline itself never writes rows it did not fetch.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from typing import Any

import psycopg
from psycopg import sql

# Each copied table: its id column (moved past the table's ids, or None), the columns holding an
# article id (moved with raw.articles'), dates, timestamps, and the URL and run id columns.
TABLES: tuple[dict[str, Any], ...] = (
    {"table": ("raw", "editions"), "id": "edition_outcome_id", "dates": ("edition_date",),
     "stamps": ("recorded_at",), "url": "entry_url"},
    {"table": ("raw", "pages"), "id": "page_id", "dates": ("edition_date",),
     "stamps": ("fetched_at", "loaded_at"), "url": "url"},
    {"table": ("raw", "articles"), "id": "article_id", "dates": ("edition_date", "published_date"),
     "stamps": ("fetched_at", "loaded_at"), "url": "url"},
    {"table": ("extract", "article_extractions"), "id": None, "article": "article_id", "dates": (),
     "stamps": ("extracted_at",)},
    {"table": ("extract", "investment_facts"), "id": "fact_id", "article": "article_id",
     "dates": ("period_start", "period_end"), "stamps": ("extracted_at",)},
)


def _columns(conn: psycopg.Connection, schema: str, table: str) -> list[str]:
    rows = conn.execute(
        "select column_name from information_schema.columns where table_schema = %s and table_name = %s "
        "order by ordinal_position", (schema, table)).fetchall()
    return [name for (name,) in rows]


def _copy(conn: psycopg.Connection, spec: dict[str, Any], blocks: int, span: int, article_step: int,
          first: dt.date, oldest: dt.date) -> int:
    """Copy `spec`'s rows into `blocks` blocks, block k shifted back k*span days; rows before `oldest` left out."""
    schema, table = spec["table"]
    columns = _columns(conn, schema, table)
    step = 0
    if spec["id"]:
        step = conn.execute(sql.SQL("select coalesce(max({}), 0) + 1 from {}.{}").format(
            sql.Identifier(spec["id"]), sql.Identifier(schema), sql.Identifier(table))).fetchone()[0]
    shift = sql.SQL("(k.k * {})").format(sql.Literal(span))
    values = []
    for col in columns:
        ident = sql.Identifier(col)
        if col == spec["id"]:
            values.append(sql.SQL("{} + k.k * {}").format(ident, sql.Literal(step)))
        elif col == spec.get("article"):
            values.append(sql.SQL("{} + k.k * {}").format(ident, sql.Literal(article_step)))
        elif col in spec["dates"]:
            values.append(sql.SQL("{} - {}").format(ident, shift))
        elif col in spec["stamps"]:
            values.append(sql.SQL("{} - make_interval(days => {})").format(ident, shift))
        elif col == spec.get("url"):
            values.append(sql.SQL("{} || '#history-' || k.k").format(ident))
        elif col == "run_id":
            values.append(sql.SQL("'history-' || k.k"))
        else:
            values.append(ident)
    # which rows belong to the copied dates: the table's own edition date, or its article's
    date_of = (sql.SQL("t.edition_date") if "edition_date" in columns else
               sql.SQL("(select a.edition_date from raw.articles a where a.article_id = t.{})").format(
                   sql.Identifier(spec["article"])))
    statement = sql.SQL(
        "insert into {schema}.{table} ({cols}) overriding system value "
        "select {values} from {schema}.{table} t cross join generate_series(1, {blocks}) as k(k) "
        "where {date_of} >= {first} and {date_of} - {shift} >= {oldest}"
    ).format(schema=sql.Identifier(schema), table=sql.Identifier(table),
             cols=sql.SQL(", ").join(map(sql.Identifier, columns)),
             values=sql.SQL(", ").join(sql.SQL("t.") + v if isinstance(v, sql.Identifier) else v for v in values),
             blocks=sql.Literal(blocks), date_of=date_of, first=sql.Literal(first), shift=shift,
             oldest=sql.Literal(oldest))
    copied = conn.execute(statement).rowcount
    if spec["id"]:  # the identity goes on after the copies, as if they had been loaded
        conn.execute(sql.SQL("select setval(pg_get_serial_sequence({}, {}), (select max({}) from {}.{}))").format(
            sql.Literal(f"{schema}.{table}"), sql.Literal(spec["id"]), sql.Identifier(spec["id"]),
            sql.Identifier(schema), sql.Identifier(table)))
    return copied


def extend(dsn: str, years: float) -> dict[str, Any]:
    """Copy the warehouse's staged dates back until `years` of history precede its first date; counts."""
    started = time.perf_counter()
    with psycopg.connect(dsn) as conn:
        first, last = conn.execute("select min(edition_date), max(edition_date) from raw.editions "
                                   "where run_id not like 'history-%' or run_id is null").fetchone()
        if first is None:
            raise ValueError("the warehouse has no staged edition to copy back in time")
        span = (last - first).days + 1
        days = round(years * 365)
        blocks = math.ceil(days / span)
        oldest = first - dt.timedelta(days=days)
        article_step = conn.execute("select coalesce(max(article_id), 0) + 1 from raw.articles").fetchone()[0]
        copied = {".".join(spec["table"]): _copy(conn, spec, blocks, span, article_step, first, oldest)
                  for spec in TABLES}
    return {"years": years, "history_from": oldest.isoformat(), "copied_dates": f"{first}..{last}",
            "blocks": blocks, "rows": copied, "seconds": round(time.perf_counter() - started, 1)}
