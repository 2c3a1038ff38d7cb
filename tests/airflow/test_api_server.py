"""The local Airflow UI's server: starts, authenticates, lists the DAG, no import errors.

Runs the real `airflow api-server` on a free localhost port, on a throwaway
AIRFLOW_HOME and metadata database made by xiangmu.local.airflow_env (as `make airflow` does),
and talks to it only through the REST API with a JWT from the simple auth
manager, using the password it generated where the README (Operate, Local UI) says it is.
"""

from __future__ import annotations

import subprocess
import time

import pytest
from processes import airflow_token, free_port, request_json, stop
from state import fresh_dir, scoped_env

from xiangmu.local import airflow_env

STARTUP_TIMEOUT = 45.0


@pytest.fixture(scope="module")
def server():
    # not pytest's tmp root (0700): the embedded warehouse runs as the 'pgserver' user
    state = fresh_dir("xiangmu-airflow-ui-")
    port = free_port()
    with scoped_env(XIANGMU_STATE_DIR=str(state)):
        env = airflow_env.airflow_env({
            "AIRFLOW__API__PORT": str(port),
            "AIRFLOW__API__HOST": "127.0.0.1",
            "AIRFLOW__API__BASE_URL": f"http://127.0.0.1:{port}",
            "AIRFLOW__API__WORKERS": "1",
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "False",
        })
        airflow_env.migrate(env)
        # the api-server only shows what the dag-processor serialized: do it once
        subprocess.run([airflow_env.airflow_bin(), "dags", "reserialize"], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)
        log = (state / "api-server.log").open("w")
        proc = subprocess.Popen(
            [airflow_env.airflow_bin(), "api-server", "--port", str(port), "--host", "127.0.0.1"],
            env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + STARTUP_TIMEOUT
        healthy = False
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                status, body = request_json(f"{base}/api/v2/monitor/health")
                if status == 200 and body.get("metadatabase", {}).get("status") == "healthy":
                    healthy = True
                    break
            except OSError:
                pass
            time.sleep(0.5)
        assert healthy, f"api-server not healthy after {STARTUP_TIMEOUT}s, see {state / 'api-server.log'}"
        yield {"base": base, "state": state, "home": airflow_env.airflow_home()}
        stop(proc)
        log.close()
        from xiangmu.warehouse import embedded

        embedded.stop(state / "pgdata")  # started by airflow_env for the metadata database


@pytest.fixture(scope="module")
def token(server):
    return airflow_token(server["base"], server["home"])


def test_api_requires_authentication(server):
    status, _ = request_json(f"{server['base']}/api/v2/dags")
    assert status in (401, 403)
    status, _ = request_json(f"{server['base']}/auth/token", body={"username": "admin", "password": "wrong"})
    assert status == 401


def test_lists_the_dags(server, token):
    status, body = request_json(f"{server['base']}/api/v2/dags?limit=100", token=token)
    assert status == 200
    dags = {d["dag_id"]: d for d in body["dags"]}
    assert {"xiangmu_ingest", "xiangmu_transform"} <= dags.keys()
    transform = dags["xiangmu_transform"]
    assert {t["name"] for t in transform["tags"]} >= {"xiangmu", "dbt"}
    assert "data-engineering" in transform["owners"]
    status, tasks = request_json(f"{server['base']}/api/v2/dags/xiangmu_transform/tasks", token=token)
    assert status == 200
    ids = {t["task_id"] for t in tasks["tasks"]}
    assert "publish" in ids and "dbt.dbt_producer_watcher" in ids


def test_no_import_errors(server, token):
    status, body = request_json(f"{server['base']}/api/v2/importErrors", token=token)
    assert status == 200
    assert body["total_entries"] == 0, body.get("import_errors")
