"""dbt's profile and environment: how a warehouse URL or an Airflow connection becomes them (no database)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import yaml

from xiangmu import config
from xiangmu.transform import dbt


def _written(tmp_path: Path, mapping) -> tuple[dict, dict[str, str], str]:
    env = dbt.write_profile(tmp_path, mapping)
    text = (tmp_path / "profiles.yml").read_text("utf-8")
    profile = yaml.safe_load(text)[dbt.PROFILE_NAME]
    assert profile["target"] == dbt.TARGET_NAME
    return profile["outputs"][dbt.TARGET_NAME], env, text


def test_unix_socket_url_of_the_embedded_server(tmp_path: Path) -> None:
    conn = dbt.url_connection("postgresql://postgres:@/postgres?host=/tmp/state/pgdata&port=5544")
    output, env, _ = _written(tmp_path, dbt.profile_mapping(conn))
    assert output["type"] == "postgres"
    assert (output["host"], output["port"], output["user"], output["dbname"]) == (
        "/tmp/state/pgdata", 5544, "postgres", "postgres")
    assert output["schema"] == "staging" and output["threads"] == 4
    # trust authentication on the socket: an empty password is accepted, not refused
    assert list(env.values()) == [""]


def test_tcp_url_with_password_keeps_the_secret_out_of_the_file(tmp_path: Path) -> None:
    conn = dbt.url_connection("postgresql://etl:s%40cret@db.internal:6543/warehouse")
    output, env, text = _written(tmp_path, dbt.profile_mapping(conn))
    assert (output["host"], output["port"], output["user"], output["dbname"]) == (
        "db.internal", 6543, "etl", "warehouse")
    assert "s@cret" not in text
    [(var, secret)] = env.items()
    assert secret == "s@cret" and f"env_var('{var}')" in output["password"]


def test_airflow_connection_is_mapped_by_cosmos(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Deployment: the `xiangmu_warehouse` Airflow connection (here as AIRFLOW_CONN_*) is the profile."""
    monkeypatch.setenv("AIRFLOW_CONN_XIANGMU_WAREHOUSE", json.dumps({
        "conn_type": "postgres", "host": "postgres-warehouse", "port": 5432,
        "login": "xiangmu_writer", "password": "pw", "schema": "xiangmu"}))
    output, env, _ = _written(tmp_path, dbt.profile_mapping())
    assert (output["host"], output["user"], output["dbname"]) == ("postgres-warehouse", "xiangmu_writer", "xiangmu")
    assert list(env.values()) == ["pw"]


def test_parse_profile_needs_no_warehouse(tmp_path: Path) -> None:
    assert dbt.write_profile(tmp_path, dbt.profile_mapping(dbt.url_connection("postgresql://u@h/d")), mock=True) == {}
    assert "mock_value" in (tmp_path / "profiles.yml").read_text("utf-8")


def test_dbt_env_keeps_dbt_quiet_and_in_the_state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XIANGMU_STATE_DIR", str(tmp_path))
    env = dbt.dbt_env()
    assert env["DO_NOT_TRACK"] == "1" and env["DBT_SEND_ANONYMOUS_USAGE_STATS"] == "false"
    assert Path(env["DBT_PACKAGES_INSTALL_PATH"]) == tmp_path / "dbt" / "dbt_packages"


def test_dbt_comes_from_this_environment() -> None:
    assert dbt.dbt_executable() == Path(sys.executable).parent / "dbt"
    assert dbt.dbt_executable().exists()


def test_project_sends_no_usage_stats() -> None:
    project = (config.dbt_project_dir() / "dbt_project.yml").read_text("utf-8")
    assert "send_anonymous_usage_stats: false" in project
