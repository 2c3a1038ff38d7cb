"""One embedded PostgreSQL with synthetic data and one dbt build, shared by the transform tests.

Why session-scoped: a dbt build takes seconds; every assertion reads the same
build, and the one test that adds data runs last (see test_dbt_marts.py).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import dbt_synthetic  # noqa: E402

MARTS = [
    "dim_region",
    "dim_date",
    "dim_newspaper",
    "dim_article",
    "dim_project",
    "fct_investment_mention",
    "fct_investment_figure",
    "fct_groundbreaking_batch",
    "fct_project_milestone",
]


def table_contents(url: str, schema: str, table: str) -> list[tuple]:
    """All rows of a table in a canonical order (so two builds can be compared)."""
    from xiangmu.warehouse.connect import connect

    with connect(url) as conn:
        rows = conn.execute(f'select * from "{schema}"."{table}"').fetchall()
    return sorted(rows, key=repr)


def all_marts(url: str) -> dict[str, list[tuple]]:
    contents = {name: table_contents(url, "marts_candidate", name) for name in MARTS}
    contents["snapshots.dim_project_history"] = table_contents(url, "snapshots", "dim_project_history")
    return contents


@dataclass
class Built:
    url: str
    first: dict[str, list[tuple]]
    second: dict[str, list[tuple]]
    first_seconds: float
    second_seconds: float


@pytest.fixture(scope="module")
def warehouse(isolated_state) -> str:
    """URL of a fresh embedded server holding the synthetic raw and extract rows."""
    from xiangmu.warehouse.connect import connect, ensure_schema, warehouse_url

    url = warehouse_url()
    with connect(url, autocommit=True) as conn:
        ensure_schema(conn)
        dbt_synthetic.load_initial(conn)
    return url


@pytest.fixture(scope="module")
def built(warehouse: str) -> Built:
    """Two consecutive `dbt build`s with the marts' contents after each."""
    import time

    from xiangmu.transform import dbt

    started = time.monotonic()
    dbt.build(warehouse)
    first_seconds = time.monotonic() - started
    first = all_marts(warehouse)
    started = time.monotonic()
    dbt.build(warehouse)
    second_seconds = time.monotonic() - started
    second = all_marts(warehouse)
    return Built(warehouse, first, second, first_seconds, second_seconds)
