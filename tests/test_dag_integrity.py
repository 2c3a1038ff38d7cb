"""Every DAG imports cleanly, fast, without a database, and is wired as documented."""

from __future__ import annotations

import os
import time

import pytest

DBT_NODE_TASKS = {  # one task per seed, model and snapshot, in the group `dbt`
    "dbt.regions_seed_build", "dbt.newspapers_seed_build", "dbt.stg_raw__articles_model_build",
    "dbt.int_project_names_normalized_model_build", "dbt.fct_investment_mention_model_build",
    "dbt.dim_region_model_build", "dbt.dim_project_history_snapshot_build",
}


@pytest.fixture(scope="module")
def dagbag(tmp_path_factory):
    from xiangmu.dbt_airflow import ensure_manifest

    previous = os.environ.get("XIANGMU_STATE_DIR")
    os.environ["XIANGMU_STATE_DIR"] = str(tmp_path_factory.mktemp("dag-state"))
    # no warehouse: parsing must never need one (a connection attempt would fail here)
    os.environ["WAREHOUSE_URL"] = "postgresql://nobody@127.0.0.1:1/none"
    try:
        ensure_manifest()  # what `airflow_env.migrate` does before any Airflow command
        from airflow.models.dagbag import DagBag

        started = time.monotonic()
        bag = DagBag(dag_folder=os.environ["AIRFLOW__CORE__DAGS_FOLDER"])
        bag.parse_seconds = time.monotonic() - started
        yield bag
    finally:
        os.environ.pop("WAREHOUSE_URL", None)
        if previous is None:
            os.environ.pop("XIANGMU_STATE_DIR", None)
        else:
            os.environ["XIANGMU_STATE_DIR"] = previous


def test_no_import_errors(dagbag):
    assert dagbag.import_errors == {}
    assert dagbag.dags, "no DAG found in dags/"


def test_parsing_is_fast(dagbag):
    # the manifest is read, not produced: no dbt, no database at parse time
    assert dagbag.parse_seconds < 20, dagbag.parse_seconds


def test_daily_dag_wiring(dagbag):
    dag = dagbag.dags["xiangmu_daily"]
    ids = set(dag.task_ids)
    assert {"scrape_sjzrb", "scrape_hbrb", "check_raw", "extract", "check_extraction", "dbt_cross_model_tests",
            "dbt_docs", "check_marts", "publish", "finish"} <= ids
    assert ids >= DBT_NODE_TASKS, DBT_NODE_TASKS - ids
    # publish only after the mart checks, which come after dbt and its docs
    assert "check_marts" in dag.get_task("publish").upstream_task_ids
    assert "dbt_docs" in dag.get_task("check_marts").upstream_task_ids
    assert dag.get_task("dbt_docs").upstream_task_ids == {"dbt_cross_model_tests"}
    # every dbt node is upstream of the cross-model tests, hence of publish
    publish_ancestors = {t.task_id for t in dag.get_task("publish").get_flat_relatives(upstream=True)}
    assert {t for t in ids if t.startswith("dbt.")} <= publish_ancestors
    # the dbt group starts after the extraction check
    roots = {t.task_id for t in dag.tasks if t.task_id.startswith("dbt.")
             and not any(u.startswith("dbt.") for u in t.upstream_task_ids)}
    assert roots and all(dag.get_task(r).upstream_task_ids == {"check_extraction"} for r in roots)
    # a failed scrape must fail the run, via the final task
    assert {"scrape_sjzrb", "scrape_hbrb"} <= dag.get_task("finish").upstream_task_ids
    # daily, after the papers publish, in China's time zone whatever the server's
    assert dag.timetable.expression == "30 7 * * *"
    assert str(dag.timetable.timezone) in ("Asia/Shanghai", "Timezone('Asia/Shanghai')")
    assert dag.max_active_runs == 1
    assert dag.get_task("scrape_sjzrb").pool == "epaper_sjzrb"
    assert dag.get_task("scrape_hbrb").pool == "epaper_hbrb"
    for check in ("check_raw", "check_extraction", "check_marts"):
        assert dag.get_task(check).retries == 0, "a failed check must alert at once, not after retries"
    assert set(dag.tags) >= {"xiangmu", "dbt"}
    assert dag.doc_md and "Assets" in dag.doc_md
    for task in dag.tasks:
        assert task.owner == "data-engineering"
        assert task.on_failure_callback, f"{task.task_id} sends no alert on failure"
        assert task.doc_md, f"{task.task_id} has no doc_md"
        if task.task_id.startswith("dbt.") or task.task_id == "dbt_cross_model_tests":
            assert task.retries == 0, f"{task.task_id}: a failed dbt test must fail at once"
        elif task.retries:
            assert task.retry_delay.total_seconds() >= 60, task.task_id


def test_dbt_tasks_build_one_node_with_its_tests(dagbag):
    from xiangmu.dbt_airflow import multi_parent_tests

    dag = dagbag.dags["xiangmu_daily"]
    task = dag.get_task("dbt.fct_investment_mention_model_build")
    assert type(task).__name__ == "DbtBuildLocalOperator"
    assert task.indirect_selection == "cautious"
    cross = dag.get_task("dbt_cross_model_tests")
    assert set(cross.select) == set(multi_parent_tests())
    assert "assert_mentions_match_current_facts" in cross.select
    # the warehouse is resolved when a dbt task runs, never when the DAG is parsed
    dbt_tasks = [t for t in dag.tasks if t.task_id.startswith("dbt.") or t.task_id == "dbt_cross_model_tests"]
    assert all(t.interceptors for t in dbt_tasks)
    assert not any(getattr(t, "env", None) for t in dag.tasks if t.task_id.startswith("dbt."))


def test_assets_connect_the_layers(dagbag):
    dag = dagbag.dags["xiangmu_daily"]

    def outlets(task_id):
        return {a.uri for a in dag.get_task(task_id).outlets}

    assert outlets("scrape_sjzrb") == outlets("scrape_hbrb") == {"xiangmu://warehouse/raw/articles"}
    assert outlets("extract") == {"xiangmu://warehouse/extract/investment_facts"}
    assert outlets("publish") == {"xiangmu://warehouse/marts"}


def test_manifest_follows_the_dbt_project(tmp_path, monkeypatch):
    """A changed dbt project gives a new fingerprint, hence a re-parsed manifest."""
    import shutil

    from xiangmu import config
    from xiangmu.dbt_airflow import project_fingerprint

    project = tmp_path / "dbt_project"
    shutil.copytree(config.dbt_project_dir(), project, ignore=shutil.ignore_patterns("target", "logs"))
    before = project_fingerprint(project)
    assert project_fingerprint(project) == before
    (project / "models" / "marts" / "dim_date.sql").write_text(
        (project / "models" / "marts" / "dim_date.sql").read_text() + "\n-- changed\n")
    assert project_fingerprint(project) != before
