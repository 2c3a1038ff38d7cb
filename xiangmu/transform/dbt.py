"""Run the dbt project against the warehouse: the one way the DAG, the CLI and the tests share.

One way: the dbt executable of this environment in a subprocess (cosmos'
InvocationMode.SUBPROCESS in the DAG, run_dbt here), with a profile that
cosmos' PostgresUserPasswordProfileMapping renders from a `postgres`
connection: the Airflow connection `xiangmu_warehouse` in deployment, or one
made from the warehouse URL (WAREHOUSE_URL, or the embedded server) locally.
Why a subprocess rather than dbt's in-process dbtRunner: dbt keeps global
state (adapters, flags) per process, which breaks the second invocation in a
long-lived process such as a test session; one dbt start per `dbt build` is
cheap next to the build.

This module also keeps dbt's target/ and logs/ in the state directory
instead of the source tree, and turns a failed run into an exception that
carries the part of dbt's output that explains it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from xiangmu import config
from xiangmu.warehouse.connect import libpq_params, warehouse_url

# Lines of dbt output kept in DbtError: enough for the failing node and its SQL error.
_TAIL_LINES = 60
PROFILE_NAME, TARGET_NAME = "xiangmu", "default"
# The profile's settings that are not the connection's (schema: dbt's default, models override it).
PROFILE_ARGS: dict[str, Any] = {"schema": "staging", "threads": 4, "connect_timeout": 10}


class DbtError(RuntimeError):
    """A dbt command exited non-zero; the message ends with its output's tail."""

    def __init__(self, args: list[str], returncode: int, output: str) -> None:
        tail = "\n".join(output.splitlines()[-_TAIL_LINES:])
        super().__init__(f"dbt {' '.join(args)} failed with exit code {returncode}:\n{tail}")
        self.args_list = args
        self.returncode = returncode
        self.output = output


def dbt_executable() -> Path:
    """dbt from the same environment as this interpreter (not whatever is on PATH)."""
    return Path(sys.executable).parent / "dbt"


def dbt_state_dir() -> Path:
    path = config.state_dir() / "dbt"
    path.mkdir(parents=True, exist_ok=True)
    return path


def dbt_env() -> dict[str, str]:
    """What every dbt call gets besides its profile: quiet, and packages kept in the state dir."""
    return {
        "DO_NOT_TRACK": "1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_PACKAGES_INSTALL_PATH": str(dbt_state_dir() / "dbt_packages"),
    }


def url_connection(url: str, conn_id: str = "xiangmu_warehouse"):
    """A `postgres` Airflow connection object for a warehouse URL (no Airflow metadata involved)."""
    from airflow.sdk import Connection

    p = libpq_params(url)
    return Connection(
        conn_id=conn_id, conn_type="postgres", host=p["host"], port=int(p["port"]),
        login=p["user"], password=p["password"], schema=p["dbname"],
    )


def profile_mapping(connection: Any = None, *, conn_id: str = "xiangmu_warehouse"):
    """cosmos' postgres profile mapping over `connection` (else Airflow's connection `conn_id`).

    connection may be a callable, asked once when dbt runs: a DAG's profile is
    built when the DAG file is parsed, its connection resolved in the task.
    """
    from cosmos.profiles import PostgresUserPasswordProfileMapping

    class WarehouseProfileMapping(PostgresUserPasswordProfileMapping):
        """The stock mapping, over a given connection, and with an empty password allowed.

        Why an empty password: the embedded warehouse's unix socket uses trust
        authentication; cosmos would otherwise refuse the connection.
        """

        @property
        def conn(self) -> Any:
            if connection is None:
                return super().conn
            if self._conn is None:
                self._conn = connection() if callable(connection) else connection
            return self._conn

        def get_dbt_value(self, name: str) -> Any:
            value = super().get_dbt_value(name)
            return "" if value is None and name == "password" else value

    return WarehouseProfileMapping(conn_id=conn_id, profile_args=dict(PROFILE_ARGS))


