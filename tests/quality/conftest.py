"""Fixtures for the quality tests: the module's embedded warehouse with a GX context of its own.

Why per module rather than per test: starting PostgreSQL costs a couple of
seconds, so a module's tests share one server and clear the tables between
them. The GX context and Data Docs go to the module's state dir and the
environment is restored when the module ends (see tests/conftest.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from state import gx_project

RAW_AND_EXTRACT_TABLES = (
    "extract.investment_facts, extract.article_extractions, raw.fetch_log, raw.articles, raw.pages, raw.editions"
)


@pytest.fixture(scope="module")
def warehouse(isolated_state: Path) -> Iterator[str]:
    """Embedded PostgreSQL with the raw/extract schema, GX context and Data Docs in the state dir."""
    from xiangmu.warehouse import connect, ensure_schema, warehouse_url

    with gx_project(isolated_state):
        url = warehouse_url()
        with connect(url) as conn:
            ensure_schema(conn)
        yield url


@pytest.fixture
def db(warehouse: str):
    """Autocommit connection to a warehouse whose raw and extract tables start empty."""
    import psycopg

    with psycopg.connect(warehouse, autocommit=True) as conn:
        conn.execute(f"truncate {RAW_AND_EXTRACT_TABLES} restart identity cascade")
        yield conn
