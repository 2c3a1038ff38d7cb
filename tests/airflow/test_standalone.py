"""`make airflow` (= `xiangmu airflow standalone`) from a fresh clone: it starts, serves, lists, stops.

Started exactly as the Makefile does, with the virtualenv's bin/ NOT on PATH
(a fresh clone never activates it): standalone spawns `airflow scheduler`,
`dag-processor`, `triggerer` and `api-server` by name, which used to die with
FileNotFoundError 'airflow'. Then: /api/v2/monitor/health answers with every
component healthy, the DAGs list without import errors (REST API with a JWT
from the password standalone generated), it listens on localhost only, and
Ctrl-C stops every process it started. Its metadata is in database `airflow`
on the embedded PostgreSQL (the one `make run` fills), its executor the
LocalExecutor.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from processes import airflow_token, free_port, request_json
from state import fresh_dir

STARTUP_TIMEOUT = 480.0  # two migrations and four Airflow processes starting, on a loaded 2-core machine
VENV_BIN = Path(sys.executable).parent


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture(scope="module")
def standalone():
    # not pytest's tmp root (0700): the embedded warehouse runs as the 'pgserver' user
    state = fresh_dir("xiangmu-standalone-")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "XIANGMU_"))}
    # a fresh clone: the venv is not activated, so its bin/ is not on PATH
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "/usr/bin:/bin").split(os.pathsep)
                                  if Path(p).resolve() != VENV_BIN.resolve()) or "/usr/bin:/bin"
    env["XIANGMU_STATE_DIR"] = str(state)
    env["AIRFLOW__API__PORT"] = str(port)
    log_path = state / "standalone.log"
    log = log_path.open("w")
    # SIGINT restored to its default: a background job of a non-interactive shell inherits it ignored
    proc = subprocess.Popen([str(VENV_BIN / "xiangmu"), "airflow", "standalone"], env=env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    base = f"http://127.0.0.1:{port}"
    health: dict = {}
    deadline = time.monotonic() + STARTUP_TIMEOUT
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                status, health = request_json(f"{base}/api/v2/monitor/health")
                components = ("metadatabase", "scheduler", "dag_processor", "triggerer")
                if status == 200 and all(health.get(c, {}).get("status") == "healthy" for c in components):
                    break
            except OSError:
                pass
            time.sleep(1)
        yield {"base": base, "port": port, "state": state, "proc": proc, "health": health, "log": log_path}
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)  # what Ctrl-C does to `make airflow`
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        log.close()
        if _group_alive(proc.pid):
            os.killpg(proc.pid, signal.SIGKILL)
        from xiangmu.warehouse import embedded

        embedded.stop(state / "pgdata")  # started by `xiangmu airflow` for the metadata


def test_health_answers_with_every_component_healthy(standalone):
    log = standalone["log"].read_text(errors="replace")
    assert "FileNotFoundError" not in log, log[-3000:]
    for component in ("metadatabase", "scheduler", "dag_processor", "triggerer"):
        assert standalone["health"].get(component, {}).get("status") == "healthy", (standalone["health"], log[-3000:])


def test_metadata_in_postgres_and_local_executor(standalone):
    home = standalone["state"] / "airflow"
    assert not list(home.glob("*.db")), "no SQLite metadata"
    log = standalone["log"].read_text(errors="replace")
    assert "Forcing executor to LocalExecutor" not in log  # configured, not forced by standalone
    import psycopg

    from xiangmu.warehouse import embedded

    uri = embedded.start(standalone["state"] / "pgdata").replace("/postgres?", "/airflow?", 1)
    with psycopg.connect(uri) as conn:
        jobs = {r[0] for r in conn.execute("select job_type from job where state = 'running'")}
    assert {"SchedulerJob", "DagProcessorJob", "TriggererJob"} <= jobs  # the components' heartbeats are there
    assert "local_executor.LocalExecutor" in log


def test_listens_on_localhost_only(standalone):
    addresses = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
    outside = sorted(a for a in addresses if not a.startswith("127."))
    for address in outside:
        with socket.socket() as sock:
            sock.settimeout(2)
            assert sock.connect_ex((address, standalone["port"])) != 0, f"api-server reachable on {address}"


def test_dags_list_without_import_errors(standalone):
    home = standalone["state"] / "airflow"
    token = airflow_token(standalone["base"], home)
    dags: set[str] = set()
    deadline = time.monotonic() + 120  # the dag-processor's first pass
    while time.monotonic() < deadline and not {"xiangmu_ingest", "xiangmu_transform"} <= dags:
        status, body = request_json(f"{standalone['base']}/api/v2/dags?limit=100", token=token)
        assert status == 200
        dags = {d["dag_id"] for d in body["dags"]}
        time.sleep(2)
    assert {"xiangmu_ingest", "xiangmu_transform"} <= dags
    status, body = request_json(f"{standalone['base']}/api/v2/importErrors", token=token)
    assert status == 200 and body["total_entries"] == 0, body.get("import_errors")


def test_ctrl_c_stops_every_process(standalone):
    proc = standalone["proc"]
    assert proc.poll() is None, "standalone exited by itself"
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=60)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and _group_alive(proc.pid):
        time.sleep(0.5)
    assert not _group_alive(proc.pid), "processes of standalone still running after Ctrl-C"
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", standalone["port"]), timeout=2).close()
