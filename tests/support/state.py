"""Throwaway directories and environment for one test module's own state.

Why not pytest's tmp_path_factory: its directories are private to root (mode
0700), which locks out the 'pgserver' user the embedded PostgreSQL runs as
when tests run as root, and other pytest sessions on the machine prune them
while a module still uses them.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def fresh_dir(prefix: str) -> Path:
    """A new directory outside pytest's tmp root that the server's user can enter."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    path.chmod(0o755)
    return path


def _apply(values: dict[str, str | None]) -> None:
    for name, value in values.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@contextmanager
def scoped_env(**values: str | None) -> Iterator[None]:
    """Set (or, for None, remove) environment variables; restore them all on exit."""
    saved = {name: os.environ.get(name) for name in values}
    try:
        _apply(values)
        yield
    finally:
        _apply(saved)


@contextmanager
def gx_project(state: Path) -> Iterator[Path]:
    """A copy of the committed GX context (and Data Docs) under `state`, for the duration.

    A copy, so tests exercise the committed great_expectations.yml without
    rewriting it; XIANGMU_GX_DIR and XIANGMU_DATA_DOCS_DIR point there.
    """
    gx_root = state / "gx_project"
    (gx_root / "gx").mkdir(parents=True, exist_ok=True)
    shutil.copy(PROJECT_ROOT / "expectations" / "gx" / "great_expectations.yml", gx_root / "gx")
    with scoped_env(XIANGMU_GX_DIR=str(gx_root), XIANGMU_DATA_DOCS_DIR=str(state / "data_docs")):
        yield gx_root
