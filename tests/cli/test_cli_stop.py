"""`xiangmu stop` (`make stop`) stops the Airflow services `xiangmu airflow up` left running, not only PostgreSQL.

Before, it stopped the embedded PostgreSQL alone: the services lost their
database, and their API server stayed up, orphaned, using CPU, out of reach
of `xiangmu airflow down` once the next `up` recorded new services.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(state: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("WAREHOUSE_URL", "AIRFLOW_HOME")}
    return subprocess.run([sys.executable, "-m", "xiangmu.cli", "stop"], env={**env, "XIANGMU_STATE_DIR": str(state)},
                          capture_output=True, text=True, timeout=120, check=False)


def test_stop_stops_the_recorded_services_and_forgets_them(tmp_path: Path) -> None:
    state = tmp_path / "state"
    home = state / "airflow"
    home.mkdir(parents=True)
    # a stand-in for a component left running: a real process in its own group, named like one of ours
    component = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)", "airflow-api-server"],
                                 start_new_session=True)
    try:
        (home / "services.json").write_text(json.dumps({
            "port": _closed_port(), "key": "k", "log_dir": str(tmp_path), "dag_ids": ["xiangmu_ingest"],
            "pids": {"api-server": component.pid}, "paused_before": {}}), encoding="utf-8")
        done = _stop(state)
        assert done.returncode == 0, done.stderr
        assert "Airflow services stopped" in done.stdout
        assert "embedded PostgreSQL was not running" in done.stdout
        assert component.wait(timeout=30) != 0  # terminated by a signal, not left running
        assert not (home / "services.json").exists()
    finally:
        if component.poll() is None:
            component.kill()
            component.wait()


def test_stop_with_nothing_running_says_so(tmp_path: Path) -> None:
    done = _stop(tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Airflow services" not in done.stdout and "embedded PostgreSQL was not running" in done.stdout
