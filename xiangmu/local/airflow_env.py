"""The environment a local Airflow needs: its home under the state dir, metadata on the embedded PostgreSQL.

Why: `make run`, `make airflow` and the tests all drive the real Airflow CLI,
and must agree on where its home, DAGs and metadata live without touching the
user's own ~/airflow. Phone-home is switched off here for every tool.

Why the metadata in PostgreSQL (database `airflow` on the embedded server,
beside the warehouse's own database) rather than SQLite: a deployment keeps it
in PostgreSQL, and only there can the scheduler run tasks in parallel with the
LocalExecutor, which `make run` and `xiangmu backfill` use (see localrun).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from xiangmu import config

NO_PHONE_HOME = {
    "DO_NOT_TRACK": "1",
    "SCARF_ANALYTICS": "false",
    "AIRFLOW__USAGE_DATA_COLLECTION__ENABLED": "False",
    "AIRFLOW__COSMOS__ENABLE_TELEMETRY": "False",
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    "GX_ANALYTICS_ENABLED": "false",
}


METADATA_DATABASE = "airflow"
EXECUTOR = "LocalExecutor"


def airflow_home() -> Path:
    return config.state_dir() / "airflow"


def metadata_uri() -> str:
    """libpq URI of Airflow's metadata database on the embedded server (started and created if needed)."""
    from xiangmu.warehouse import embedded

    return embedded.database_uri(METADATA_DATABASE)


def sqlalchemy_url(libpq_uri: str) -> str:
    """The same database for SQLAlchemy, through psycopg 3 (the driver the project uses everywhere)."""
    scheme, rest = libpq_uri.split("://", 1)
    if scheme not in ("postgresql", "postgres"):
        raise ValueError(f"not a PostgreSQL URI: {scheme}://...")
    return "postgresql+psycopg://" + rest.replace("postgres:@", "postgres@", 1)


def airflow_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    home = airflow_home()
    home.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.update(NO_PHONE_HOME)
    # Always the project's own home and metadata DB: a local run never uses or
    # touches another Airflow installation's, even if its variables are set.
    env["AIRFLOW_HOME"] = str(home)
    # `airflow standalone` spawns `airflow scheduler` etc. by name: the venv's bin
    # must be on PATH even when the venv was never activated (fresh clone, make).
    venv_bin = str(Path(sys.executable).parent)
    if venv_bin not in env.get("PATH", "").split(os.pathsep):
        env["PATH"] = os.pathsep.join(p for p in (venv_bin, env.get("PATH", "")) if p)
    # the UI and API on localhost unless configured otherwise
    env.setdefault("AIRFLOW__API__HOST", "127.0.0.1")
    env["AIRFLOW__CORE__DAGS_FOLDER"] = str(config.PROJECT_ROOT / "dags")
    env["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
    env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] = sqlalchemy_url(metadata_uri())
    env.pop("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC", None)  # derived from the above (asyncpg)
    env["AIRFLOW__CORE__EXECUTOR"] = EXECUTOR
    env.setdefault("AIRFLOW__CORE__DAGBAG_IMPORT_TIMEOUT", "120")
    # cosmos keeps dbt's partial-parse cache here: per state dir, never shared in /tmp
    env["AIRFLOW__COSMOS__CACHE_DIR"] = str(config.state_dir() / "cosmos")
    env["AIRFLOW__COSMOS__ENABLE_CACHE"] = "True"
    env["XIANGMU_STATE_DIR"] = str(config.state_dir())
    cache_bytecode(env)
    # cosmos' Airflow 3 plugin serves the dbt docs (`dbt_docs` task output) under
    # /cosmos/xiangmu/ and adds a "Browse > dbt docs" link to the Airflow UI.
    env.setdefault("AIRFLOW__COSMOS__DBT_DOCS_PROJECTS", json.dumps(
        {"xiangmu": {"dir": str(config.dbt_target_dir()), "index": "index.html", "name": "dbt docs (Xiangmu marts)"}}
    ))
    if extra:
        env.update(extra)
    return env


PYCACHE = config.PROJECT_ROOT / ".state" / "pycache"


