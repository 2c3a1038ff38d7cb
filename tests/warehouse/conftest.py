"""A real PostgreSQL per test module, outside pytest's tmp root.

Why not tests/conftest.py's private_warehouse: its data directory is under
pytest's tmp root, which any other pytest run resets to mode 0700, locking out
the 'pgserver' user the server runs as when tests run as root.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def private_warehouse():
    """The module's own embedded PostgreSQL with the raw/extract schemas; yields its (unix socket) URL."""
    from xiangmu.warehouse import connect, embedded, ensure_schema

    root = Path(tempfile.mkdtemp(prefix="xiangmu-warehouse-test-"))
    root.chmod(0o755)
    pgdata = root / "pgdata"
    url = embedded.start(pgdata)
    with connect(url, autocommit=True) as conn:
        ensure_schema(conn)
    yield url
    embedded.stop(pgdata)
    shutil.rmtree(root, ignore_errors=True)
