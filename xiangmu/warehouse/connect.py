"""One way to reach the warehouse, whichever server it is."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from urllib.parse import parse_qs, unquote, urlparse

import psycopg

from xiangmu import config


def warehouse_url() -> str:
    """WAREHOUSE_URL when set; otherwise the embedded server, started on demand."""
    configured = config.warehouse_url_setting()
    if configured:
        return configured
    from xiangmu.warehouse import embedded

    return embedded.start()


def connect(url: str | None = None, **kwargs) -> psycopg.Connection:
    return psycopg.connect(url or warehouse_url(), **kwargs)


@lru_cache(maxsize=1)
def _schema_sql() -> str:
    return resources.files("xiangmu.warehouse").joinpath("schema.sql").read_text("utf-8")


def ensure_schema(conn: psycopg.Connection) -> None:
    """Create the raw and extract schemas if missing (idempotent DDL)."""
    with conn.transaction():
        # Serialise concurrent first runs: CREATE ... IF NOT EXISTS can still race.
        conn.execute("select pg_advisory_xact_lock(hashtext('xiangmu.schema'))")
        conn.execute(_schema_sql())


def libpq_params(url: str) -> dict[str, str]:
    """Split a postgres URL into the parts dbt and SQLAlchemy need.

    A unix-socket URL (postgresql://user@/db?host=/path) is common for the
    embedded server, so host may be a directory.
    """
    parsed = urlparse(url)
    query = {k: v[-1] for k, v in parse_qs(parsed.query).items()}
    host = query.get("host") or parsed.hostname or "localhost"
    return {
        "host": unquote(host),
        "port": str(parsed.port or query.get("port") or 5432),
        "user": unquote(parsed.username or query.get("user") or "postgres"),
        "password": unquote(parsed.password or query.get("password") or ""),
        "dbname": (parsed.path or "/postgres").lstrip("/") or "postgres",
    }


def sqlalchemy_url(url: str) -> str:
    """The same server as a SQLAlchemy URL using psycopg 3 (for Great Expectations)."""
    p = libpq_params(url)
    auth = p["user"] + (f":{p['password']}" if p["password"] else "")
    if p["host"].startswith("/"):
        return f"postgresql+psycopg://{auth}@/{p['dbname']}?host={p['host']}&port={p['port']}"
    return f"postgresql+psycopg://{auth}@{p['host']}:{p['port']}/{p['dbname']}"
