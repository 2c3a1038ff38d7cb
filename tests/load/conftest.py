"""Fixtures shared by the loading tests: the sample archive over real HTTP, empty raw tables, a fast client.

The warehouse is each module's own (private_warehouse, tests/conftest.py).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from raw_loading import RAW_TABLES

from scrapers.http import PoliteClient
from xiangmu.local.sample_server import DEFAULT_ROOT, ArchiveServer, serve_archive
from xiangmu.warehouse import connect


@pytest.fixture(scope="module")
def archive() -> Iterator[tuple[ArchiveServer, str]]:
    """The sample archive served on 127.0.0.1: (server, base URL)."""
    server, base = serve_archive(DEFAULT_ROOT)
    yield server, base
    server.shutdown()
    server.server_close()


@pytest.fixture()
def clean_raw(private_warehouse: str, archive: tuple[ArchiveServer, str]) -> Iterator[None]:
    """Empty raw tables and no fault rules before and after a test (the warehouse is the module's own)."""
    server, _ = archive
    server.state.clear()
    with connect(private_warehouse, autocommit=True) as conn:
        conn.execute("truncate " + ", ".join(f"raw.{t}" for t in RAW_TABLES) + " cascade")
    yield
    server.state.clear()


@pytest.fixture()
def client() -> Iterator[PoliteClient]:
    """One retry, no politeness wait, tiny backoff: timing is not what these tests are about."""
    with PoliteClient(min_interval=0.0, max_retries=1, backoff_base=0.01, backoff_max=0.02, timeout=5) as c:
        yield c
