"""dbt_env: how a warehouse URL becomes dbt's environment (no database needed)."""

from __future__ import annotations

import sys
from pathlib import Path

from xiangmu import config
from xiangmu.transform import dbt


def test_unix_socket_url(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XIANGMU_STATE_DIR", str(tmp_path))
    monkeypatch.delenv("XIANGMU_DBT_TARGET_DIR", raising=False)
    env = dbt.dbt_env("postgresql://postgres:@/postgres?host=/tmp/state/pgdata")
    assert env["XIANGMU_PG_HOST"] == "/tmp/state/pgdata"
    assert env["XIANGMU_PG_PORT"] == "5432"
    assert env["XIANGMU_PG_USER"] == "postgres"
    assert env["XIANGMU_PG_PASSWORD"] == ""
    assert env["XIANGMU_PG_DBNAME"] == "postgres"
    assert env["DO_NOT_TRACK"] == "1"
    assert env["DBT_SEND_ANONYMOUS_USAGE_STATS"] == "false"
    assert Path(env["DBT_PROFILES_DIR"]) == config.dbt_project_dir()
    assert Path(env["DBT_TARGET_PATH"]) == tmp_path / "dbt" / "target"
    assert Path(env["DBT_LOG_PATH"]) == tmp_path / "dbt" / "logs"


def test_tcp_url_with_password() -> None:
    env = dbt.dbt_env("postgresql://etl:s%40cret@db.internal:6543/warehouse")
    assert (env["XIANGMU_PG_HOST"], env["XIANGMU_PG_PORT"]) == ("db.internal", "6543")
    assert (env["XIANGMU_PG_USER"], env["XIANGMU_PG_PASSWORD"], env["XIANGMU_PG_DBNAME"]) == (
        "etl",
        "s@cret",
        "warehouse",
    )


def test_dbt_comes_from_this_environment() -> None:
    assert dbt.dbt_executable() == Path(sys.executable).parent / "dbt"
    assert dbt.dbt_executable().exists()


def test_profile_reads_only_env_vars() -> None:
    profile = (config.dbt_project_dir() / "profiles.yml").read_text("utf-8")
    for var in ("XIANGMU_PG_HOST", "XIANGMU_PG_PORT", "XIANGMU_PG_USER", "XIANGMU_PG_PASSWORD", "XIANGMU_PG_DBNAME"):
        assert f"env_var('{var}'" in profile
    project = (config.dbt_project_dir() / "dbt_project.yml").read_text("utf-8")
    assert "send_anonymous_usage_stats: false" in project
