"""Publishing cannot be blocked by a BI session (issue 12, item 5), on a real PostgreSQL.

bi_reader connects through the embedded server's unix socket (trust there), so
no password is needed; what it may do is decided by its privileges alone.

Every publish here runs with a statement_timeout on the publisher's own
connection: were publish to wait without a lock timeout (the old behaviour),
the test would fail with QueryCanceled instead of hanging.
"""

from __future__ import annotations

import logging
import time
from urllib.parse import parse_qs, urlparse

import psycopg
import pytest

from xiangmu import publish as publish_module
from xiangmu.publish import PublishBlocked, publish

GUARD = "60s"  # the publisher's statement_timeout: a hang becomes a failure


def _as(url: str, role: str) -> str:
    query = {k: v[-1] for k, v in parse_qs(urlparse(url).query).items()}
    return f"postgresql://{role}@/postgres?host={query['host']}&port={query['port']}"


@pytest.fixture()
def warehouse(private_warehouse, monkeypatch):
    """marts.dim_region published once, and a changed candidate waiting to be published."""
    monkeypatch.setenv("XIANGMU_PUBLISH_LOCK_TIMEOUT", "0.5")
    monkeypatch.setenv("XIANGMU_PUBLISH_LOCK_ATTEMPTS", "3")
    with psycopg.connect(private_warehouse, autocommit=True) as conn:
        conn.execute("drop schema if exists marts cascade")
        conn.execute("drop schema if exists marts_candidate cascade")
        conn.execute("create schema marts_candidate")
        conn.execute("create table marts_candidate.dim_region as select 1 as region_id, '石家庄市'::text as name")
        publish(conn, run_id="first")
        conn.execute("insert into marts_candidate.dim_region values (2, '保定市')")
    return private_warehouse


def _publisher(url: str) -> psycopg.Connection:
    conn = psycopg.connect(url, autocommit=True)
    conn.execute(f"set statement_timeout = '{GUARD}'")
    return conn


def _published_regions(url: str) -> list[int]:
    with psycopg.connect(url) as conn:
        return [r[0] for r in conn.execute("select region_id from marts.dim_region order by 1")]


def test_reader_holding_a_mart_makes_publish_fail_loudly_after_the_lock_timeout(warehouse):
    with psycopg.connect(_as(warehouse, "bi_reader")) as reader:  # not autocommit: the transaction stays open
        reader.execute("select count(*) from marts.dim_region").fetchone()
        reader_pid = reader.info.backend_pid
        with _publisher(warehouse) as conn, pytest.raises(PublishBlocked) as blocked:
            publish(conn, run_id="second")
        message = str(blocked.value)
        assert "marts.dim_region" in message and "3 attempt" in message
        assert f"pid {reader_pid}" in message and "role bi_reader" in message
        assert "select count(*) from marts.dim_region" in message, "the blocking session's query is named"
        reader.rollback()
    assert _published_regions(warehouse) == [1], "a failed publish leaves the old marts whole"


def test_publish_retries_and_succeeds_once_the_reader_goes_away(warehouse, monkeypatch, caplog):
    reader = psycopg.connect(_as(warehouse, "bi_reader"))
    reader.execute("select count(*) from marts.dim_region").fetchone()
    backoffs: list[float] = []

    def reader_leaves(seconds: float) -> None:  # the backoff between attempts: the dashboard closes meanwhile
        backoffs.append(seconds)
        reader.close()

    monkeypatch.setattr(publish_module, "_sleep", reader_leaves)
    with caplog.at_level(logging.WARNING, logger="xiangmu.publish"), _publisher(warehouse) as conn:
        result = publish(conn, run_id="second")
    assert result.changed == ["dim_region"]
    assert len(backoffs) == 1, "one failed attempt, then success"
    assert any("attempt 1/3" in r.getMessage() and "bi_reader" in r.getMessage() for r in caplog.records)
    assert _published_regions(warehouse) == [1, 2]


def test_bi_reader_cannot_take_or_hold_the_publish_lock(warehouse):
    with psycopg.connect(_as(warehouse, "bi_reader")) as reader:
        for attempt in (
            # The old publish lock, and any key the pipeline serialises on: PUBLIC may no longer take them.
            "select pg_advisory_lock(hashtext('xiangmu.publish'))",
            "select pg_try_advisory_xact_lock(hashtext('xiangmu.quality'))",
            "select pg_advisory_lock_shared(1)",
            "lock table ops.publish_lock in share row exclusive mode",
            "lock table ops.publish_lock in access share mode",
            "select * from ops.publish_lock",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                reader.execute(attempt)
            reader.rollback()
        reader.execute("select count(*) from marts.publication_log").fetchone()  # all a reader can hold
        with _publisher(warehouse) as conn:
            assert publish(conn, run_id="second").changed == ["dim_region"]
    assert _published_regions(warehouse) == [1, 2]


def test_two_publishers_are_serialised_by_the_lock_table(warehouse):
    with _publisher(warehouse) as first, _publisher(warehouse) as second:
        first.execute("begin")
        first.execute("lock table ops.publish_lock in share row exclusive mode")
        with pytest.raises(PublishBlocked) as blocked:
            publish(second, run_id="second")
        assert "ops.publish_lock" in str(blocked.value) and f"pid {first.info.backend_pid}" in str(blocked.value)
        first.execute("rollback")
        assert publish(second, run_id="second").changed == ["dim_region"]


def test_a_reader_delays_publish_by_at_most_the_lock_timeout(warehouse, monkeypatch):
    """The timeout bounds publish's whole wait, every attempt and backoff included."""
    monkeypatch.setenv("XIANGMU_PUBLISH_LOCK_TIMEOUT", "2")
    with psycopg.connect(_as(warehouse, "bi_reader")) as reader:
        reader.execute("select count(*) from marts.dim_region").fetchone()
        with _publisher(warehouse) as conn:
            started = time.monotonic()
            with pytest.raises(PublishBlocked):
                publish(conn, run_id="second")
            waited = time.monotonic() - started
        reader.rollback()
    # a bound, not a speed target: three attempts at 2 s each would wait 6 s or more
    assert 1.0 <= waited < 2.0 + 1.5, waited


def test_a_mart_is_republished_when_a_row_changes_even_if_none_was_added(warehouse):
    """Counting rows only shortcuts a grown mart: equal counts still compare every row."""
    with _publisher(warehouse) as conn:
        assert publish(conn, run_id="second").changed == ["dim_region"]
        conn.execute("update marts_candidate.dim_region set name = '保定' where region_id = 2")
        assert publish(conn, run_id="third").changed == ["dim_region"]
        assert conn.execute("select name from marts.dim_region where region_id = 2").fetchone()[0] == "保定"
        assert publish(conn, run_id="fourth").unchanged == ["dim_region"]
