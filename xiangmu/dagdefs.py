"""What the DAGs share: the Assets that join them, default task arguments, dates.

Why a module: ingestion and transformation are separate DAGs joined by the
raw-articles Asset; both must name the Assets and alert alike.
"""

from __future__ import annotations

import datetime as dt

import pendulum
from airflow.sdk import Asset

from xiangmu.alerts import task_failure_alert
from xiangmu.newspapers import TZ  # the papers' time zone, which the DAG files take from here

INGEST_DAG_ID = "xiangmu_ingest"
TRANSFORM_DAG_ID = "xiangmu_transform"

RAW_ARTICLES = Asset("xiangmu://warehouse/raw/articles", group="xiangmu")
INVESTMENT_FACTS = Asset("xiangmu://warehouse/extract/investment_facts", group="xiangmu")
MARTS = Asset("xiangmu://warehouse/marts", group="xiangmu")

DEFAULT_ARGS = {
    "owner": "data-engineering",
    "retries": 2,
    "retry_delay": pendulum.duration(minutes=5),
    "retry_exponential_backoff": True,
    "max_retry_delay": pendulum.duration(minutes=30),
    "on_failure_callback": task_failure_alert,
}
OWNER_LINKS = {"data-engineering": "https://github.com/xiangmu"}


def edition_day(logical_date) -> pendulum.Date:
    """The paper's date is the logical date in China, whatever the server's zone."""
    return pendulum.instance(logical_date).in_timezone(TZ).date()


def chunks(first: dt.date, last: dt.date, size: int) -> list[list[str]]:
    """The dates first..last (inclusive, ISO) in consecutive chunks of at most `size`."""
    if last < first:
        raise ValueError(f"{last} is before {first}")
    if size < 1:
        raise ValueError(f"chunk size must be at least 1, got {size}")
    days = [(first + dt.timedelta(days=i)).isoformat() for i in range((last - first).days + 1)]
    return [days[i:i + size] for i in range(0, len(days), size)]
