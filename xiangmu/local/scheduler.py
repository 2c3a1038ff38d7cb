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

Why the services may outlive a run (`xiangmu airflow up`, then `down`):
starting them and their first parse of the DAGs costs tens of seconds on a
loaded 2-core machine, more than a daily run's own work. `up` leaves them
running (detached, their process ids and settings in `<airflow home>/
services.json`); `make run` and `xiangmu backfill` then reuse them when they
were started with the same sources and settings, and start their own for
the run otherwise, as before.
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
POLL = 0.5
STATE_FILE = "services.json"  # under the Airflow home: the detached services of `xiangmu airflow up`


class SchedulerError(RuntimeError):
    """The local Airflow services did not start, died, or a run did not finish in time."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Services:
    """The running components; a context manager that stops them (and only them) on exit."""

    def __init__(self, env: dict[str, str], log_dir: Path, dag_ids: tuple[str, ...], *, key: str = "",
                 port: int | None = None) -> None:
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {
            **env,
            "AIRFLOW__API__HOST": "127.0.0.1",
            "AIRFLOW__API__PORT": str(self.port),
            "AIRFLOW__API__WORKERS": "1",
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{self.base}/execution/",
            "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": "False",
        }
        # task slots: after the build many dbt node tasks are ready at once, and each mostly waits (process
        # start, API calls), so more slots than cores pay: 8 rather than 4 cut the node phase by a quarter
        self.env.setdefault("AIRFLOW__CORE__PARALLELISM", str(max(8, 4 * (os.cpu_count() or 1))))
        # a scheduler loop that found nothing to do sleeps this long, and a finished task's dependents wait for
        # the next loop: at Airflow's 1 s every dependency hop (the dbt node tasks chain ~9 deep) paid up to 1 s
        self.env.setdefault("AIRFLOW__SCHEDULER__SCHEDULER_IDLE_SLEEP_TIME", "0.2")
        # the dag-processor re-renders the dbt project at each parse (seconds of CPU on a 2-core laptop):
        # every 2 minutes rather than 30 s is soon enough for a DAG file edited while the services are up
        self.env.setdefault("AIRFLOW__DAG_PROCESSOR__MIN_FILE_PROCESS_INTERVAL", "120")
        self.log_dir, self.dag_ids = log_dir, dag_ids
        self.procs: dict[str, subprocess.Popen] = {}
        self.pids: dict[str, int] = {}  # every component's process (group) id, ours or a detached one's
        self.paused_before: dict[str, bool] = {}
        self.token = ""
        self.key = key  # the settings they run with (see xiangmu.local.localrun.services_key)
        self.detached = False
        self.startup_seconds = 0.0

    # -- lifecycle ---------------------------------------------------------
    def __enter__(self) -> Services:
        if self.detached:
            return self
        return self.start()

    def start(self) -> Services:
        """Start the components, wait until they are ready, unpause our DAGs."""
        self.log_dir.mkdir(parents=True, exist_ok=True)
        started, clock = time.time(), time.monotonic()
        try:
            for name in COMPONENTS:
                args = [name, "--skip-serve-logs"] if name in ("scheduler", "triggerer") else [name]
                with (self.log_dir / f"airflow-{name}.log").open("w") as log:
                    self.procs[name] = subprocess.Popen(
                        [airflow_env.airflow_bin(), *args], env=self.env, stdout=log, stderr=subprocess.STDOUT,
                        start_new_session=True)
                self.pids[name] = self.procs[name].pid
            self._wait_ready(started)
            self.token = self._login()
            self.paused_before = self._paused()
            for dag_id in self.dag_ids:
                self.api("PATCH", f"/api/v2/dags/{dag_id}", {"is_paused": False})
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = time.monotonic() - clock
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.detached:  # services of `xiangmu airflow up` stay up for the next run
            self.close()

    def close(self) -> None:
        """Leave the DAGs as they were found, then stop the components."""
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
        for pid in self.pids.values():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGTERM)
        deadline = time.monotonic() + 60
        for name, pid in self.pids.items():
            if name in self.procs:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.procs[name].wait(timeout=max(0.1, deadline - time.monotonic()))
            else:  # a detached component: not our child, so poll for it to go
                while running(pid) and time.monotonic() < deadline:
                    time.sleep(0.2)
        for name, pid in self.pids.items():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)  # workers the component left behind, if any
            if name in self.procs:
                self.procs[name].wait()

    def _alive(self) -> bool:
        return all(running(pid) for pid in self.pids.values())

    def _check_alive(self) -> None:
        dead = [name for name, pid in self.pids.items() if not running(pid)]
        if dead:
            raise SchedulerError(f"Airflow {', '.join(dead)} exited (see {self.log_dir}/airflow-{dead[0]}.log)")

    # -- detached services (`xiangmu airflow up` / `down`) -------------------
    def save(self, extra_pids: dict[str, int] | None = None) -> Path:
        """Record these services as detached: the next run reuses them, `down` stops them."""
        self.detached = True
        self.pids.update(extra_pids or {})  # e.g. the sample server the services fetch from
        path = state_file()
        path.write_text(json.dumps({
            "port": self.port, "key": self.key, "log_dir": str(self.log_dir), "dag_ids": list(self.dag_ids),
            "pids": self.pids, "paused_before": self.paused_before,
        }), encoding="utf-8")
        return path

    @classmethod
    def attach(cls) -> Services | None:
        """The detached services, when every one of their processes still runs and answers; else None."""
        path = state_file()
        if not path.is_file():
            return None
        saved = json.loads(path.read_text("utf-8"))
        services = cls(dict(os.environ), Path(saved["log_dir"]), tuple(saved["dag_ids"]), key=saved["key"],
                       port=saved["port"])
        services.pids = {name: int(pid) for name, pid in saved["pids"].items()}
        services.paused_before = saved.get("paused_before", {})
        services.detached = True
        if not services._alive() or services._health().get("metadatabase", {}).get("status") != "healthy":
            return None
        services.env["AIRFLOW_HOME"] = str(airflow_env.airflow_home())
        services.token = services._login()
        return services

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


def state_file() -> Path:
    return airflow_env.airflow_home() / STATE_FILE


def running(pid: int) -> bool:
    """The process exists and is not a zombie (a component of ours that exited, not yet reaped)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


def _ours(pid: int) -> bool:
    """The process runs Airflow or the project's code (a recorded id may have been reused by now)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return False
    return "airflow" in cmdline or "xiangmu" in cmdline


def terminate_group(pid: int) -> None:
    """SIGTERM the process group of one process we started detached, if it is still ours."""
    if running(pid) and _ours(pid):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGTERM)


def down() -> bool:
    """Stop the detached services of `xiangmu airflow up` (those recorded, nothing else); True if any ran."""
    path = state_file()
    if not path.is_file():
        return False
    services = Services.attach()
    if services is None:  # partly dead: stop what is left of them, by their recorded ids
        saved = json.loads(path.read_text("utf-8"))
        services = Services({"AIRFLOW_HOME": str(airflow_env.airflow_home())}, Path(saved["log_dir"]),
                            tuple(saved["dag_ids"]), port=saved["port"])
        services.pids = {name: int(pid) for name, pid in saved["pids"].items() if _ours(int(pid))}
    try:
        services.close()
    finally:
        path.unlink(missing_ok=True)
    return True


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
