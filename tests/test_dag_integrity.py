"""Every DAG imports cleanly, fast, without a database, and is wired as documented."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

# one watching task per model and snapshot, in the group `dbt` (the tests and the seeds run in the build)
DBT_NODE_TASKS = {"dbt.stg_seed__regions_run", "dbt.fct_investment_mention_run",
                  "dbt.dim_region_run", "dbt.dim_project_history_snapshot"}
PRODUCER = "dbt.dbt_producer_watcher"


@pytest.fixture(scope="module")
def dagbag(tmp_path_factory):
    from xiangmu.dbt_airflow import ensure_manifest

    previous = os.environ.get("XIANGMU_STATE_DIR")
    os.environ["XIANGMU_STATE_DIR"] = str(tmp_path_factory.mktemp("dag-state"))
    # no warehouse: parsing must never need one (a connection attempt would fail here)
    os.environ["WAREHOUSE_URL"] = "postgresql://nobody@127.0.0.1:1/none"
    try:
        ensure_manifest()  # what `airflow_env.migrate` does before any Airflow command
        from airflow.dag_processing.dagbag import DagBag

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


def test_ingest_dag_wiring(dagbag):
    dag = dagbag.dags["xiangmu_ingest"]
    ids = set(dag.task_ids)
    assert ids == {"plan", "ingest_sjzrb", "ingest_hbrb", "check_raw", "finish"}
    # per paper, mapped over chunks of dates: a backfill's task count scales with chunks, not dates
    for code in ("sjzrb", "hbrb"):
        task = dag.get_task(f"ingest_{code}")
        assert "MappedOperator" in type(task).__name__, type(task)
        assert task.pool == f"epaper_{code}"
        assert dag.get_task("plan").task_id in task.upstream_task_ids
        assert task.retries == 0
    assert {"ingest_sjzrb", "ingest_hbrb"} <= dag.get_task("check_raw").upstream_task_ids
    assert dag.get_task("check_raw").trigger_rule == "all_done"  # checks what landed even if a paper failed
    # a failed edition fails the run through the final task
    assert {"ingest_sjzrb", "ingest_hbrb", "check_raw"} <= dag.get_task("finish").upstream_task_ids
    # daily, after the papers publish, in China's time zone whatever the server's
    assert dag.timetable.expression == "30 7 * * *"
    assert str(dag.timetable.timezone) in ("Asia/Shanghai", "Timezone('Asia/Shanghai')")
    assert dag.max_active_runs > 1, "many dates in flight; the pools bound requests per host"
    assert set(dag.params.keys()) >= {"first", "last", "chunk_days", "force"}


def test_chunks_of_dates():
    import datetime as dt

    from xiangmu.dagdefs import chunks

    year = chunks(dt.date(2023, 1, 1), dt.date(2023, 12, 31), 31)
    assert len(year) == 12 and sum(len(c) for c in year) == 365
    assert year[0][0] == "2023-01-01" and year[-1][-1] == "2023-12-31"
    assert chunks(dt.date(2023, 8, 7), dt.date(2023, 8, 7), 31) == [["2023-08-07"]]
    with pytest.raises(ValueError):
        chunks(dt.date(2023, 8, 9), dt.date(2023, 8, 1), 31)


def test_transform_dag_wiring(dagbag):
    dag = dagbag.dags["xiangmu_transform"]
    ids = set(dag.task_ids)
    assert {"extract", "check_extraction", PRODUCER, "dbt_docs", "check_marts", "publish"} <= ids
    assert ids >= DBT_NODE_TASKS, DBT_NODE_TASKS - ids
    from xiangmu.dbt_airflow import manifest_nodes

    # a node with tests is a group `<name>` of `.run` and `.test`; without tests `<name>_run`
    suffix = {"model": "run", "snapshot": "snapshot"}
    missing = [n["name"] for n in manifest_nodes().values() if n["resource_type"] in ("model", "snapshot")
               and not ids & {f"dbt.{n['name']}", f"dbt.{n['name']}.{suffix.get(n['resource_type'])}",
                              f"dbt.{n['name']}_{suffix.get(n['resource_type'])}"}]
    assert not missing, f"dbt nodes without a task: {missing}"
    # seeds are loaded by the build, watched by no task: the build is the whole project, nothing excluded
    seeds = [n["name"] for n in manifest_nodes().values() if n["resource_type"] == "seed"]
    assert len(seeds) >= 8 and not {t for t in ids if t.endswith("_seed") or t.endswith(".seed")}
    build = dag.get_task(PRODUCER)
    assert not build.exclude and not build.select and "--resource-type" not in (build.dbt_cmd_flags or [])
    # scheduled on the raw-articles Asset the ingest DAG updates
    assert {asset.uri for asset in dag.timetable.asset_condition.objects} == {
        "xiangmu://warehouse/raw/articles"}
    assert dag.max_active_runs == 1
    # one dbt build right after extraction, its check beside it
    assert dag.get_task(PRODUCER).upstream_task_ids == {"extract"}
    assert dag.get_task("check_extraction").upstream_task_ids == {"extract"}
    # a failed extraction check blocks the marts check, hence publishing
    assert "check_extraction" in dag.get_task("check_marts").upstream_task_ids
    # the node tasks watch the build while it runs: those of the project's first nodes start with it,
    # after extraction (a failed extraction leaves them upstream_failed), the others after their nodes' tasks
    node_tasks = [t for t in dag.tasks if t.task_id.startswith("dbt.") and t.task_id != PRODUCER
                  and t.task_id != "dbt.dbt_producer_watcher_done"]
    first = [t for t in node_tasks if not any(up.startswith("dbt.") for up in t.upstream_task_ids)]
    assert {t.task_id for t in first} >= {"dbt.stg_seed__regions_run", "dbt.stg_raw__articles_run"}
    assert all(t.upstream_task_ids == {"extract"} for t in first), [(t.task_id, t.upstream_task_ids) for t in first]
    assert dag.get_task("dbt.fct_investment_mention_run").upstream_task_ids == {
        "dbt.int_project_names_normalized_run"}
    # publish only after the mart checks, which come after dbt; the docs beside them, never in their way
    assert "check_marts" in dag.get_task("publish").upstream_task_ids
    assert "dbt_docs" not in {t.task_id for t in dag.get_task("publish").get_flat_relatives(upstream=True)}
    assert {t.task_id for t in dag.get_task("dbt_docs").upstream_list} | {"check_extraction"} == {
        t.task_id for t in dag.get_task("check_marts").upstream_list}
    publish_ancestors = {t.task_id for t in dag.get_task("publish").get_flat_relatives(upstream=True)}
    assert {t for t in ids if t.startswith("dbt.")} <= publish_ancestors
    for check in ("check_extraction", "check_marts"):
        assert dag.get_task(check).retries == 0, "a failed check must alert at once, not after retries"


@pytest.mark.parametrize("dag_id", ["xiangmu_ingest", "xiangmu_transform"])
def test_every_task_is_owned_documented_and_alerts(dagbag, dag_id):
    dag = dagbag.dags[dag_id]
    assert set(dag.tags) >= {"xiangmu"}
    assert dag.doc_md and "Operate" in dag.doc_md
    for task in dag.tasks:
        if task.task_id == "dbt.dbt_producer_watcher_done":
            continue  # cosmos' internal gate (an EmptyOperator)
        assert task.owner == "data-engineering"
        assert task.on_failure_callback, f"{task.task_id} sends no alert on failure"
        assert task.doc_md, f"{task.task_id} has no doc_md"
        if task.task_id.startswith("dbt."):
            assert task.retries == 0, f"{task.task_id}: a failed dbt test must fail at once"
        elif task.retries:
            assert task.retry_delay.total_seconds() >= 60, task.task_id


def test_dbt_runs_once_per_run_with_a_task_per_node(dagbag):
    dag = dagbag.dags["xiangmu_transform"]
    build = dag.get_task(PRODUCER)
    assert type(build).__name__ == "DbtProducerWatcherOperator"
    assert build.base_cmd == ["build"]
    assert not getattr(build, "select", None), "the producer builds the whole project"
    task = dag.get_task("dbt.fct_investment_mention_run")
    assert type(task).__name__ == "DbtRunWatcherOperator"
    assert task.producer_task_id == PRODUCER
    # every node task looks for its node in the build's events from its worker slot, never deferred (a deferred
    # sensor resumes in a second process), and the build outranks them all: watchers can never fill the slots
    # while the build they watch waits for one
    node_tasks = [t for t in dag.tasks if t.task_id.startswith("dbt.")
                  and t.task_id not in (PRODUCER, "dbt.dbt_producer_watcher_done")]
    assert node_tasks and all(not t.deferrable and t.poke_interval <= 1 for t in node_tasks)
    # (a task's weight is its own plus its descendants': the sum of all node tasks' bounds any of them)
    assert build.priority_weight > sum(t.priority_weight for t in node_tasks)
    # no task per model's tests: the build runs them all (none excluded by --resource-type)
    assert not any(type(t).__name__ == "DbtTestWatcherOperator" for t in dag.tasks)
    assert "--resource-type" not in build.dbt_cmd_flags
    # dbt runs the one way (xiangmu.transform.dbt): its executable in a subprocess ...
    assert str(build.invocation_mode.value) == "subprocess"
    # ... with cosmos' profile mapping of the warehouse connection, resolved when dbt runs, never at parse
    mapping = build.profile_config.profile_mapping
    assert type(mapping).__mro__[1].__name__ == "PostgresUserPasswordProfileMapping"
    assert mapping.conn_id == "xiangmu_warehouse" and mapping._conn is None
    assert not build.interceptors
    assert set(build.env) == {"DO_NOT_TRACK", "DBT_SEND_ANONYMOUS_USAGE_STATS", "DBT_PACKAGES_INSTALL_PATH",
                              "DBT_LOG_LEVEL_FILE"}
    # dbt's debug file log lives in cosmos' throwaway copy of the project: not written at all
    assert build.env["DBT_LOG_LEVEL_FILE"] == "none"
    # the build's tests on history see the rows recomputed since the last publication (a constant var,
    # so dbt's partial parse stays valid from run to run; macros/get_where_subquery.sql resolves it)
    assert build.vars == {"tests_changed_since": "last_publication"}
    assert "--vars" in build.add_global_flags()


def test_dbt_profile_is_the_airflow_connection_else_the_local_warehouse(dagbag, tmp_path, monkeypatch):
    """Deployment: the `xiangmu_warehouse` connection; locally, without one, WAREHOUSE_URL (or the embedded server)."""
    import copy
    import json

    import yaml

    mapping = dagbag.dags["xiangmu_transform"].get_task(PRODUCER).profile_config.profile_mapping

    def rendered() -> dict:
        fresh = copy.copy(mapping)  # the mapping caches its connection, as within one task
        return yaml.safe_load(fresh.get_profile_file_contents("xiangmu", "default"))["xiangmu"]["outputs"]["default"]

    monkeypatch.setenv("WAREHOUSE_URL", "postgresql://local:pw@127.0.0.1:5999/localdb")
    monkeypatch.delenv("AIRFLOW_CONN_XIANGMU_WAREHOUSE", raising=False)
    assert (rendered()["host"], rendered()["port"], rendered()["dbname"]) == ("127.0.0.1", 5999, "localdb")
    monkeypatch.setenv("AIRFLOW_CONN_XIANGMU_WAREHOUSE", json.dumps({
        "conn_type": "postgres", "host": "postgres-warehouse", "port": 5432, "login": "xiangmu_writer",
        "password": "pw", "schema": "xiangmu"}))
    profile = rendered()
    assert (profile["host"], profile["user"], profile["dbname"]) == ("postgres-warehouse", "xiangmu_writer", "xiangmu")


def test_extraction_is_mapped_over_one_shard_per_core(dagbag):
    """XIANGMU_EXTRACT_SHARDS tasks (default 2, the reference machine's cores) split the articles."""
    from xiangmu import config

    extract = dagbag.dags["xiangmu_transform"].get_task("extract")
    shards = config.extract_shards()
    assert shards == 2
    assert extract.op_kwargs_expand_input.value == {"shard": list(range(shards))}
    assert extract.partial_kwargs["op_kwargs"] == {"shards": shards}
    assert {"check_extraction", "dbt.dbt_producer_watcher", "dbt.stg_raw__articles_run"} <= extract.downstream_task_ids
    assert not {t for t in extract.downstream_task_ids if t.startswith("dbt.")} & {"dbt.dim_project_run"}


def test_assets_connect_the_layers(dagbag):
    ingest, transform = dagbag.dags["xiangmu_ingest"], dagbag.dags["xiangmu_transform"]

    def outlets(dag, task_id):
        return {a.uri for a in dag.get_task(task_id).outlets}

    assert outlets(ingest, "check_raw") == {"xiangmu://warehouse/raw/articles"}
    assert outlets(transform, "extract") == {"xiangmu://warehouse/extract/investment_facts"}
    assert outlets(transform, "publish") == {"xiangmu://warehouse/marts"}


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


def test_tasks_take_the_warehouse_from_the_airflow_connection_else_the_env_var(monkeypatch):
    """Deployment defines the `postgres` connection xiangmu_warehouse; locally WAREHOUSE_URL still works."""
    import json

    from xiangmu import pipeline

    monkeypatch.setenv("WAREHOUSE_URL", "postgresql://local@127.0.0.1:5999/localdb")
    monkeypatch.delenv("AIRFLOW_CONN_XIANGMU_WAREHOUSE", raising=False)
    assert pipeline.warehouse_dsn() == "postgresql://local@127.0.0.1:5999/localdb"
    assert pipeline.warehouse_connection().host == "127.0.0.1"

    monkeypatch.setenv("AIRFLOW_CONN_XIANGMU_WAREHOUSE", json.dumps({
        "conn_type": "postgres", "host": "postgres-warehouse", "port": 5432, "login": "xiangmu_writer",
        "password": "p@ss word", "schema": "xiangmu"}))
    dsn = pipeline.warehouse_dsn()
    from xiangmu.warehouse.connect import libpq_params

    assert libpq_params(dsn) == {"host": "postgres-warehouse", "port": "5432", "user": "xiangmu_writer",
                                 "password": "p@ss word", "dbname": "xiangmu"}
    assert pipeline.warehouse_connection().login == "xiangmu_writer"

    # the check step hands GX the connection's DSN; WAREHOUSE_URL is neither read nor changed
    import expectations.run
    from expectations.run import QualityResult

    given = {}

    def fake_checkpoint(name, *, url=None, run_id=None, **_):
        given.update(name=name, url=url, run_id=run_id)
        return QualityResult(checkpoint=name, success=True, failures=[], data_docs_index=Path("index.html"),
                             run_id=run_id)

    monkeypatch.setattr(expectations.run, "run_checkpoint", fake_checkpoint)
    assert pipeline.check("marts", run_id="r1")["success"] is True
    assert given == {"name": "marts", "url": dsn, "run_id": "r1"}
    assert os.environ["WAREHOUSE_URL"] == "postgresql://local@127.0.0.1:5999/localdb"
