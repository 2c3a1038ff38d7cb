"""One embedded PostgreSQL with synthetic data and one dbt build, shared by the transform tests.

Why session-scoped: a dbt build takes seconds; every assertion reads the same
build, and the one test that adds data runs last (see test_dbt_marts.py).
"""

from __future__ import annotations

import dbt_synthetic
import pytest
from mart_contents import Built, all_marts


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
