"""The pipeline's steps, one function per DAG task.

Why a module: the DAG file stays thin wiring, and each step can be run and
tested without Airflow. Every step connects to the warehouse itself (tasks
may run in different processes or workers) and returns a small JSON-able
summary for XCom and the task log.

Where the warehouse is: the Airflow connection `xiangmu_warehouse` (a
`postgres` connection: UI, secrets backend or AIRFLOW_CONN_XIANGMU_WAREHOUSE)
when one is defined, as in deployment; otherwise WAREHOUSE_URL, or the
embedded server (local runs and tests). Each step resolves it once and hands
it to the layers below.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

from xiangmu import config
from xiangmu.warehouse import connect, ensure_schema, warehouse_url

log = logging.getLogger(__name__)

WAREHOUSE_CONN_ID = "xiangmu_warehouse"


def _airflow_warehouse_connection() -> Any:
    """The Airflow connection `xiangmu_warehouse`, or None when it is not defined (or no Airflow)."""
    try:
        from airflow.sdk import BaseHook
        from airflow.sdk.exceptions import AirflowNotFoundException
    except ImportError:
        return None
    try:
        return BaseHook.get_connection(WAREHOUSE_CONN_ID)
    except AirflowNotFoundException:
        return None


def warehouse_connection() -> Any:
    """The warehouse as a `postgres` connection object (for cosmos' dbt profile mapping)."""
    from xiangmu.transform.dbt import url_connection

    return _airflow_warehouse_connection() or url_connection(warehouse_url(), WAREHOUSE_CONN_ID)


def warehouse_dsn() -> str:
    """The warehouse's libpq URL: from the Airflow connection when defined, else warehouse_url()."""
    conn = _airflow_warehouse_connection()
    return conn.get_uri() if conn is not None else warehouse_url()


def scrape(newspaper: str, day: dt.date, *, run_id: str | None = None, force: bool = False) -> dict[str, Any]:
    """Discover, fetch and stage one paper's edition; fail loudly if incomplete."""
    from scrapers.http import ClientConfig, PoliteClient
    from scrapers.registry import get_source
    from xiangmu.load.raw import EditionIncomplete, stage_edition

    source = get_source(newspaper)
    with connect(warehouse_dsn(), autocommit=True) as conn:
        ensure_schema(conn)
        with PoliteClient(ClientConfig.from_env()) as client:
            outcome = stage_edition(
                conn, source, day, base_url=config.source_base_url(newspaper),
                client=client, run_id=run_id, force=force,
            )
    if not outcome.ok:
        raise EditionIncomplete(outcome)
    return outcome.as_dict()


class EditionsIncomplete(RuntimeError):
    """Some editions of a chunk were partial or failed (each already recorded in raw.editions)."""

    def __init__(self, outcomes: list[dict[str, Any]]):
        self.outcomes = outcomes
        bad = [o for o in outcomes if o["status"] not in OK_STATUSES]
        listed = "; ".join(f"{o['newspaper']} {o['edition_date']}: {o['status']} {o.get('detail') or ''}".strip()
                           for o in bad[:20])
        super().__init__(f"{len(bad)} of {len(outcomes)} editions incomplete: {listed}")


OK_STATUSES = ("complete", "no_edition", "skipped")


def _report_progress(outcome: dict[str, Any]) -> None:
    """One JSON line per edition to XIANGMU_PROGRESS_FILE, when set (`xiangmu backfill` reads it)."""
    path = config.progress_file()
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(outcome, default=str) + "\n")


def ingest(newspaper: str, days: list[str], *, run_id: str | None = None, force: bool = False) -> list[dict[str, Any]]:
    """Discover, fetch and stage one paper's editions of several dates, in order.

    Why a list of dates: a backfill's task count must scale with chunks of
    dates, not with dates (Airflow costs seconds per task). Every edition is
    attempted and its outcome recorded in raw.editions; only then, if any was
    partial or failed, the task fails (and alerts) naming them all.
    """
    from scrapers.http import ClientConfig, PoliteClient
    from scrapers.registry import get_source
    from xiangmu.load.raw import stage_edition

    source = get_source(newspaper)
    outcomes: list[dict[str, Any]] = []
    with connect(warehouse_dsn(), autocommit=True) as conn:
        ensure_schema(conn)
        # one client for the chunk: its politeness interval spans the dates too
        with PoliteClient(ClientConfig.from_env()) as client:
            for day in days:
                outcome = stage_edition(
                    conn, source, dt.date.fromisoformat(day), base_url=config.source_base_url(newspaper),
                    client=client, run_id=run_id, force=force,
                ).as_dict()
                outcomes.append(outcome)
                _report_progress(outcome)
    if any(o["status"] not in OK_STATUSES for o in outcomes):
        raise EditionsIncomplete(outcomes)
    return outcomes


def extract(*, run_id: str | None = None, shard: int = 0, shards: int = 1) -> dict[str, Any]:
    """Facts from this shard's pending articles (article id modulo ``shards``; see extract_pending)."""
    from xiangmu.load.facts import extract_pending

    with connect(warehouse_dsn(), autocommit=True) as conn:
        ensure_schema(conn)
        return extract_pending(conn, run_id=run_id, shard=shard, shards=shards)


def check(checkpoint: str, *, run_id: str | None = None) -> dict[str, Any]:
    """Run a GX checkpoint; raise (failing the task) when an expectation fails."""
    from expectations.run import QualityCheckFailed, run_checkpoint

    result = run_checkpoint(checkpoint, url=warehouse_dsn(), run_id=run_id)
    summary = result.as_dict()
    if not result.success:
        raise QualityCheckFailed(result)
    return summary


def write_docs() -> dict[str, Any]:
    """`dbt docs generate` (the build itself is the DAG's cosmos task group, xiangmu.dbt_airflow)."""
    from xiangmu.transform import dbt

    return {"dbt_docs": str(dbt.docs_generate(warehouse_dsn()))}


def docs_if_changed() -> dict[str, Any]:
    """`dbt docs generate` only when the dbt project changed since the docs were written.

    Why: the docs describe the project (models, columns, lineage), which only
    changes with its files; regenerating them costs a dbt process per run.
    """
    from xiangmu.dbt_airflow import project_fingerprint

    fingerprint = project_fingerprint()
    stamp = config.dbt_target_dir() / "docs.sha256"
    index = config.dbt_target_dir() / "index.html"
    if index.is_file() and stamp.is_file() and stamp.read_text().strip() == fingerprint:
        return {"dbt_docs": str(index), "generated": False}
    result = write_docs()
    stamp.write_text(fingerprint)
    return {**result, "generated": True}


def publish(*, run_id: str | None = None, logical_date: str | None = None) -> dict[str, Any]:
    from xiangmu.publish import publish as publish_marts
    from xiangmu.transform.dbt import grant_bi_reader

    dsn = warehouse_dsn()
    with connect(dsn) as conn:
        result = publish_marts(conn, run_id=run_id, logical_date=logical_date).as_dict()
    # the read-only role, created if missing, sees exactly the published marts (plain SQL, no dbt process)
    grant_bi_reader(dsn)
    return result
