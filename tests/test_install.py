"""The installed environment: what `make install` promises beyond the lock's versions."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

# Modules every Airflow, dbt and GX process imports: the ones whose compile time each process start paid.
HEAVY = ("airflow", "airflow.sdk", "cosmos", "dbt.cli.main", "dbt.adapters.postgres", "great_expectations",
         "sqlalchemy.orm", "pydantic")


@pytest.mark.parametrize("name", HEAVY)
def test_installed_packages_carry_their_bytecode(name: str) -> None:
    """`uv pip sync --compile-bytecode`: with PYTHONDONTWRITEBYTECODE set (CI sandboxes, some shells)
    Python never caches bytecode, so without it every process compiles Airflow, dbt and GX from source."""
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.origin, name
    source = Path(spec.origin)
    assert Path(sys.prefix) in source.parents, f"{name} is not from this virtualenv: {source}"
    cached = Path(importlib.util.cache_from_source(str(source)))
    assert cached.is_file(), f"no bytecode for {source}: run `make install` (uv pip sync --compile-bytecode)"
    # and Python will use it: a timestamp-based .pyc records its source's mtime and size (PEP 552)
    header = cached.read_bytes()[:16]
    assert header[:4] == importlib.util.MAGIC_NUMBER, f"{cached} was compiled by another Python"
    if int.from_bytes(header[4:8], "little") == 0:
        stat = source.stat()
        assert int.from_bytes(header[8:12], "little") == int(stat.st_mtime) & 0xFFFFFFFF, f"{cached} is stale"
        assert int.from_bytes(header[12:16], "little") == stat.st_size & 0xFFFFFFFF, f"{cached} is stale"
