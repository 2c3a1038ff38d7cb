"""Every DAG imports cleanly and is wired as documented."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="module")
def dagbag():
    from airflow.models.dagbag import DagBag

    return DagBag(dag_folder=os.environ["AIRFLOW__CORE__DAGS_FOLDER"])


def test_no_import_errors(dagbag):
    assert dagbag.import_errors == {}
    assert dagbag.dags, "no DAG found in dags/"


def test_daily_dag_wiring(dagbag):
    dag = dagbag.dags["xiangmu_daily"]
    ids = set(dag.task_ids)
    assert {"scrape_sjzrb", "scrape_hbrb", "check_raw", "extract", "check_extraction", "dbt_build",
            "check_marts", "publish", "finish"} <= ids
    # publish only after the mart checks, which come after dbt
    assert "check_marts" in dag.get_task("publish").upstream_task_ids
    assert "dbt_build" in dag.get_task("check_marts").upstream_task_ids
    # a failed scrape must fail the run, via the final task
    assert {"scrape_sjzrb", "scrape_hbrb"} <= dag.get_task("finish").upstream_task_ids
    # daily, after the papers publish, in China's time zone whatever the server's
    assert dag.timetable.expression == "30 7 * * *"
    assert str(dag.timetable.timezone) in ("Asia/Shanghai", "Timezone('Asia/Shanghai')")
    assert dag.max_active_runs == 1
    assert "check_extraction" in dag.get_task("dbt_build").upstream_task_ids
    assert dag.get_task("scrape_sjzrb").pool == "epaper_sjzrb"
    for check in ("check_raw", "check_extraction", "check_marts"):
        assert dag.get_task(check).retries == 0, "a failed check must alert at once, not after retries"
    for task in dag.tasks:
        assert task.owner == "data-engineering"
        assert task.on_failure_callback, f"{task.task_id} sends no alert on failure"
