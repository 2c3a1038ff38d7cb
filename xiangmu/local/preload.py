"""Import what our task processes import, once, in the local Airflow's long-lived processes before they fork.

Why: with the LocalExecutor the scheduler forks one worker per slot, and each
worker forks a fresh process per task, which parses the DAG file again
(cosmos renders the dbt project's ~50 node tasks from the manifest) and runs
the task's own imports (the scrapers, the extractor, GX for the checks).
Measured on the transform DAG: 1-3 s of CPU per task, ~55 tasks per run on 2
cores, most of it importing the same modules again. Imported once in the
parent, they are inherited by every fork at no cost; only the DAG file itself
is still executed per task, as Airflow requires.

How: `install()` runs from the `airflow_local_settings` module that
xiangmu.local.airflow_env writes into the local Airflow home (never used in a
deployment), i.e. while Airflow itself is still initialising: too early to
import cosmos (which imports Airflow). So it only registers `warm()` to run
before the process's first fork, when Airflow is fully initialised. A module
that fails to import is skipped: the task process then imports it and reports
the error where it belongs, in the task's log.
"""

from __future__ import annotations

import importlib
import os

# The DAG files' imports (dags/*.py, cosmos' task group), then what their tasks import when they run.
MODULES = (
    "cosmos",
    "cosmos.airflow.task_group",
    "cosmos.converter",
    "cosmos.dbt.graph",
    "cosmos.operators.local",
    "cosmos.operators.watcher",
    "xiangmu.dagdefs",
    "xiangmu.dbt_airflow",
    "xiangmu.pipeline",
    "xiangmu.alerts",
    "scrapers.http",
    "scrapers.registry",
    "xiangmu.load.raw",
    "xiangmu.load.facts",
    "xiangmu.publish",
    "expectations.run",
    "great_expectations",
)

# A made-up sentence the extractor reads once per paper in the parent, so that every fork has its places built.
WARM_SENTENCE = "某市举行重点项目集中开工活动，30个项目总投资120亿元。"

_warmed = False


def warm() -> None:
    """Import MODULES (once per process), and load Airflow's plugins, which every task process loads too."""
    global _warmed
    if _warmed:
        return
    _warmed = True
    for name in MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - the task will import it and fail with the real error in its log
            continue
    try:  # the extractor's place names and patterns, built on first use (~0.5 s per extract task otherwise)
        from xiangmu.extract import extract_facts
        from xiangmu.newspapers import default_codes

        for code in default_codes():
            extract_facts(WARM_SENTENCE, published="2023-01-01", newspaper=code)
    except Exception:  # noqa: BLE001 - an optimisation only
        pass
    try:  # cosmos' manifest loading asks for the hook-lineage plugins (each task process ~0.7 s)
        from airflow.sdk.plugins_manager import get_hook_lineage_readers_plugins

        get_hook_lineage_readers_plugins()
    except Exception:  # noqa: BLE001 - an optimisation only
        pass


def install() -> None:
    """Warm the modules before this process first forks (see the module's docstring)."""
    os.register_at_fork(before=warm)
