"""bi_reader's one definition (xiangmu.warehouse.roles) on a real PostgreSQL.

PostgreSQL lets any role lift its own read-only default; these tests show that
privileges still forbid every write after it does.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import psycopg
import pytest

from xiangmu.transform import dbt
from xiangmu.warehouse import roles


def _as(url: str, role: str) -> str:
    query = {k: v[-1] for k, v in parse_qs(urlparse(url).query).items()}
    return f"postgresql://{role}@/postgres?host={query['host']}&port={query['port']}"


@pytest.fixture(scope="module")
def warehouse(private_warehouse):
    with psycopg.connect(private_warehouse, autocommit=True) as conn:
        conn.execute("create schema if not exists marts_candidate")
        conn.execute("create table if not exists marts_candidate.secret as select 1 as x")
        conn.execute("create schema if not exists marts")
        conn.execute("create table if not exists marts.dim_region as select 1 as region_id, 'x'::text as name")
    dbt.grant_bi_reader(private_warehouse)  # what the pipeline runs after publishing
    return private_warehouse


def test_role_has_session_defaults_and_no_attributes(warehouse):
    with psycopg.connect(warehouse) as conn:
        settings = conn.execute(
            "select unnest(setconfig) from pg_db_role_setting s join pg_roles r on r.oid = s.setrole "
            "where r.rolname = 'bi_reader' and s.setdatabase = 0"
        ).fetchall()
        attrs = conn.execute(
            "select rolsuper, rolcreatedb, rolcreaterole, rolinherit, rolreplication, rolbypassrls "
            "from pg_roles where rolname = 'bi_reader'"
        ).fetchone()
    settings = {s[0].split("=", 1)[0]: s[0].split("=", 1)[1] for s in settings}
    assert settings["default_transaction_read_only"] == "on"
    assert settings["statement_timeout"] and settings["idle_in_transaction_session_timeout"]
    assert attrs == (False, False, False, False, False, False)
    with psycopg.connect(_as(warehouse, "bi_reader")) as reader:
        assert reader.execute("show default_transaction_read_only").fetchone() == ("on",)
        assert reader.execute("show idle_in_transaction_session_timeout").fetchone()[0] != "0"


WRITES = [
    "insert into marts.dim_region values (2, 'y')",
    "update marts.dim_region set name = 'z'",
    "delete from marts.dim_region",
    "truncate marts.dim_region",
    "drop table marts.dim_region",
    "create table marts.mine (x int)",
    "create table public.mine (x int)",
    "create temporary table mine (x int)",
    "create schema mine",
    "select * from marts_candidate.secret",
    "select * from raw.articles",
    "lock table marts.dim_region in exclusive mode",
]


@pytest.mark.parametrize("statement", WRITES)
def test_bi_reader_cannot_write_even_after_lifting_read_only(warehouse, statement):
    with psycopg.connect(_as(warehouse, "bi_reader")) as reader:
        reader.execute("set default_transaction_read_only = off")
        reader.commit()
        assert reader.execute("show transaction_read_only").fetchone() == ("off",)
        assert reader.execute("select count(*) from marts.dim_region").fetchone()[0] >= 1
        reader.commit()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            reader.execute(statement)


def test_definition_is_idempotent_and_the_only_one(warehouse):
    with psycopg.connect(warehouse, autocommit=True) as conn:
        roles.ensure_bi_reader(conn)
        roles.ensure_bi_reader(conn)
        conn.execute("create table marts.published_later as select 1 as x")
    with psycopg.connect(_as(warehouse, "bi_reader")) as reader:
        assert reader.execute("select x from marts.published_later").fetchone() == (1,)
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    assert not (root / "dbt_project" / "macros" / "grant_bi_reader.sql").exists(), "one home: no dbt macro"
