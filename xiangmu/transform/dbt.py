"""Run the dbt project against the warehouse.

Why a wrapper: dbt reads its connection from profiles.yml, which reads only
environment variables (no secret in the repository). This module turns the
one warehouse URL the rest of Xiangmu uses (embedded server or WAREHOUSE_URL)
into those variables, keeps dbt's target/ and logs/ in the state directory
instead of the source tree, and turns a failed run into an exception that
carries the part of dbt's output that explains it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from xiangmu import config
from xiangmu.warehouse.connect import libpq_params, warehouse_url

# Lines of dbt output kept in DbtError: enough for the failing node and its SQL error.
_TAIL_LINES = 60


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


def dbt_env(url: str) -> dict[str, str]:
    """Environment variables that point profiles.yml at `url` and keep dbt quiet and local.

    Returns only the variables dbt needs from us; run_dbt merges them over os.environ.
    """
    params = libpq_params(url)
    state = dbt_state_dir()
    return {
        "XIANGMU_PG_HOST": params["host"],
        "XIANGMU_PG_PORT": params["port"],
        "XIANGMU_PG_USER": params["user"],
        "XIANGMU_PG_PASSWORD": params["password"],
        "XIANGMU_PG_DBNAME": params["dbname"],
        "DBT_PROFILES_DIR": str(config.dbt_project_dir()),
        "DBT_PROJECT_DIR": str(config.dbt_project_dir()),
        "DO_NOT_TRACK": "1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_TARGET_PATH": str(config.dbt_target_dir()),
        "DBT_LOG_PATH": str(state / "logs"),
        "DBT_PACKAGES_INSTALL_PATH": str(state / "dbt_packages"),
    }


def run_dbt(args: list[str], url: str | None = None) -> None:
    """Run `dbt <args>` in dbt_project/ against the warehouse; raise DbtError on failure.

    A subprocess rather than dbtRunner: dbt keeps global state (adapters,
    flags) per process, which breaks the second invocation in a long-lived
    process such as an Airflow worker or a test session.
    """
    env = {**os.environ, **dbt_env(url or warehouse_url())}
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
