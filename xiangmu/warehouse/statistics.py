"""Bring the planner's statistics up to date after a bulk load, before the queries that need them.

Why: autovacuum analyzes a table only on its next pass (``autovacuum_naptime``, a minute by
default) after enough of it changed.  A run that starts right after a bulk load (a backfill's
ingest, a restore, years of history loaded at once) plans its queries on the statistics of
the table as it was before.  Seen in ``make bench`` (j): with 5 years of history copied in,
the daily run's first pending-articles query was planned on the statistics of one month;
the planner chose a nested loop over a materialised scan of every extraction, and each shard
spent 525 s reading 64 articles (0.4 s once analyzed).  Analyzing what autovacuum would
analyze on its next pass, before reading, costs nothing on a daily run (nothing is stale) and
about a second after a bulk load.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import psycopg
from psycopg import sql

log = logging.getLogger(__name__)


def stale_tables(conn: psycopg.Connection, tables: Sequence[str]) -> list[str]:
    """Those of ``tables`` (``schema.table``) that autovacuum would analyze on its next pass.

    Its own rule: more rows changed since the last analyze than ``autovacuum_analyze_threshold``
    + ``autovacuum_analyze_scale_factor`` x the rows the statistics know of (none when the table
    was never analyzed), with the table's own settings where it has them.  This session's own
    writes count too: PostgreSQL 15+ keeps a session's counts to itself until it next goes idle,
    so they are flushed first (an autocommit session: the flush happens between the statements).
    """
    if conn.info.server_version >= 150000:
        conn.execute("select pg_stat_force_next_flush()")
    rows = conn.execute(
        """
        select t.schemaname || '.' || t.relname
        from pg_stat_user_tables t
        join pg_class c on c.oid = t.relid
        cross join lateral (
            select
                coalesce((select split_part(o, '=', 2)::float8 from unnest(c.reloptions) o
                          where o like 'autovacuum_analyze_threshold=%%'),
                         current_setting('autovacuum_analyze_threshold')::float8) as base,
                coalesce((select split_part(o, '=', 2)::float8 from unnest(c.reloptions) o
                          where o like 'autovacuum_analyze_scale_factor=%%'),
                         current_setting('autovacuum_analyze_scale_factor')::float8) as scale
        ) s
        where t.schemaname || '.' || t.relname = any(%s)
          and t.n_mod_since_analyze > s.base + s.scale * greatest(c.reltuples, 0)
        order by 1
        """,
        (list(tables),),
    ).fetchall()
    return [r[0] for r in rows]


def analyze_stale(conn: psycopg.Connection, tables: Sequence[str]) -> list[str]:
    """ANALYZE those of ``tables`` whose statistics lag behind their contents; the ones analyzed.

    ANALYZE may run inside the caller's transaction; a role that does not own a table gets a
    warning from PostgreSQL and the table is left to autovacuum.
    """
    stale = stale_tables(conn, tables)
    for name in stale:
        schema, table = name.split(".", 1)
        conn.execute(sql.SQL("analyze {}").format(sql.Identifier(schema, table)))
    if stale:
        log.info("statistics refreshed after a bulk change: %s", ", ".join(stale))
    return stale
