"""Shared fixtures: the one way tests get an embedded PostgreSQL of their own.

- `isolated_state`: a fresh state dir (XIANGMU_STATE_DIR) whose warehouse is
  the embedded server the code starts itself, as in local runs;
- `private_warehouse`: a server of the module's own, not tied to the state
  dir, with the raw/extract schemas; yields its URL.
Both are module-scoped: modules that build different data must never share a
warehouse, and starting PostgreSQL costs seconds.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from state import fresh_dir, scoped_env

# Tests never phone home, and never see the developer's own Airflow or warehouse.
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
# Airflow reads its config once, at first import: point it at a throwaway home
# before any test imports it, so the developer's ~/airflow is never touched.
_AIRFLOW_HOME = tempfile.mkdtemp(prefix="xiangmu-test-airflow-")
os.environ["AIRFLOW_HOME"] = _AIRFLOW_HOME
os.environ["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] = f"sqlite:///{_AIRFLOW_HOME}/airflow.db"
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(Path(__file__).resolve().parent.parent / "dags")


def _quiet_pgserver() -> None:
    # pgserver logs from an atexit hook after pytest closed its streams
    logging.getLogger("pgserver").setLevel(logging.CRITICAL)


@pytest.fixture(scope="module")
def isolated_state() -> Iterator[Path]:
    """A fresh state dir (own embedded PostgreSQL, Airflow home, dbt target) for one module."""
    from xiangmu.warehouse import embedded

    state = fresh_dir("xiangmu-state-")
    # XDG_RUNTIME_DIR: the embedded server's runtime dir goes under this state dir too.
    with scoped_env(XIANGMU_STATE_DIR=str(state), WAREHOUSE_URL=None, XDG_RUNTIME_DIR=None):
        try:
            yield state
        finally:
            embedded.stop(state / "pgdata")
            _quiet_pgserver()


@pytest.fixture(scope="module")
def private_warehouse() -> Iterator[str]:
    """A real PostgreSQL of the module's own with the raw/extract schemas; yields its (unix socket) URL."""
    from xiangmu.warehouse import connect, embedded, ensure_schema

    root = fresh_dir("xiangmu-warehouse-test-")
    pgdata = root / "pgdata"
    url = embedded.start(pgdata)
    try:
        with connect(url, autocommit=True) as conn:
            ensure_schema(conn)
        yield url
    finally:
        embedded.stop(pgdata)
        _quiet_pgserver()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture()
def make_client():
    """PoliteClient factory with no politeness wait and short backoff unless overridden: suites stay fast."""
    from scrapers.http import ClientConfig, PoliteClient

    made: list[PoliteClient] = []

    def factory(**overrides: object) -> PoliteClient:
        values: dict[str, object] = {
            "min_interval": 0.0,
            "backoff_base": 0.01,
            "backoff_max": 0.05,
            "connect_timeout": 2.0,
            "read_timeout": 2.0,
        }
        values.update(overrides)
        client = PoliteClient(ClientConfig(**values))  # type: ignore[arg-type]
        made.append(client)
        return client

    yield factory
    for client in made:
        client.close()
