"""A real PostgreSQL server that the project manages itself.

Why: `make run` and the tests must work on a bare machine with no database
service. pgserver ships the server binaries as a wheel; the data directory is
project-local and kept between runs, so the warehouse survives restarts.

Why this module starts the server itself rather than through pgserver:
pgserver starts it on a unix socket only (``-h ""`` on the command line, which
no configuration file can override), and a BI tool needs TCP. The server here
listens on the socket (trust authentication: the local pipeline, as the
superuser) and on 127.0.0.1 (scram-sha-256 passwords only: BI tools, as
bi_reader, whose password is generated on first start and kept in the data
directory with mode 0600). pgserver still provides the binaries, initdb, the
unprivileged system user when run as root, and the inter-process lock.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import socket
import subprocess
import types
import warnings
from pathlib import Path

from xiangmu import config

log = logging.getLogger(__name__)

DEFAULT_PORT = 54329
HOST = "127.0.0.1"
PORT_FILE = "xiangmu_tcp_port"
PASSWORD_FILE = "xiangmu_bi_reader.password"
DATABASE = "postgres"
# Unix socket: trust (only local users reach it; the pipeline connects as the
# superuser). TCP: passwords only, and the superuser has none, so over TCP only
# roles given a password (bi_reader) can log in.
PG_HBA = """\
# Written by xiangmu.warehouse.embedded on every start; edits are overwritten.
# TYPE  DATABASE  USER  ADDRESS        METHOD
local   all       all                  trust
host    all       all   127.0.0.1/32   scram-sha-256
host    all       all   ::1/128        scram-sha-256
"""
_START_ATTEMPTS = 3


class EmbeddedWarehouseError(RuntimeError):
    """The embedded server could not be started or reached as expected."""


def data_dir() -> Path:
    return config.state_dir() / "pgdata"


def _quiet_platformdirs() -> None:
    # pgserver asks platformdirs for a runtime dir; without XDG_RUNTIME_DIR it
    # warns on every import. The fallback it picks is fine for us.
    os.environ.setdefault("XDG_RUNTIME_DIR", str(config.state_dir() / "runtime"))
    Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(parents=True, exist_ok=True)
    warnings.filterwarnings("ignore", module="platformdirs")


def _system_user() -> str | None:
    """pgserver runs the postmaster as an unprivileged 'pgserver' user when we are root."""
    return "pgserver" if os.geteuid() == 0 else None


def _running_info(pgdata: Path):
    from pgserver.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(pgdata)
    if info is not None and info.is_running() and info.status == "ready":
        return info
    return None


def _uri(info) -> str:
    port = info.port or 5432
    return f"postgresql://postgres:@/{DATABASE}?host={info.socket_dir}&port={port}"


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # As PostgreSQL binds: a port left in TIME_WAIT by our own last stop is free.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
    return True


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _choose_port(pgdata: Path) -> tuple[int, bool]:
    """(port, pinned): XIANGMU_WAREHOUSE_PORT, else the one kept in the data dir, else 54329 or any free one."""
    configured = config.embedded_warehouse_port()
    if configured is not None:
        return configured, True
    stored = pgdata / PORT_FILE
    if stored.exists():
        port = int(stored.read_text().strip() or 0)
        if port and _port_free(port):
            return port, False
    return (DEFAULT_PORT if _port_free(DEFAULT_PORT) else _free_port()), False


def _initdb(pgdata: Path) -> None:
    """initdb (when new) through pgserver: same flags, and its root handling (permissions, chown)."""
    from pgserver.postgres_server import PostgresServer

    server = types.SimpleNamespace(pgdata=pgdata, system_user=_system_user(), postgres_user="postgres")
    PostgresServer.ensure_pgdata_inited(server)


def _pg_ctl_start(pgdata: Path, port: int) -> None:
    from pgserver._commands import pg_ctl
    from pgserver.postgres_server import PostgresServer
    from pgserver.utils import ensure_prefix_permissions, find_suitable_socket_dir

    socket_dir = find_suitable_socket_dir(pgdata, PostgresServer.runtime_path)
    if _system_user() is not None and socket_dir != pgdata:
        ensure_prefix_permissions(socket_dir)
        socket_dir.chmod(0o777)
    args = ["-w", "-o", f"-h {HOST} -p {port} -k {socket_dir}", "-l", str(pgdata / "log"), "start"]
    pg_ctl(args, pgdata=pgdata, user=_system_user(), timeout=60)


def _start_server(pgdata: Path) -> None:
    if _system_user() is not None:
        from pgserver.utils import ensure_user_exists

        ensure_user_exists(_system_user())
    # Always, as pgserver does: besides initdb on a new directory, it lets the
    # server's user traverse the directory's parents again (pytest, for one,
    # resets its tmp root to 0700).
    _initdb(pgdata)
    # Open the file (not replace it): it keeps the owner pgserver gave it.
    with open(pgdata / "pg_hba.conf", "w", encoding="utf-8") as hba:
        hba.write(PG_HBA)
    last_error: Exception | None = None
    for _ in range(_START_ATTEMPTS):
        port, pinned = _choose_port(pgdata)
        try:
            _pg_ctl_start(pgdata, port)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            last_error = exc
            if pinned:
                break
            continue  # most likely another server took the port meanwhile: choose again
        (pgdata / PORT_FILE).write_text(f"{port}\n")
        return
    log_tail = ""
    if (pgdata / "log").exists():
        log_tail = " | ".join((pgdata / "log").read_text(errors="replace").splitlines()[-3:])
    raise EmbeddedWarehouseError(f"the embedded PostgreSQL in {pgdata} did not start: {last_error} {log_tail}")


def bi_reader_password(pgdata: Path | None = None) -> str:
    """bi_reader's password for this data directory, generated on first use (file mode 0600)."""
    pgdata = pgdata or data_dir()
    path = pgdata / PASSWORD_FILE
    if not path.exists():
        # Written whole under another name, then linked: a concurrent reader never sees it half-written,
        # and of two processes generating at once, the first link wins.
        draft = path.with_name(f"{PASSWORD_FILE}.{os.getpid()}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(24) + "\n")
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()


def ensure_bi_login(uri: str, pgdata: Path | None = None) -> None:
    """bi_reader exists with its grants, session defaults and this data directory's password."""
    import psycopg

    from xiangmu.warehouse import roles

    with psycopg.connect(uri, autocommit=True) as conn:
        roles.ensure_bi_reader(conn, password=bi_reader_password(pgdata))


def start(pgdata: Path | None = None) -> str:
    """Start (or attach to) the embedded server and return its libpq URI (unix socket).

    Idempotent and safe to call from many processes: starting happens under
    pgserver's inter-process lock, and a running postmaster is reused.
    """
    _quiet_platformdirs()
    pgdata = (pgdata or data_dir()).expanduser().resolve()
    pgdata.mkdir(parents=True, exist_ok=True)
    info = _running_info(pgdata)
    if info is not None:
        return _uri(info)
    from pgserver.postgres_server import PostgresServer

    config.embedded_warehouse_port()  # a bad XIANGMU_WAREHOUSE_PORT fails before initdb
    started = False
    with PostgresServer._lock:
        info = _running_info(pgdata)
        if info is None:
            _start_server(pgdata)
            started = True
            info = _running_info(pgdata)
            if info is None:
                raise EmbeddedWarehouseError(f"the embedded PostgreSQL in {pgdata} started but is not ready")
    uri = _uri(info)
    if started:
        ensure_bi_login(uri, pgdata)
    return uri


def database_uri(name: str, pgdata: Path | None = None) -> str:
    """Start the server if needed and create database `name` on it (once); its libpq URI (unix socket).

    Why a database of its own: the local Airflow keeps its metadata beside the
    warehouse on the same server, as a deployment does, never in the
    warehouse's own database.
    """
    import psycopg
    from psycopg import sql

    uri = start(pgdata)
    with psycopg.connect(uri, autocommit=True) as conn:
        if conn.execute("select 1 from pg_database where datname = %s", (name,)).fetchone() is None:
            # another process may create it meanwhile
            with contextlib.suppress(psycopg.errors.DuplicateDatabase):
                conn.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
    return uri.replace(f"/{DATABASE}?", f"/{name}?", 1)


def tcp_port(pgdata: Path | None = None) -> int | None:
    """The TCP port the running server listens on, None if it listens on the socket only."""
    info = _running_info((pgdata or data_dir()).expanduser().resolve())
    if info is None or not info.hostname:
        return None
    return info.port


def bi_reader_url(pgdata: Path | None = None) -> str:
    """Start the server if needed; the URL a BI tool takes: bi_reader over TCP with its password."""
    pgdata = (pgdata or data_dir()).expanduser().resolve()
    uri = start(pgdata)
    port = tcp_port(pgdata)
    if port is None:
        raise EmbeddedWarehouseError(
            "the embedded warehouse runs without TCP (started by an older version): "
            "run `xiangmu stop`, then retry"
        )
    ensure_bi_login(uri, pgdata)
    return f"postgresql://bi_reader:{bi_reader_password(pgdata)}@{HOST}:{port}/{DATABASE}"


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
