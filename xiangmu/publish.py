"""Publish the candidate marts to the schema BI tools read, only after checks pass.

Why this way: dbt builds into `marts_candidate`, which no BI role can see.
Only when the quality gate has passed does this step copy the candidate
tables into `marts`, all in one transaction, so readers see either the old
marts or the new ones, never a half-published or unchecked state. Tables
whose contents did not change are left untouched, and a publication is
logged only when something changed, so rerunning a date changes nothing.

Why publishing cannot be blocked for long:

- Two publishers are serialised by a SHARE ROW EXCLUSIVE lock on
  ``ops.publish_lock``, not by an advisory lock: any role can take any
  advisory lock (``pg_advisory_lock`` is executable by PUBLIC), so a BI
  session could hold the publish lock forever. ``LOCK TABLE`` checks
  privileges (bi_reader has no USAGE on schema ``ops`` and no write grant on
  the table), and SHARE ROW EXCLUSIVE is self-conflicting yet does not
  conflict with the ACCESS SHARE lock that some catalog functions take
  without a privilege check, so nothing a reader can do holds it.
- A reader can still hold ACCESS SHARE on a published table (an open
  transaction that read it), which the DROP of a changed table must wait
  for. Every lock is therefore taken with ``lock_timeout``; on timeout the
  transaction rolls back and is retried with backoff
  (config.publish_lock_attempts), all attempts and backoffs together within
  config.publish_lock_timeout. Then publish raises
  PublishBlocked naming the sessions that held the lock, which fails the
  task and so alerts. bi_reader's idle_in_transaction_session_timeout ends
  forgotten transactions well before that.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import psycopg
from psycopg import sql

from xiangmu import config
from xiangmu.warehouse import roles

log = logging.getLogger(__name__)

CANDIDATE_SCHEMA = "marts_candidate"
PUBLISHED_SCHEMA = roles.PUBLISHED_SCHEMA
READER_ROLE = roles.READER_ROLE
LOCK_SCHEMA = "ops"
LOCK_TABLE = "publish_lock"
# Self-conflicting, and needs a write privilege on the table (see the module docstring).
LOCK_MODE = "share row exclusive"
# Characters of a blocking session's query quoted in PublishBlocked.
_QUERY_CHARS = 120
# The backoff between attempts (a name of its own so that tests can observe it).
_sleep = time.sleep


class PublishBlocked(RuntimeError):
    """Publish could not take a lock within its timeout, on every attempt."""

    def __init__(self, target: str, attempts: int, timeout: float, blockers: list[str]) -> None:
        held = "; ".join(blockers) if blockers else "no session holds it any more (it was released meanwhile)"
        super().__init__(
            f"publish gave up: could not lock {target} within {timeout:g}s over {attempts} attempt(s); held by {held}"
        )
        self.target = target
        self.blockers = blockers


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
    # A mart that grew (most days' facts) differs without comparing every row: counting is a fraction of it.
    count = sql.SQL("select count(*) from {}")
    if conn.execute(count.format(cand)).fetchone()[0] != conn.execute(count.format(pub)).fetchone()[0]:
        return False
    diff = conn.execute(
        sql.SQL(
            "select exists ((select * from {c} except all select * from {p}) "
            "union all (select * from {p} except all select * from {c}))"
        ).format(c=cand, p=pub)
    ).fetchone()[0]
    return not diff


def ensure_lock_table(conn: psycopg.Connection) -> None:
    """Create ops.publish_lock (once); nobody but its owner may use schema ops."""
    if conn.execute("select to_regclass(%s)", (f"{LOCK_SCHEMA}.{LOCK_TABLE}",)).fetchone()[0]:
        return
    try:
        with conn.transaction():
            conn.execute(sql.SQL("create schema if not exists {}").format(sql.Identifier(LOCK_SCHEMA)))
            conn.execute(sql.SQL("revoke all on schema {} from public").format(sql.Identifier(LOCK_SCHEMA)))
            conn.execute(
                sql.SQL("create table if not exists {} (why text)").format(sql.Identifier(LOCK_SCHEMA, LOCK_TABLE))
            )
            conn.execute(
                sql.SQL("comment on table {} is {}").format(
                    sql.Identifier(LOCK_SCHEMA, LOCK_TABLE),
                    sql.Literal("Always empty. xiangmu.publish locks it to run one publication at a time."),
                )
            )
    except (psycopg.errors.UniqueViolation, psycopg.errors.DuplicateTable, psycopg.errors.DuplicateSchema):
        pass  # another publisher created it at the same moment


def _blockers(conn: psycopg.Connection, target: str) -> list[str]:
    """The other sessions holding a lock on `target` (a relation, or "schema X": any of its relations)."""
    if target.startswith("schema "):
        relations = "select c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = %s"
        param = target.removeprefix("schema ")
    else:
        relations = "select to_regclass(%s)"
        param = target
    rows = conn.execute(
        """
        select distinct on (a.pid) a.pid, coalesce(a.usename::text, '?'), coalesce(a.application_name, ''),
               coalesce(a.state, '?'), date_trunc('second', now() - coalesce(a.xact_start, a.backend_start))::text,
               coalesce(a.query, ''), l.mode
        from pg_locks l join pg_stat_activity a on a.pid = l.pid
        where l.granted and l.locktype = 'relation' and l.relation in ("""
        + relations
        + """)
          and l.pid <> pg_backend_pid()
        order by a.pid
        """,
        (param,),
    ).fetchall()
    out = []
    for pid, user, app, state, held_for, query, mode in rows:
        query = " ".join(query.split())
        if len(query) > _QUERY_CHARS:
            query = query[: _QUERY_CHARS - 3] + "..."
        app_part = f", application {app!r}" if app else ""
        out.append(f"pid {pid} (role {user}{app_part}, {state} for {held_for}, {mode}, last query {query!r})")
    return out


def _lock(conn: psycopg.Connection, state: dict, relation: sql.Identifier, name: str, mode: str) -> None:
    state["target"] = name
    conn.execute(sql.SQL("lock table {} in " + mode + " mode").format(relation))


def _publish_once(
    conn: psycopg.Connection, state: dict, *, run_id: str | None, logical_date: str | None
) -> PublishResult:
    changed: list[str] = []
    unchanged: list[str] = []
    with conn.transaction():
        _lock(conn, state, sql.Identifier(LOCK_SCHEMA, LOCK_TABLE), f"{LOCK_SCHEMA}.{LOCK_TABLE}", LOCK_MODE)
        state["target"] = f"schema {PUBLISHED_SCHEMA}"
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
        for name in _relations(conn, CANDIDATE_SCHEMA):
            if name in published and _same_contents(conn, name):
                unchanged.append(name)
                continue
            target = sql.Identifier(PUBLISHED_SCHEMA, name)
            if name in published:
                # Explicit, so that a timeout names the table a reader holds.
                _lock(conn, state, target, f"{PUBLISHED_SCHEMA}.{name}", "access exclusive")
            state["target"] = f"{PUBLISHED_SCHEMA}.{name}"
            conn.execute(sql.SQL("drop table if exists {} cascade").format(target))
            conn.execute(
                sql.SQL("create table {} as select * from {}").format(target, sql.Identifier(CANDIDATE_SCHEMA, name))
            )
            changed.append(name)
        state["target"] = f"{PUBLISHED_SCHEMA}.publication_log"
        roles.grant_published(conn)
        if changed:
            conn.execute(
                "insert into marts.publication_log (run_id, logical_date, quality_status, tables_changed)"
                " values (%s, %s, 'passed', %s)",
                (run_id, logical_date, changed),
            )
    return PublishResult(changed, unchanged)


def publish(conn: psycopg.Connection, *, run_id: str | None = None, logical_date: str | None = None) -> PublishResult:
    """Copy every changed candidate mart into the published schema atomically.

    Raises PublishBlocked when another session keeps a needed lock through
    every attempt; all attempts together wait at most config.publish_lock_timeout().
    """
    if not _relations(conn, CANDIDATE_SCHEMA):
        raise RuntimeError(f"nothing to publish: schema {CANDIDATE_SCHEMA} has no relations (did dbt run?)")
    ensure_lock_table(conn)
    timeout = config.publish_lock_timeout()
    attempts = config.publish_lock_attempts()
    # The timeout is publish's whole budget for waiting on locks: each attempt
    # may wait three quarters of its share, the backoff takes the rest, so a
    # reader delays publish by at most `timeout` before it fails loudly.
    share = timeout / attempts
    deadline = time.monotonic() + timeout
    previous = conn.execute("select current_setting('lock_timeout')").fetchone()[0]
    conn.execute("select set_config('lock_timeout', %s, false)", (f"{max(1, int(share * 750))}ms",))
    try:
        for attempt in range(1, attempts + 1):
            state: dict = {"target": f"schema {PUBLISHED_SCHEMA}"}
            try:
                result = _publish_once(conn, state, run_id=run_id, logical_date=logical_date)
            except psycopg.errors.LockNotAvailable:
                blockers = _blockers(conn, state["target"])
                log.warning(
                    "publish attempt %d/%d: %s is locked by %s", attempt, attempts, state["target"],
                    "; ".join(blockers) or "a session that has since released it",
                )
                if attempt == attempts:
                    raise PublishBlocked(state["target"], attempts, timeout, blockers) from None
                # back off until this attempt's share of the budget is used up
                _sleep(max(0.0, min(share / 4, deadline - share * (attempts - attempt) - time.monotonic())))
                continue
            log.info("published %d changed marts (%d unchanged)", len(result.changed), len(result.unchanged))
            return result
    finally:
        if not conn.closed and conn.info.transaction_status != psycopg.pq.TransactionStatus.INERROR:
            conn.execute("select set_config('lock_timeout', %s, false)", (previous,))
    raise AssertionError("not reached")
