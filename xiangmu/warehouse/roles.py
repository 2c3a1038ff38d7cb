"""The read-only role BI tools use, defined once.

Why one home: the role was granted in three places (publish, a dbt macro, the
Docker init SQL) that drifted apart. Its definition is now the two SQL files in
``sql/`` -- ``bi_reader_role.sql`` (role attributes, session defaults, database
privileges: needs a superuser) and ``bi_reader_grants.sql`` (schema privileges:
needs only the schemas' owner). The embedded warehouse and the pipeline run
them through ``ensure_bi_reader``; docker/warehouse-init runs the same files
with ``psql -f``.

Read-only cannot be enforced by a session setting in PostgreSQL: any role may
``SET default_transaction_read_only = off`` in its own session. What holds is
privileges: bi_reader has no write grant on any table, no CREATE on any schema
and no CREATE or TEMP on the database (see the SQL files).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import psycopg
from psycopg import sql

READER_ROLE = "bi_reader"
PUBLISHED_SCHEMA = "marts"
SQL_FILES = ("bi_reader_role.sql", "bi_reader_grants.sql")


@cache
def role_sql(name: str) -> str:
    """The text of one of SQL_FILES (shipped with the package)."""
    return resources.files("xiangmu.warehouse").joinpath("sql", name).read_text("utf-8")


def _can_alter_roles(conn: psycopg.Connection) -> bool:
    row = conn.execute(
        "select rolsuper or rolcreaterole from pg_roles where rolname = current_user"
    ).fetchone()
    return bool(row and row[0])


def ensure_bi_reader(conn: psycopg.Connection, *, password: str | None = None) -> None:
    """Create or update bi_reader and its grants; idempotent.

    As a superuser (embedded warehouse) the whole definition runs; as the
    pipeline's writer role in the deployment (no CREATEROLE) only the schema
    grants run, the role itself having been created by docker/warehouse-init.
    With ``password`` the role may log in with it (scram-sha-256 on the server).
    """
    with conn.transaction():
        if _can_alter_roles(conn):
            conn.execute(role_sql("bi_reader_role.sql"))
            if password is not None:
                conn.execute(
                    sql.SQL("alter role {} login password {}").format(
                        sql.Identifier(READER_ROLE), sql.Literal(password)
                    )
                )
        elif password is not None:
            raise PermissionError(f"{READER_ROLE}'s password can only be set by a superuser or a CREATEROLE role")
        elif not conn.execute("select 1 from pg_roles where rolname = %s", (READER_ROLE,)).fetchone():
            raise PermissionError(
                f"role {READER_ROLE} does not exist and the current role cannot create it "
                "(docker/warehouse-init creates it in the deployment)"
            )
        conn.execute(role_sql("bi_reader_grants.sql"))


def grant_published(conn: psycopg.Connection) -> None:
    """Make every table in the published schema readable by bi_reader (inside the caller's transaction).

    Run by publish in its own transaction, so a newly published table is never
    visible without its grant, whoever owns it.
    """
    if conn.execute("select 1 from pg_roles where rolname = %s", (READER_ROLE,)).fetchone():
        conn.execute(
            sql.SQL("grant usage on schema {s} to {r}; grant select on all tables in schema {s} to {r}").format(
                s=sql.Identifier(PUBLISHED_SCHEMA), r=sql.Identifier(READER_ROLE)
            )
        )