def cache_bytecode(env: dict[str, str]) -> None:
    """Let Airflow's processes cache compiled bytecode, under .state/pycache when not beside the sources.

    Why: Airflow runs every task in a fresh process that imports Airflow, cosmos,
    psycopg and the DAG's modules (GX and dbt too, in their processes). Where
    writing bytecode is switched off (PYTHONDONTWRITEBYTECODE, as in sandboxes
    and images whose site-packages hold no __pycache__), every such process
    compiles thousands of modules from source again: measured 7 s of CPU to
    import Airflow and parse the transform DAG, against 3 s with a cache.
    PYTHONPYCACHEPREFIX keeps the source tree and the venv unwritten, as the
    setting intends; one cache for every state dir (it is keyed by source path
    and mtime), so tests and benches start warm.
    """
    if env.pop("PYTHONDONTWRITEBYTECODE", None):
        env.setdefault("PYTHONPYCACHEPREFIX", str(PYCACHE))


def airflow_bin() -> str:
    return str(Path(sys.executable).parent / "airflow")


def pools() -> dict[str, dict]:
    """One 1-slot pool per paper: at most one scrape per newspaper host at a time."""
    return {
        f"epaper_{code}": {"slots": 1, "description": f"requests to the {code} e-paper host", "include_deferred": False}
        for code in config.enabled_sources()
    }


LOCAL_SETTINGS = """\
# Written by xiangmu.local.airflow_env for local runs only (a deployment has its own).
# Warms the modules every task process imports, before Airflow's processes fork (xiangmu.local.preload).
from xiangmu.local import preload as _preload

__all__: list[str] = []  # nothing to override in airflow.settings
_preload.install()
"""


def write_local_settings() -> Path:
    """The local Airflow home's `config/airflow_local_settings.py` (Airflow imports it in each of its processes)."""
    path = airflow_home() / "config" / "airflow_local_settings.py"
    if not path.is_file() or path.read_text("utf-8") != LOCAL_SETTINGS:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(LOCAL_SETTINGS, encoding="utf-8")
    return path


def _migration_stamp() -> str:
    """What the metadata DB was last migrated for: Airflow's version, the database, the pools."""
    from importlib.metadata import version

    return json.dumps({"airflow": version("apache-airflow-core"), "db": metadata_uri(), "pools": pools()},
                      sort_keys=True)


def migrate(env: dict[str, str]) -> None:
    """Create or upgrade the metadata DB and the pools the DAG uses (idempotent).

    Also (re)generates the dbt manifest the DAG's cosmos task group is built from,
    so that no parse of the DAG file has to run `dbt parse` itself, and writes
    the local settings that warm task processes (xiangmu.local.preload).
    Skips the two Airflow commands (an Airflow import each: seconds) when they
    already ran for this Airflow version, database and pools.
    """
    from xiangmu.dbt_airflow import ensure_manifest

    ensure_manifest()
    write_local_settings()
    stamp_file, stamp = airflow_home() / "migrated.json", _migration_stamp()
    migrated = query("select to_regclass('public.dag') is not null and to_regclass('public.slot_pool') is not null")
    if migrated[0][0] and stamp_file.is_file() and stamp_file.read_text("utf-8") == stamp:
        return
    subprocess.run([airflow_bin(), "db", "migrate"], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    pools_file = airflow_home() / "pools.json"
    pools_file.write_text(json.dumps(pools()), encoding="utf-8")
    subprocess.run([airflow_bin(), "pools", "import", str(pools_file)], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stamp_file.write_text(stamp, encoding="utf-8")


def query(sql: str, params: tuple = ()) -> list[tuple[Any, ...]]:
    """Rows of one query on Airflow's metadata database (read-only use: runs and task states)."""
    import psycopg

    with psycopg.connect(metadata_uri(), autocommit=True) as conn:
        return conn.execute(sql, params).fetchall()


def latest_run_id(dag_id: str, logical_date: str) -> str | None:
    """run_id of the latest run of a DAG whose logical date falls on a date (UTC), or None."""
    rows = query("select run_id from dag_run where dag_id = %s and logical_date::date = %s::date "
                 "order by id desc limit 1", (dag_id, logical_date))
    return rows[0][0] if rows else None


def task_states(dag_id: str, run_id: str | None) -> dict[str, int]:
    """Task-instance states of one run, counted.

    Why: a run whose tasks were never created (e.g. a date before the DAG's
    start_date) is marked successful by Airflow; `make run` must not call that ok.
    """
    rows = query("select state, count(*) from task_instance where dag_id = %s and run_id = %s group by state",
                 (dag_id, run_id))
    return {state or "none": n for state, n in rows}


def task_state(dag_id: str, run_id: str | None, task_id: str) -> str | None:
    """State of one (unmapped) task of a run, or None."""
    rows = query("select state from task_instance where dag_id = %s and run_id = %s and task_id = %s",
                 (dag_id, run_id, task_id))
    return rows[0][0] if rows else None
