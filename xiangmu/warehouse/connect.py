"""One way to reach the warehouse, whichever server it is."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources
from urllib.parse import parse_qs, unquote, urlparse

import psycopg
from psycopg import sql

from xiangmu import config, vocabulary


def warehouse_url() -> str:
    """WAREHOUSE_URL when set; otherwise the embedded server, started on demand."""
    configured = config.warehouse_url_setting()
    if configured:
        return configured
    from xiangmu.warehouse import embedded

    return embedded.start()


def connect(url: str | None = None, **kwargs) -> psycopg.Connection:
    return psycopg.connect(url or warehouse_url(), **kwargs)


# Columns several tables of schema.sql share, each group written once and filled in where
# the template names it (`{edition},`): the template indents the first column, and the
# rest follow on lines of their own, so the DDL applied reads as if written out.
COLUMN_GROUPS = {
    # Every raw table: the edition (newspaper x date) a row belongs to.
    "edition": (
        "newspaper text not null",
        "edition_date date not null",
    ),
    # raw.pages and raw.articles: one row per distinct content of a URL, as fetched and staged.
    "fetched_content": (
        "http_status integer not null",
        "content_hash text not null",
        "raw_html text not null",
        "fetched_at timestamptz not null",
        "run_id text",
        "loaded_at timestamptz not null default now()",
        "unique (url, content_hash)",
    ),
    # Every extract table: the article version and the extractor version a row came from.
    "extracted_from": (
        "article_id bigint not null references raw.articles (article_id)",
        "extractor_version text not null",
    ),
    # raw.fetch_log and extract.failed_articles: why a fetch or an extraction failed, after how many tries.
    "failure": (
        "error text not null",
        "attempts integer not null default 1",
    ),
    # extract.investment_facts and extract.rejected_figures: the sentence quoted and where it is
    # in the article's body_text.
    "evidence_span": (
        "evidence text not null",
        "char_start integer not null",
        "char_end integer not null",
    ),
}


@lru_cache(maxsize=1)
def schema_sql() -> sql.Composed:
    """schema.sql with the registry's vocabularies (each value quoted by psycopg) and the shared columns filled in."""
    template = resources.files("xiangmu.warehouse").joinpath("schema.sql").read_text("utf-8")
    columns = {name: sql.SQL(",\n    ".join(group)) for name, group in COLUMN_GROUPS.items()}
    return sql.SQL(template).format(  # type: ignore[arg-type]  # the package's file, not user input
        subjects=_listed(vocabulary.SUBJECTS),
        edition_statuses=_listed(vocabulary.EDITION_STATUSES),
        **columns,
    )


def _listed(terms: tuple[vocabulary.Term, ...]) -> sql.Composed:
    """A vocabulary's codes as a list of SQL literals, for `column in (...)`."""
    return sql.SQL(", ").join(sql.Literal(code) for code in vocabulary.codes(terms))


def ensure_schema(conn: psycopg.Connection) -> None:
    """Create or upgrade the raw and extract schemas (idempotent DDL), once per version of schema.sql.

    Why once: every task calls this at its start, and the DDL locks tables
    even with nothing to do (ALTER TABLE ... IF NOT EXISTS takes an exclusive
    lock, CREATE INDEX IF NOT EXISTS a share lock). Applied beside another
    task's load it deadlocked (CI: one extraction shard's COPY waited for
    raw.articles, which the other shard's schema held, while that schema
    waited for the table the COPY was writing). The digest of the applied DDL
    is recorded in ops.schema_applied; a warehouse already at it takes no lock
    but the advisory one.
    """
    ddl = schema_sql()
    digest = hashlib.sha256(ddl.as_string(conn).encode("utf-8")).hexdigest()
    with conn.transaction():
        # Serialise concurrent first runs: CREATE ... IF NOT EXISTS can still race.
        conn.execute("select pg_advisory_xact_lock(hashtext('xiangmu.schema'))")
        if schema_applied(conn, digest):
            return
        conn.execute(ddl)
        conn.execute("insert into ops.schema_applied (digest) values (%s) on conflict do nothing", (digest,))


def schema_applied(conn: psycopg.Connection, digest: str) -> bool:
    """Whether this version of schema.sql (its digest) was applied to the warehouse."""
    if conn.execute("select to_regclass('ops.schema_applied')").fetchone()[0] is None:
        return False
    applied = conn.execute("select exists (select from ops.schema_applied where digest = %s)", (digest,))
    return bool(applied.fetchone()[0])


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
