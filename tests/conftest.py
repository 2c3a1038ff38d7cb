"""Shared fixtures: an isolated state directory (its own embedded PostgreSQL)."""

from __future__ import annotations

import os
import tempfile

import pytest

# Tests never phone home, and never see the developer's own Airflow or warehouse.
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
# Airflow reads its config once, at first import: point it at a throwaway home
# before any test imports it, so the developer's ~/airflow is never touched.
_AIRFLOW_HOME = tempfile.mkdtemp(prefix="xiangmu-test-airflow-")
os.environ["AIRFLOW_HOME"] = _AIRFLOW_HOME
os.environ["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] = f"sqlite:///{_AIRFLOW_HOME}/airflow.db"
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(__import__("pathlib").Path(__file__).resolve().parent.parent / "dags")


@pytest.fixture(scope="module")
def isolated_state(tmp_path_factory):
    """A fresh state dir (own embedded PostgreSQL, Airflow home, dbt target) for one module.

    Module scope: modules that build different data must never share a warehouse.
    """
    from xiangmu.warehouse import embedded

    previous = os.environ.get("XIANGMU_STATE_DIR")
    # Not pytest's tmp dirs: they are private to root (the server runs as the
    # 'pgserver' user) and other pytest sessions may prune them mid-run.
    state = __import__("pathlib").Path(tempfile.mkdtemp(prefix="xiangmu-state-"))
    state.chmod(0o755)
    os.environ["XIANGMU_STATE_DIR"] = str(state)
    os.environ.pop("WAREHOUSE_URL", None)
    yield state
    embedded.stop(state / "pgdata")
    if previous is None:
        os.environ.pop("XIANGMU_STATE_DIR", None)
    else:
        os.environ["XIANGMU_STATE_DIR"] = previous


@pytest.fixture(scope="module")
def private_warehouse(tmp_path_factory):
    """A real PostgreSQL of the module's own, with the raw/extract schemas; yields its URL."""
    from xiangmu.warehouse import connect, embedded, ensure_schema

    pgdata = tmp_path_factory.mktemp("pg") / "pgdata"
    url = embedded.start(pgdata)
    with connect(url, autocommit=True) as conn:
        ensure_schema(conn)
    yield url
    embedded.stop(pgdata)
