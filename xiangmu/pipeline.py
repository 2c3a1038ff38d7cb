"""The pipeline's steps, one function per DAG task.

Why a module: the DAG file stays thin wiring, and each step can be run and
tested without Airflow. Every step connects to the warehouse itself (tasks
may run in different processes or workers) and returns a small JSON-able
summary for XCom and the task log.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from typing import Any

from xiangmu import config
from xiangmu.warehouse import connect, ensure_schema, warehouse_url

log = logging.getLogger(__name__)


def scrape(newspaper: str, day: dt.date, *, run_id: str | None = None, force: bool = False) -> dict[str, Any]:
    """Discover, fetch and stage one paper's edition; fail loudly if incomplete."""
    from scrapers.http import ClientConfig, PoliteClient
    from scrapers.registry import get_source
    from xiangmu.load.raw import EditionIncomplete, stage_edition

    source = get_source(newspaper)
    with connect(autocommit=True) as conn:
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
    path = os.environ.get("XIANGMU_PROGRESS_FILE")
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
    with connect(autocommit=True) as conn:
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


def extract(*, run_id: str | None = None) -> dict[str, Any]:
    from xiangmu.load.facts import extract_pending

    with connect(autocommit=True) as conn:
        ensure_schema(conn)
        return extract_pending(conn, run_id=run_id)


def check(checkpoint: str, *, run_id: str | None = None) -> dict[str, Any]:
    """Run a GX checkpoint; raise (failing the task) when an expectation fails."""
    from expectations.run import QualityCheckFailed, run_checkpoint

    result = run_checkpoint(checkpoint, run_id=run_id)
    summary = result.as_dict()
    if not result.success:
        raise QualityCheckFailed(result)
    return summary


def transform(*, build: bool = True) -> dict[str, Any]:
    """dbt build (models, snapshots, tests) into the candidate schema, then docs.

    build=False only writes the docs: in Airflow the build itself is the cosmos
    task group of xiangmu.dbt_airflow, one task per dbt node.
    """
    from xiangmu.transform import dbt

    url = warehouse_url()
    if build:
        dbt.build(url)
    docs = dbt.docs_generate(url)
    return {"dbt_docs": str(docs)}


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
    result = transform(build=False)
    stamp.write_text(fingerprint)
    return {**result, "generated": True}


def publish(*, run_id: str | None = None, logical_date: str | None = None) -> dict[str, Any]:
    from xiangmu.publish import publish as publish_marts
    from xiangmu.transform.dbt import grant_bi_reader

    with connect() as conn:
        result = publish_marts(conn, run_id=run_id, logical_date=logical_date).as_dict()
    # the read-only role, created if missing, sees exactly the published marts (plain SQL, no dbt process)
    grant_bi_reader()
    return result
