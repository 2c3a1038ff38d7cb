"""A real PostgreSQL server that the project manages itself.

Why: `make run` and the tests must work on a bare machine with no database
service. pgserver ships the server binaries as a wheel; the data directory is
project-local and kept between runs, so the warehouse survives restarts.
"""

from __future__ import annotations

import logging
import os
import subprocess
import warnings
from pathlib import Path

from xiangmu import config

log = logging.getLogger(__name__)


def data_dir() -> Path:
    return config.state_dir() / "pgdata"


def _quiet_platformdirs() -> None:
    # pgserver asks platformdirs for a runtime dir; without XDG_RUNTIME_DIR it
    # warns on every import. The fallback it picks is fine for us.
    os.environ.setdefault("XDG_RUNTIME_DIR", str(config.state_dir() / "runtime"))
    Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(parents=True, exist_ok=True)
    warnings.filterwarnings("ignore", module="platformdirs")


def start(pgdata: Path | None = None) -> str:
    """Start (or attach to) the embedded server and return its libpq URI.

    Idempotent and safe to call from many processes: pgserver takes an
    inter-process lock and reuses a running postmaster for the same directory.
    """
    _quiet_platformdirs()
    import pgserver  # imported lazily: only the embedded mode needs it

    pgdata = pgdata or data_dir()
    pgdata.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(pgdata, cleanup_mode=None)
    return server.get_uri()


def stop(pgdata: Path | None = None) -> bool:
    """Stop the embedded server if it runs; True when one was stopped."""
    _quiet_platformdirs()
    pgdata = pgdata or data_dir()
    if not (pgdata / "postmaster.pid").exists():
        return False
    from pgserver._commands import POSTGRES_BIN_PATH

    cmd = [str(POSTGRES_BIN_PATH / "pg_ctl"), "-D", str(pgdata), "-m", "fast", "-w", "stop"]
    if os.geteuid() == 0:
        # pgserver runs the postmaster as an unprivileged 'pgserver' user when root.
        cmd = ["su", "pgserver", "-s", "/bin/sh", "-c", " ".join(cmd)]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        log.warning("pg_ctl stop failed: %s", result.stderr.strip())
        return False
    return True