def write_profile(directory: Path, mapping: Any, *, mock: bool = False) -> dict[str, str]:
    """Write profiles.yml into `directory`; returns the env vars it reads (the password).

    mock: placeholder values, for `dbt parse`, which never connects.
    """
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "profiles.yml").write_text(
        mapping.get_profile_file_contents(PROFILE_NAME, TARGET_NAME, use_mock_values=mock), encoding="utf-8"
    )
    return {} if mock else dict(mapping.env_vars)


def run_dbt(args: list[str], url: str | None = None) -> str:
    """Run `dbt <args>` in dbt_project/ against the warehouse; its output, or DbtError on failure."""
    mapping = profile_mapping(url_connection(url or warehouse_url()))
    with tempfile.TemporaryDirectory(prefix="profile-", dir=dbt_state_dir()) as profiles_dir:
        env = {
            **os.environ,
            **dbt_env(),
            **write_profile(Path(profiles_dir), mapping),
            "DBT_PROFILES_DIR": profiles_dir,
            "DBT_PROJECT_DIR": str(config.dbt_project_dir()),
            "DBT_TARGET_PATH": str(config.dbt_target_dir()),
            "DBT_LOG_PATH": str(dbt_state_dir() / "logs"),
        }
        result = subprocess.run(
            [str(dbt_executable()), *args],
            cwd=config.dbt_project_dir(),
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode != 0:
        raise DbtError(args, result.returncode, result.stdout + result.stderr)
    return result.stdout


def build(url: str | None = None) -> None:
    """Seed, run, snapshot and test everything (models fail fast on a failing test)."""
    run_dbt(["build"], url)


def grant_bi_reader(url: str | None = None) -> None:
    """(Re)apply bi_reader's read-only grants on the published marts schema.

    The role's one definition is xiangmu.warehouse.roles (no dbt macro: the
    Docker init runs the same SQL files).
    """
    from xiangmu.warehouse import roles
    from xiangmu.warehouse.connect import connect

    with connect(url or warehouse_url(), autocommit=True) as conn:
        roles.ensure_bi_reader(conn)


def docs_generate(url: str | None = None) -> Path:
    """Generate dbt docs; returns the index.html under state_dir()/dbt/target."""
    run_dbt(["docs", "generate"], url)
    index = config.dbt_target_dir() / "index.html"
    if not index.exists():
        raise DbtError(["docs", "generate"], 0, f"{index} was not written")
    name_published_relations(config.dbt_target_dir())
    return index


# dbt builds the marts into the candidate schema; BI reads them where publish copies them.
BUILT_SCHEMA, PUBLISHED_SCHEMA = "marts_candidate", "marts"


def name_published_relations(target: Path) -> int:
    """Make the docs name the relations readers query: `marts.x`, not `marts_candidate.x`.

    Why: the docs are read by analysts, and the candidate schema is an internal
    stage they cannot even see. dbt's docs site reads manifest.json and
    catalog.json from the target folder, so rewriting their schema and
    relation names is enough. Returns the number of nodes renamed.
    """
    renamed = 0
    for name in ("manifest.json", "catalog.json"):
        path = target / name
        if not path.exists():
            continue
        doc = json.loads(path.read_text(encoding="utf-8"))
        for node in doc.get("nodes", {}).values():
            holder = node.get("metadata", node)  # catalog nodes keep the schema under metadata
            if holder.get("schema") != BUILT_SCHEMA:
                continue
            holder["schema"] = PUBLISHED_SCHEMA
            if node.get("relation_name"):
                node["relation_name"] = node["relation_name"].replace(f'"{BUILT_SCHEMA}"', f'"{PUBLISHED_SCHEMA}"')
            renamed += 1
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return renamed


def main(argv: list[str] | None = None) -> int:
    """`python -m xiangmu.transform.dbt <dbt args>`: any dbt command, run the one way (by hand)."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        print(run_dbt(args), end="")
    except DbtError as exc:
        print(exc.output, file=sys.stderr, end="")
        return exc.returncode
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
