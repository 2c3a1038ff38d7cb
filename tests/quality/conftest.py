"""Fixtures for the quality tests: a real embedded PostgreSQL in a throwaway state dir.

Why per module rather than per test: starting PostgreSQL costs a couple of
seconds, so a module's tests share one server and clear the tables between
them. Why not per session: the fixture points XIANGMU_STATE_DIR and friends
at its own directories, and restoring them when the module ends keeps other
test packages (and the root conftest's isolated_state) unaffected.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]

RAW_AND_EXTRACT_TABLES = (
    "extract.investment_facts, extract.article_extractions, raw.fetch_log, raw.articles, raw.pages, raw.editions"
)


@pytest.fixture(scope="module")
def warehouse() -> Iterator[str]:
    """Embedded PostgreSQL with the raw/extract schema, GX context and Data Docs in tmp dirs.

    Not pytest's tmp_path_factory: its directories are private to root (the
    server runs as the 'pgserver' user when tests run as root) and other
    pytest sessions on the machine prune them while we still use them.
    """
    root = Path(tempfile.mkdtemp(prefix="xiangmu-quality-"))
    root.chmod(0o755)
    saved = {
        k: os.environ.get(k)
        for k in ("XIANGMU_STATE_DIR", "XIANGMU_GX_DIR", "XIANGMU_DATA_DOCS_DIR", "WAREHOUSE_URL", "XDG_RUNTIME_DIR")
    }
    os.environ["XIANGMU_STATE_DIR"] = str(root / "state")
    # a copy of the committed context, so tests exercise it without rewriting it
    gx_root = root / "gx_project"
    (gx_root / "gx").mkdir(parents=True)
    shutil.copy(PROJECT_ROOT / "expectations" / "gx" / "great_expectations.yml", gx_root / "gx")
    os.environ["XIANGMU_GX_DIR"] = str(gx_root)
    os.environ["XIANGMU_DATA_DOCS_DIR"] = str(root / "data_docs")
    os.environ.pop("WAREHOUSE_URL", None)

    from xiangmu.warehouse import connect, embedded, ensure_schema, warehouse_url

    url = warehouse_url()
    try:
        with connect(url) as conn:
            ensure_schema(conn)
        yield url
    finally:
        embedded.stop()
        # pgserver logs from an atexit hook after pytest closed its streams
        logging.getLogger("pgserver").setLevel(logging.CRITICAL)
        shutil.rmtree(root, ignore_errors=True)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture
def db(warehouse: str):
    """Autocommit connection to a warehouse whose raw and extract tables start empty."""
    import psycopg

    with psycopg.connect(warehouse, autocommit=True) as conn:
        conn.execute(f"truncate {RAW_AND_EXTRACT_TABLES} restart identity cascade")
        yield conn
