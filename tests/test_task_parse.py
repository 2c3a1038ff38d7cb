"""A task process renders only its own dbt node, and gets the very task the whole DAG has.

Why it matters: Airflow parses the DAG file again in every task process; the
transform DAG renders its dbt node tasks from only the node a task process
runs (xiangmu.dbt_airflow.node_of_task). Were that rendering to miss a task,
or to give it another class, node or producer, the task would fail or report
another node's result.
"""

from __future__ import annotations

import os

import pytest

from xiangmu.dbt_airflow import node_of_task

CONTEXT = "_AIRFLOW_PARSING_CONTEXT_TASK_ID"  # what Airflow's task runner sets while parsing for a task
NODES = {
    "model.x.dim_date": {"name": "dim_date", "resource_type": "model"},
    "model.x.stg_raw__pages": {"name": "stg_raw__pages", "resource_type": "model"},
    "seed.x.regions": {"name": "regions", "resource_type": "seed"},
    "snapshot.x.dim_project_history": {"name": "dim_project_history", "resource_type": "snapshot"},
    "test.x.not_null_dim_date_id": {"name": "not_null_dim_date_id", "resource_type": "test"},
}


def test_node_of_task_reads_cosmos_task_ids():
    assert node_of_task("dbt", "dbt.dim_date.run", NODES) == "dim_date"
    assert node_of_task("dbt", "dbt.dim_date.test", NODES) == "dim_date"
    assert node_of_task("dbt", "dbt.stg_raw__pages_run", NODES) == "stg_raw__pages"
    assert node_of_task("dbt", "dbt.dim_project_history_snapshot", NODES) == "dim_project_history"
    # everything else renders the whole project: the producer, its gate, other tasks, unknown or test nodes
    for task_id in ("dbt.dbt_producer_watcher", "dbt.dbt_producer_watcher_done", "extract", None, "",
                    "dbt.nope_run", "dbt.not_null_dim_date_id_run", "other.dim_date.run",
                    "dbt.regions.seed", "dbt.regions_seed"):  # seeds are built, watched by no task
        assert node_of_task("dbt", task_id, NODES) is None, task_id


@pytest.fixture(scope="module")
def parse(tmp_path_factory):
    from xiangmu.dbt_airflow import ensure_manifest

    saved = {k: os.environ.get(k) for k in ("XIANGMU_STATE_DIR", "WAREHOUSE_URL", CONTEXT)}
    os.environ["XIANGMU_STATE_DIR"] = str(tmp_path_factory.mktemp("task-parse-state"))
    os.environ["WAREHOUSE_URL"] = "postgresql://nobody@127.0.0.1:1/none"  # parsing never connects
    ensure_manifest()
    from airflow.dag_processing.dagbag import DagBag

    def _parse(task_id: str | None):
        if task_id:
            os.environ[CONTEXT] = task_id
        else:
            os.environ.pop(CONTEXT, None)
        bag = DagBag(dag_folder=os.path.join(os.environ["AIRFLOW__CORE__DAGS_FOLDER"], "xiangmu_transform.py"))
        assert not bag.import_errors, bag.import_errors
        return bag.dags["xiangmu_transform"]

    try:
        yield _parse
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def test_each_node_task_is_rendered_alone_and_the_same(parse):
    full = parse(None)
    node_tasks = [t for t in full.tasks if t.task_id.startswith("dbt.") and "producer" not in t.task_id]
    from xiangmu.dbt_airflow import manifest_nodes

    watched = [n for n in manifest_nodes().values() if n["resource_type"] in ("model", "snapshot")]
    assert len(node_tasks) == len(watched) > 20  # every model and snapshot (seeds have no task)
    for task in node_tasks:
        alone = parse(task.task_id)
        assert len(alone.tasks) < len(full.tasks) / 3, f"{task.task_id}: the whole project was rendered"
        mine = alone.task_dict.get(task.task_id)
        assert mine is not None, f"{task.task_id} missing when rendered for itself"
        assert type(mine) is type(task)
        assert mine.model_unique_id == task.model_unique_id
        assert mine.producer_task_id == task.producer_task_id
        assert mine.retries == task.retries == 0 and mine.on_failure_callback == task.on_failure_callback
    # the producer's process renders one node beside it, yet its `dbt build` covers every node, as in full
    alone = parse("dbt.dbt_producer_watcher")
    assert len(alone.tasks) < len(full.tasks) / 3, "the whole project was rendered for the build"
    build, full_build = alone.get_task("dbt.dbt_producer_watcher"), full.get_task("dbt.dbt_producer_watcher")
    assert type(build) is type(full_build)
    for attr in ("base_cmd", "select", "selector", "exclude", "dbt_cmd_flags", "env", "invocation_mode",
                 "project_dir", "retries", "on_failure_callback"):
        assert getattr(build, attr) == getattr(full_build, attr), attr
    assert not build.select and not build.exclude
