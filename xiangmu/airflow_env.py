"""The environment a local Airflow needs: metadata in SQLite under the state dir.

Why: `make run`, `make airflow` and the tests all drive the real Airflow CLI,
and must agree on where its home, DAGs and metadata live without touching the
user's own ~/airflow. Phone-home is switched off here for every tool.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from xiangmu import config

NO_PHONE_HOME = {
    "DO_NOT_TRACK": "1",
    "SCARF_ANALYTICS": "false",
    "AIRFLOW__USAGE_DATA_COLLECTION__ENABLED": "False",
    "AIRFLOW__COSMOS__ENABLE_TELEMETRY": "False",
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    "GX_ANALYTICS_ENABLED": "false",
}


def airflow_home() -> Path:
    return config.state_dir() / "airflow"


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
    env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] = f"sqlite:///{home / 'airflow.db'}"
    env.setdefault("AIRFLOW__CORE__DAGBAG_IMPORT_TIMEOUT", "120")
    # cosmos keeps dbt's partial-parse cache here: per state dir, never shared in /tmp
    env["AIRFLOW__COSMOS__CACHE_DIR"] = str(config.state_dir() / "cosmos")
    env["AIRFLOW__COSMOS__ENABLE_CACHE"] = "True"
    env["XIANGMU_STATE_DIR"] = str(config.state_dir())
    # cosmos' Airflow 3 plugin serves the dbt docs (`dbt_docs` task output) under
    # /cosmos/xiangmu/ and adds a "Browse > dbt docs" link to the Airflow UI.
    env.setdefault("AIRFLOW__COSMOS__DBT_DOCS_PROJECTS", json.dumps(
        {"xiangmu": {"dir": str(config.dbt_target_dir()), "index": "index.html", "name": "dbt docs (Xiangmu marts)"}}
    ))
    if extra:
        env.update(extra)
    return env


def airflow_bin() -> str:
    return str(Path(sys.executable).parent / "airflow")


def pools() -> dict[str, dict]:
    """One 1-slot pool per paper: at most one scrape per newspaper host at a time."""
    return {
        f"epaper_{code}": {"slots": 1, "description": f"requests to the {code} e-paper host", "include_deferred": False}
        for code in config.enabled_sources()
    }


def migrate(env: dict[str, str]) -> None:
    """Create or upgrade the SQLite metadata DB and the pools the DAG uses (idempotent).

    Also (re)generates the dbt manifest the DAG's cosmos task group is built from,
    so that no parse of the DAG file has to run `dbt parse` itself.
    """
    from xiangmu.dbt_airflow import ensure_manifest

    ensure_manifest()
    subprocess.run([airflow_bin(), "db", "migrate"], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    pools_file = airflow_home() / "pools.json"
    pools_file.write_text(json.dumps(pools()), encoding="utf-8")
    subprocess.run([airflow_bin(), "pools", "import", str(pools_file)], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def dags_test(dag_id: str, logical_date: str, env: dict[str, str], log_path: Path,
              conf: str | None = None) -> int:
    """Run one DAG run in-process with `airflow dags test`; returns its exit code."""
    cmd = [airflow_bin(), "dags", "test", dag_id, logical_date]
    if conf:
        cmd += ["--conf", conf]
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("w") as fh:
        return subprocess.run(cmd, env=env, stdout=fh, stderr=subprocess.STDOUT, check=False).returncode


def task_states(dag_id: str, logical_date: str) -> dict[str, int]:
    """Task-instance states of the latest local run for a date, from the SQLite metadata.

    Why: a run whose tasks were never created (e.g. a date before the DAG's
    start_date) is marked successful by Airflow; `make run` must not call that ok.
    """
    db = airflow_home() / "airflow.db"
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            """
            select ti.state, count(*) from task_instance ti
            where ti.dag_id = ? and ti.run_id = (
                select run_id from dag_run where dag_id = ? and logical_date like ? || '%'
                order by id desc limit 1)
            group by ti.state
            """,
            (dag_id, dag_id, logical_date),
        ).fetchall()
    return {state or "none": n for state, n in rows}


def task_state(dag_id: str, logical_date: str, task_id: str) -> str | None:
    """State of one (unmapped) task in the latest local run of a DAG for a date, or None."""
    db = airflow_home() / "airflow.db"
    with sqlite3.connect(db) as conn:
        row = conn.execute(
            """
            select ti.state from task_instance ti
            where ti.dag_id = ? and ti.task_id = ? and ti.run_id = (
                select run_id from dag_run where dag_id = ? and logical_date like ? || '%'
                order by id desc limit 1)
            """,
            (dag_id, task_id, dag_id, logical_date),
        ).fetchone()
    return row[0] if row else None
