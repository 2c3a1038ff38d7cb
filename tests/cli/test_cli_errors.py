"""A CLI that says what is wrong (issue 14, item 5): bad input, run as a user runs it.

Each case runs `xiangmu` in a subprocess and expects ONE line on stderr, a
non-zero exit and no traceback; checks that must happen before anything starts
also assert that nothing was started (no Airflow home, no warehouse).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cli(state: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items()
                if k not in ("WAREHOUSE_URL", "XIANGMU_SOURCES", "XIANGMU_DEBUG", "AIRFLOW_HOME")}
    full_env.update({"XIANGMU_STATE_DIR": str(state), **env})
    return subprocess.run([sys.executable, "-m", "xiangmu.cli", *args], env=full_env, capture_output=True,
                          text=True, timeout=120, check=False)


def _one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode != 0, result
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture()
def state(tmp_path) -> Path:
    path = tmp_path / "state"
    path.mkdir()
    return path


@pytest.fixture()
def article(tmp_path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text("石家庄市今年安排省市重点项目120个，总投资1500亿元。", encoding="utf-8")
    return path


def _nothing_started(state: Path) -> None:
    assert not (state / "pgdata").exists(), "the warehouse was started before the input was checked"
    assert not any(p.name.startswith("airflow") for p in state.iterdir()), "Airflow was set up before the check"


def test_unknown_newspaper_names_the_known_codes(state, article):
    line = _one_line_error(_cli(state, "extract", str(article), "--published", "2023-08-01", "--newspaper", "xyz"))
    assert "'xyz'" in line and "sjzrb" in line and "hbrb" in line


@pytest.mark.parametrize("bad", ["2023-13-45", "2023-02-30", "yesterday"])
def test_run_with_a_bad_date_fails_before_airflow_starts(state, bad):
    line = _one_line_error(_cli(state, "run", bad))
    assert bad in line and "YYYY-MM-DD" in line
    _nothing_started(state)


def test_backfill_with_a_reversed_range(state):
    line = _one_line_error(_cli(state, "backfill", "2023-08-09", "2023-08-01"))
    assert "2023-08-09" in line and "2023-08-01" in line and "after" in line
    _nothing_started(state)


@pytest.mark.parametrize("command", ["run", "backfill"])
def test_a_date_after_today_fails_before_airflow_starts(state, command):
    """Airflow never starts a run dated in the future: it must not be triggered to wait forever."""
    import datetime as dt

    tomorrow = (dt.datetime.now(dt.UTC) + dt.timedelta(days=2)).date().isoformat()
    args = ["run", tomorrow] if command == "run" else ["backfill", "2023-08-01", tomorrow]
    line = _one_line_error(_cli(state, *args))
    assert tomorrow in line and "after today" in line
    _nothing_started(state)


def test_extract_with_a_bad_date(state, article):
    line = _one_line_error(_cli(state, "extract", str(article), "--published", "2023-8-1x", "--newspaper", "sjzrb"))
    assert "2023-8-1x" in line


def test_unknown_code_in_xiangmu_sources_fails_fast(state):
    line = _one_line_error(_cli(state, "run", "2023-08-01", XIANGMU_SOURCES="sjzrb,xyz"))
    assert "XIANGMU_SOURCES" in line and "xyz" in line and "hbrb" in line
    _nothing_started(state)


@pytest.mark.parametrize("command", [["run", "2023-08-01"], ["backfill", "2023-08-01", "2023-08-02"], ["summary"]])
def test_unreachable_warehouse_is_one_line_without_the_password(state, command):
    url = f"postgresql://xiangmu_writer:s3cret-pw@127.0.0.1:{_free_port()}/xiangmu"
    line = _one_line_error(_cli(state, *command, WAREHOUSE_URL=url))
    assert "WAREHOUSE_URL" in line and "unreachable" in line and "127.0.0.1" in line
    assert "s3cret-pw" not in line
    _nothing_started(state)


def test_unknown_command_and_missing_arguments(state):
    assert "nosuch" in _one_line_error(_cli(state, "nosuch"))
    assert "last" in _one_line_error(_cli(state, "backfill", "2023-08-01"))


def test_unexpected_errors_are_one_line_with_a_hint_and_a_traceback_on_demand(state):
    line = _one_line_error(_cli(state, "bi-credentials", XIANGMU_WAREHOUSE_PORT="not-a-port"))
    assert "XIANGMU_WAREHOUSE_PORT" in line and "XIANGMU_DEBUG=1" in line
    debug = _cli(state, "bi-credentials", XIANGMU_WAREHOUSE_PORT="not-a-port", XIANGMU_DEBUG="1")
    assert debug.returncode != 0 and "Traceback" in debug.stderr
