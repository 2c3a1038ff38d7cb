"""Publish the candidate marts to the schema BI tools read, only after checks pass.

Why this way: dbt builds into `marts_candidate`, which no BI role can see.
Only when the quality gate has passed does this step copy the candidate
tables into `marts`, all in one transaction, so readers see either the old
marts or the new ones, never a half-published or unchecked state. Tables
whose contents did not change are left untouched, and a publication is
logged only when something changed, so rerunning a date changes nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import psycopg
from psycopg import sql

log = logging.getLogger(__name__)

CANDIDATE_SCHEMA = "marts_candidate"
PUBLISHED_SCHEMA = "marts"
READER_ROLE = "bi_reader"


@dataclass
class PublishResult:
    changed: list[str]
    unchanged: list[str]

    def as_dict(self) -> dict:
        return {"changed": self.changed, "unchanged": self.unchanged}


def _relations(conn: psycopg.Connection, schema: str) -> list[str]:
    rows = conn.execute(
        "select table_name from information_schema.tables where table_schema = %s order by table_name",
        (schema,),
    ).fetchall()
    return [r[0] for r in rows]


def _same_contents(conn: psycopg.Connection, name: str) -> bool:
    cand = sql.Identifier(CANDIDATE_SCHEMA, name)
    pub = sql.Identifier(PUBLISHED_SCHEMA, name)
    same_columns = conn.execute(
        """
        select array_agg(column_name::text || ':' || data_type::text order by ordinal_position)
        from information_schema.columns where table_schema = %s and table_name = %s
        """,
        (CANDIDATE_SCHEMA, name),
    ).fetchone()[0] == conn.execute(
        """
        select array_agg(column_name::text || ':' || data_type::text order by ordinal_position)
        from information_schema.columns where table_schema = %s and table_name = %s
        """,
        (PUBLISHED_SCHEMA, name),
    ).fetchone()[0]
    if not same_columns:
        return False
    diff = conn.execute(
        sql.SQL(
            "select exists ((select * from {c} except all select * from {p}) "
            "union all (select * from {p} except all select * from {c}))"
        ).format(c=cand, p=pub)
    ).fetchone()[0]
    return not diff


def publish(conn: psycopg.Connection, *, run_id: str | None = None, logical_date: str | None = None) -> PublishResult:
    """Copy every changed candidate mart into the published schema atomically."""
    candidates = _relations(conn, CANDIDATE_SCHEMA)
    if not candidates:
        raise RuntimeError(f"nothing to publish: schema {CANDIDATE_SCHEMA} has no relations (did dbt run?)")
    changed: list[str] = []
    unchanged: list[str] = []
    with conn.transaction():
        conn.execute("select pg_advisory_xact_lock(hashtext('xiangmu.publish'))")
        conn.execute(sql.SQL("create schema if not exists {}").format(sql.Identifier(PUBLISHED_SCHEMA)))
        conn.execute(
            """
            create table if not exists marts.publication_log (
                published_at timestamptz not null default now(),
                run_id text,
                logical_date text,
                quality_status text not null,
                tables_changed text[] not null
            )
            """
        )
        published = set(_relations(conn, PUBLISHED_SCHEMA))
        for name in candidates:
            if name in published and _same_contents(conn, name):
                unchanged.append(name)
                continue
            target = sql.Identifier(PUBLISHED_SCHEMA, name)
            conn.execute(sql.SQL("drop table if exists {} cascade").format(target))
            conn.execute(
                sql.SQL("create table {} as select * from {}").format(
                    target, sql.Identifier(CANDIDATE_SCHEMA, name)
                )
            )
            changed.append(name)
        role_exists = conn.execute("select 1 from pg_roles where rolname = %s", (READER_ROLE,)).fetchone()
        if role_exists:
            conn.execute(
                sql.SQL("grant usage on schema {s} to {r}; grant select on all tables in schema {s} to {r}").format(
                    s=sql.Identifier(PUBLISHED_SCHEMA), r=sql.Identifier(READER_ROLE)
                )
            )
        if changed:
            conn.execute(
                "insert into marts.publication_log (run_id, logical_date, quality_status, tables_changed)"
                " values (%s, %s, 'passed', %s)",
                (run_id, logical_date, changed),
            )
    log.info("published %d changed marts (%d unchanged)", len(changed), len(unchanged))
    return PublishResult(changed, unchanged)
