"""`make bi`: the local Apache Superset on the warehouse, with the repo's dashboards.

Runs with any Python 3.11 (no Superset import here: Superset lives in its own
virtualenv, .venv-bi, because its pins conflict with Airflow's). Steps:

    python bi/superset_bi.py setup   # migrate, admin user, import bi/dashboards/, connect as bi_reader
    python bi/superset_bi.py serve   # setup, then gunicorn on 127.0.0.1:8088 until interrupted

The warehouse URL is XIANGMU_BI_WAREHOUSE_URL when set, else what
`xiangmu bi-credentials` prints (bi_reader's login on the embedded warehouse).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BI_VENV = Path(os.environ.get("XIANGMU_BI_VENV", ROOT / ".venv-bi"))
CONFIG = ROOT / "bi" / "superset_config.py"


def state_dir() -> Path:
    return Path(os.environ.get("XIANGMU_STATE_DIR") or ROOT / ".state").resolve()


def sqlalchemy_url(url: str) -> str:
    """Superset's driver is psycopg2: postgresql://... -> postgresql+psycopg2://..."""
    scheme, sep, rest = url.partition("://")
    if not sep or not scheme.startswith("postgres"):
        raise SystemExit(f"xiangmu bi: not a PostgreSQL URL: {scheme}://...")
    return f"postgresql+psycopg2://{rest}"


def warehouse_url() -> str:
    """bi_reader's URL: configured, or from `xiangmu bi-credentials` (which starts the embedded warehouse)."""
    configured = os.environ.get("XIANGMU_BI_WAREHOUSE_URL")
    if configured:
        return sqlalchemy_url(configured)
    xiangmu = ROOT / ".venv" / "bin" / "xiangmu"
    result = subprocess.run([str(xiangmu), "bi-credentials"], capture_output=True, text=True)
    if result.returncode != 0 or not result.stdout.strip():
        message = (result.stderr.strip().splitlines() or ["no output"])[-1]
        raise SystemExit(f"xiangmu bi: `xiangmu bi-credentials` failed: {message}")
    return sqlalchemy_url(result.stdout.strip().splitlines()[-1])


def superset_env(warehouse: str | None = None) -> dict[str, str]:
    """Environment for every Superset process: config, state dir, no phone-home."""
    env = {
        **os.environ,
        "SUPERSET_CONFIG_PATH": str(CONFIG),
        "XIANGMU_STATE_DIR": str(state_dir()),
        "SCARF_ANALYTICS": "false",
        "DO_NOT_TRACK": "1",
        "PYTHONPATH": "",
    }
    if warehouse:
        env["XIANGMU_BI_WAREHOUSE_URL"] = warehouse
    return env


def setup(warehouse: str | None = None) -> None:
    """Migrate, create the admin, import the dashboards, connect the warehouse (idempotent)."""
    env = superset_env(warehouse or warehouse_url())
    subprocess.run([str(BI_VENV / "bin" / "python"), str(ROOT / "bi" / "bootstrap_superset.py")], env=env, check=True)


def serve_command(host: str, port: int) -> list[str]:
    """gunicorn as Superset's docs run it: one worker, threads for the dashboard's parallel chart requests."""
    return [str(BI_VENV / "bin" / "gunicorn"), "--workers", "1", "--threads", "8", "--timeout", "120",
            "--bind", f"{host}:{port}", "--access-logfile", "-", "superset.app:create_app()"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="superset_bi", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["setup", "serve"])
    parser.add_argument("--host", default=os.environ.get("XIANGMU_BI_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("XIANGMU_BI_PORT", "8088")))
    args = parser.parse_args(argv)
    setup()
    if args.command == "serve":
        password_file = state_dir() / "superset" / "admin_password"
        print(f"Superset on http://{args.host}:{args.port}/dashboard/list/ (user admin, password in {password_file})")
        os.execve(serve_command(args.host, args.port)[0], serve_command(args.host, args.port), superset_env())
    return 0


if __name__ == "__main__":
    sys.exit(main())
