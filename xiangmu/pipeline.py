"""The pipeline's steps, one function per DAG task.

Why a module: the DAG file stays thin wiring, and each step can be run and
tested without Airflow. Every step connects to the warehouse itself (tasks
may run in different processes or workers) and returns a small JSON-able
summary for XCom and the task log.
"""

from __future__ import annotations

import datetime as dt
import logging
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


def publish(*, run_id: str | None = None, logical_date: str | None = None) -> dict[str, Any]:
    from xiangmu.publish import publish as publish_marts
    from xiangmu.transform.dbt import grant_bi_reader

    with connect() as conn:
        result = publish_marts(conn, run_id=run_id, logical_date=logical_date).as_dict()
    grant_bi_reader()  # the read-only role, created if missing, sees exactly the published marts
    return result
