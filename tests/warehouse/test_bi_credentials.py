"""BI connects like production (issue 14, item 2): `xiangmu bi-credentials`, then a TCP login as bi_reader.

The command runs as a user would run it, in a subprocess, on a fresh state
directory: it starts the embedded warehouse itself.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from urllib.parse import urlparse

import psycopg
import pytest


def _cli(*args: str, **env: str) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k != "WAREHOUSE_URL"}
    full_env.update(env)
    return subprocess.run([sys.executable, "-m", "xiangmu.cli", *args], env=full_env, capture_output=True,
                          text=True, timeout=180, check=False)


@pytest.fixture(scope="module")
def credentials(isolated_state) -> str:
    result = _cli("bi-credentials", XIANGMU_STATE_DIR=str(isolated_state))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1, result.stdout
    return lines[0]


def test_prints_one_tcp_url_for_bi_reader(credentials, isolated_state):
    url = urlparse(credentials)
    assert url.scheme == "postgresql" and url.username == "bi_reader" and url.hostname == "127.0.0.1"
    assert url.port and url.password and len(url.password) >= 16 and url.path == "/postgres"
    secret = isolated_state / "pgdata" / "xiangmu_bi_reader.password"
    assert secret.read_text().strip() == url.password
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    again = _cli("bi-credentials", XIANGMU_STATE_DIR=str(isolated_state))
    assert again.stdout.strip() == credentials, "the password is generated once, on first start"


def test_bi_reader_reads_marts_over_tcp_and_nothing_else(credentials, isolated_state):
    from xiangmu.transform import dbt
    from xiangmu.warehouse import connect, embedded, ensure_schema

    local = embedded.start(isolated_state / "pgdata")  # the pipeline's way in: unix socket, superuser
    with connect(local, autocommit=True) as conn:
        ensure_schema(conn)
        conn.execute("create schema if not exists marts")
        conn.execute("create table marts.dim_region as select 1 as region_id, '石家庄市'::text as name")
    dbt.grant_bi_reader(local)
    with psycopg.connect(credentials, connect_timeout=10) as bi:
        assert bi.execute("select name from marts.dim_region").fetchone() == ("石家庄市",)
        assert bi.execute("show default_transaction_read_only").fetchone() == ("on",)
        assert bi.execute("show statement_timeout").fetchone()[0] != "0"
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            bi.execute("select * from raw.editions")


def test_tcp_needs_the_password(credentials):
    url = urlparse(credentials)
    for user, password in (("bi_reader", "wrong"), ("postgres", ""), ("postgres", "postgres")):
        with pytest.raises(psycopg.OperationalError, match="password"):
            psycopg.connect(host="127.0.0.1", port=url.port, user=user, password=password, dbname="postgres",
                            connect_timeout=10)


def test_external_warehouse_needs_the_password_from_the_environment(tmp_path):
    external = "postgresql://xiangmu_writer:w@warehouse.internal:5433/xiangmu"
    missing = _cli("bi-credentials", WAREHOUSE_URL=external, XIANGMU_STATE_DIR=str(tmp_path),
                   XIANGMU_BI_READER_PASSWORD="")
    assert missing.returncode != 0 and missing.stdout == ""
    assert len(missing.stderr.strip().splitlines()) == 1 and "XIANGMU_BI_READER_PASSWORD" in missing.stderr
    given = _cli("bi-credentials", WAREHOUSE_URL=external, XIANGMU_STATE_DIR=str(tmp_path),
                 XIANGMU_BI_READER_PASSWORD="p@ss/word")
    assert given.returncode == 0, given.stderr
    assert given.stdout.strip() == "postgresql://bi_reader:p%40ss%2Fword@warehouse.internal:5433/xiangmu"
