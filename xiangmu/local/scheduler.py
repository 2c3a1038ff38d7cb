"""Airflow's own services for one local run: scheduler (LocalExecutor), dag-processor, api-server, triggerer.

Why the real scheduler rather than `airflow dags test`: local runs then go
exactly the way a deployment's do (each task in its own process through the
api-server's execution API, in parallel where the DAG and the pools allow),
and show in `make airflow`'s UI with their true durations, task logs and run
ids naming the edition date.

Why the four processes started here rather than `airflow standalone`: the
run needs no banner and no second migration, only the components, each with
its own log file, the api-server on a free port of 127.0.0.1, no log servers
(the UI reads task logs from the files), stopped when the run ends. The
triggerer is there because cosmos' dbt sensors may defer.

Why the scheduler creates no runs of its own here (`use_job_schedule` off):
unpausing `xiangmu_ingest` would otherwise start a run for the latest cron
tick (today's edition, from the sample archive or the live site), and the
raw-articles Asset would start transform runs the harness did not ask for.
The harness triggers each run itself, through the REST API as a user would:
the ingest run, then the transform run where the Asset would have started it,
both with run ids and logical dates naming the edition date, so publications
and alerts name the edition as they do in a daily deployment run.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from xiangmu.local import airflow_env

COMPONENTS = ("scheduler", "dag-processor", "api-server", "triggerer")
HEALTH = ("metadatabase", "scheduler", "dag_processor", "triggerer")
FINISHED = ("success", "failed")
STARTUP_TIMEOUT = 600.0  # four Airflow processes and a first parse of the DAGs, on a loaded 2-core laptop
RUN_TIMEOUT = 12 * 3600.0  # a year's polite backfill over the live sites takes hours
POLL = 2.0


class SchedulerError(RuntimeError):
    """The local Airflow services did not start, died, or a run did not finish in time."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Services:
    """The running components; a context manager that stops them (and only them) on exit."""

    def __init__(self, env: dict[str, str], log_dir: Path, dag_ids: tuple[str, ...]) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {
            **env,
            "AIRFLOW__API__HOST": "127.0.0.1",
            "AIRFLOW__API__PORT": str(self.port),
            "AIRFLOW__API__WORKERS": "1",
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{self.base}/execution/",
            "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": "False",
        }
        self.env.setdefault("AIRFLOW__CORE__PARALLELISM", str(max(4, 2 * (os.cpu_count() or 1))))
        self.log_dir, self.dag_ids = log_dir, dag_ids
        self.procs: dict[str, subprocess.Popen] = {}
        self.paused_before: dict[str, bool] = {}
        self.token = ""

    # -- lifecycle ---------------------------------------------------------
    def __enter__(self) -> Services:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        started = time.time()
        try:
            for name in COMPONENTS:
                args = [name, "--skip-serve-logs"] if name in ("scheduler", "triggerer") else [name]
                with (self.log_dir / f"airflow-{name}.log").open("w") as log:
                    self.procs[name] = subprocess.Popen(
                        [airflow_env.airflow_bin(), *args], env=self.env, stdout=log, stderr=subprocess.STDOUT,
                        start_new_session=True)
            self._wait_ready(started)
            self.token = self._login()
            self.paused_before = self._paused()
            for dag_id in self.dag_ids:
                self.api("PATCH", f"/api/v2/dags/{dag_id}", {"is_paused": False})
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self.token and self._alive():
                for dag_id in self.dag_ids:
                    # the Asset events of our ingest runs were transformed already: nothing stays queued
                    self.api("DELETE", f"/api/v2/dags/{dag_id}/assets/queuedEvents", ok=(204, 404))
                    if self.paused_before.get(dag_id, True):
                        # as they were: `make airflow` must not start scraping on the cron by surprise
                        self.api("PATCH", f"/api/v2/dags/{dag_id}", {"is_paused": True})
        finally:
            self.stop()

    def stop(self) -> None:
        """SIGTERM each component's process group, then SIGKILL what is left after 60 s."""
        for proc in self.procs.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + 60
        for proc in self.procs.values():
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        for proc in self.procs.values():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)  # workers the component left behind, if any
            proc.wait()

    def _alive(self) -> bool:
        return all(proc.poll() is None for proc in self.procs.values())

    def _check_alive(self) -> None:
        dead = [name for name, proc in self.procs.items() if proc.poll() is not None]
        if dead:
            raise SchedulerError(f"Airflow {', '.join(dead)} exited (see {self.log_dir}/airflow-{dead[0]}.log)")

    def _health(self) -> dict:
        try:
            with urllib.request.urlopen(f"{self.base}/api/v2/monitor/health", timeout=5) as resp:
                return json.loads(resp.read())
        except OSError:
            return {}

    def _wait_ready(self, started: float) -> None:
        """Every component healthy, and both DAGs parsed by this dag-processor (not a stale copy)."""
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            self._check_alive()
            health = self._health()
            if all(health.get(c, {}).get("status") == "healthy" for c in HEALTH):
                parsed = airflow_env.query(
                    "select count(*) from dag where dag_id = any(%s) and not is_stale "
                    "and last_parsed_time >= to_timestamp(%s)", (list(self.dag_ids), started))
                if parsed[0][0] == len(self.dag_ids):
                    return
            time.sleep(POLL)
        raise SchedulerError(f"Airflow not ready after {STARTUP_TIMEOUT:.0f} s (logs in {self.log_dir})")

    # -- runs ----------------------------------------------------------------
    def _login(self) -> str:
        """A JWT for the REST API, as the admin user whose password the api-server generated."""
        passwords = Path(self.env["AIRFLOW_HOME"]) / "simple_auth_manager_passwords.json.generated"
        password = json.loads(passwords.read_text("utf-8"))["admin"]
        return self.api("POST", "/auth/token", {"username": "admin", "password": password}, ok=(200, 201),
                        auth=False)["access_token"]

    def api(self, method: str, path: str, body: dict | None = None, *, ok: tuple[int, ...] = (200,),
            auth: bool = True) -> dict:
        """One REST call to this api-server; raises with Airflow's answer unless the status is in ok."""
        headers = {"Accept": "application/json", "Content-Type": "application/json"}
        if auth:
            headers["Authorization"] = f"Bearer {self.token}"
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                status, raw = resp.status, resp.read()
        except urllib.error.HTTPError as err:
            status, raw = err.code, err.read()
        if status not in ok:
            raise SchedulerError(f"{method} {path}: HTTP {status} {raw[:1000].decode(errors='replace')}")
        return json.loads(raw) if raw else {}

    def _paused(self) -> dict[str, bool]:
        rows = airflow_env.query("select dag_id, is_paused from dag where dag_id = any(%s)", (list(self.dag_ids),))
        return dict(rows)

    def trigger(self, dag_id: str, run_id: str, conf: dict, logical_date: str | None) -> None:
        """A manual run with our run id, params in conf, and the edition's date as logical date (or none)."""
        self.api("POST", f"/api/v2/dags/{dag_id}/dagRuns",
                 {"dag_run_id": run_id, "logical_date": logical_date, "conf": conf})

    def wait(self, dag_id: str, run_id: str) -> str:
        """The run's final state (success or failed), polling the metadata DB."""
        deadline = time.monotonic() + RUN_TIMEOUT
        while time.monotonic() < deadline:
            rows = airflow_env.query("select state from dag_run where dag_id = %s and run_id = %s", (dag_id, run_id))
            if rows and rows[0][0] in FINISHED:
                return rows[0][0]
            self._check_alive()
            time.sleep(POLL)
        raise SchedulerError(f"{dag_id} {run_id} not finished after {RUN_TIMEOUT:.0f} s")


def free_run_id(dag_id: str, run_id: str) -> str:
    """run_id, or run_id.2, .3 ... when a rerun of the same date already took it."""
    taken = {r[0] for r in airflow_env.query(
        "select run_id from dag_run where dag_id = %s and (run_id = %s or run_id like %s)",
        (dag_id, run_id, run_id + ".%"))}
    candidate, n = run_id, 1
    while candidate in taken:
        n += 1
        candidate = f"{run_id}.{n}"
    return candidate


def logical_date_free(dag_id: str, day: str) -> bool:
    """No run of the DAG has this date's logical date yet (Airflow allows one run per logical date)."""
    return not airflow_env.query("select 1 from dag_run where dag_id = %s and logical_date = %s::timestamptz",
                                 (dag_id, f"{day}T00:00:00+00:00"))
