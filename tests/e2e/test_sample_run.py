"""A real DAG run: local HTTP archive -> raw -> extract -> dbt -> GX -> published marts.

These run the DAGs through Airflow's own scheduler exactly as `make run` does
(LocalExecutor, metadata in database `airflow` on the embedded PostgreSQL),
against the sample archive served over HTTP and an embedded PostgreSQL
private to the module.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from xiangmu.local import airflow_env, localrun
from xiangmu.warehouse import connect

pytestmark = pytest.mark.e2e

EXPECTED = json.loads((localrun.SAMPLE_ROOT / "expected_facts.json").read_text("utf-8"))
MANIFEST = json.loads((localrun.SAMPLE_ROOT / "manifest.json").read_text("utf-8"))
SCHEMAS = ("raw", "extract", "staging", "intermediate", "marts_candidate", "marts", "snapshots")


def _expected_facts() -> list[dict]:
    return EXPECTED["facts"] if isinstance(EXPECTED, dict) else EXPECTED


def _busiest_date() -> str:
    """The sample date with the most hand-labelled facts across both papers."""
    counts: dict[str, int] = {}
    for fact in _expected_facts():
        counts[fact["edition_date"]] = counts.get(fact["edition_date"], 0) + 1
    return max(sorted(counts), key=counts.get)


def _no_edition_date() -> str:
    missing = [d for paper in MANIFEST["papers"].values() for d in paper.get("no_edition_dates", [])]
    assert missing, "the sample archive must have a date without an edition"
    return missing[0]


def fingerprints() -> dict[str, tuple[int, str]]:
    """Row count and an order-independent content hash of every warehouse table."""
    out = {}
    with connect() as conn:
        tables = conn.execute(
            """
            select table_schema, table_name from information_schema.tables
            where table_schema = any(%s) and table_type = 'BASE TABLE'
            order by 1, 2
            """,
            (list(SCHEMAS),),
        ).fetchall()
        for schema, name in tables:
            count, digest = conn.execute(
                f'select count(*), md5(coalesce(string_agg(h, \'\' order by h), \'\')) '
                f'from (select md5(t::text) as h from "{schema}"."{name}" t) x'
            ).fetchone()
            out[f"{schema}.{name}"] = (count, digest)
    return out


@pytest.fixture(scope="module")
def runs(isolated_state):
    day, empty_day = _busiest_date(), _no_edition_date()
    first = localrun.run_dates([day, empty_day], log_dir=isolated_state / "logs")
    before = fingerprints()
    second = localrun.run_dates([day], log_dir=isolated_state / "logs-rerun")
    after = fingerprints()
    return {"day": day, "empty_day": empty_day, "first": first, "second": second,
            "before": before, "after": after, "logs": isolated_state, "dag_runs": _dag_runs()}


def _dag_runs() -> dict[str, dict]:
    """run_id -> what Airflow's metadata says about the run and the scheduler that ran its tasks."""
    rows = airflow_env.query(
        """
        select r.run_id, r.dag_id, r.run_type, r.state, r.logical_date::date::text,
               count(ti.task_id), count(*) filter (where ti.duration > 0 and ti.end_date > ti.start_date
                                                   and ti.pid is not null),
               array_agg(distinct j.job_type)
        from dag_run r
        join task_instance ti on ti.dag_id = r.dag_id and ti.run_id = r.run_id
        left join job j on j.id = ti.queued_by_job_id
        -- an EmptyOperator (cosmos' producer_watcher_done) is marked done by the scheduler itself, never run
        where ti.operator is distinct from 'EmptyOperator'
        group by r.id order by r.id
        """)
    return {run_id: {"dag_id": dag_id, "run_type": run_type, "state": state, "logical_date": logical,
                     "tasks": tasks, "timed": timed, "job_types": set(jobs)}
            for run_id, dag_id, run_type, state, logical, tasks, timed, jobs in rows}


def test_dag_runs_succeed(runs):
    assert runs["first"] == {runs["day"]: 0, runs["empty_day"]: 0}, f"see logs in {runs['logs']}"
    assert runs["second"] == {runs["day"]: 0}


def test_runs_went_through_the_scheduler_with_the_local_executor(runs):
    """Runs named by edition date, every task queued by the scheduler's LocalExecutor, with true durations."""
    day, empty_day = runs["day"], runs["empty_day"]
    dag_runs = runs["dag_runs"]
    expected = {f"ingest__{day}": day, f"transform__{day}": day, f"ingest__{empty_day}": empty_day,
                f"transform__{empty_day}": empty_day,
                # the rerun of a date: its own run ids; Airflow allows one run per logical date
                f"ingest__{day}.2": None, f"transform__{day}.2": None}
    assert set(dag_runs) == set(expected), sorted(dag_runs)  # nothing else: no cron or Asset runs of its own
    for run_id, logical in expected.items():
        run = dag_runs[run_id]
        assert run["dag_id"] == ("xiangmu_ingest" if run_id.startswith("ingest") else "xiangmu_transform")
        assert run["run_type"] == "manual" and run["state"] == "success", (run_id, run)
        assert run["logical_date"] == logical, (run_id, run)
        # every task queued by the scheduler and run in a process of its own, with a true duration
        assert run["job_types"] == {"SchedulerJob"}, (run_id, run)
        assert run["timed"] == run["tasks"] > 0, (run_id, run)
    # ... by the LocalExecutor's workers
    scheduler_log = (runs["logs"] / "logs" / "airflow-scheduler.log").read_text(errors="replace")
    assert "local_executor.LocalExecutor" in scheduler_log
    # the task logs the UI shows (`make airflow`, same home and metadata)
    log = airflow_env.airflow_home() / "logs" / "dag_id=xiangmu_ingest" / f"run_id=ingest__{day}" / "task_id=check_raw"
    assert any(f.stat().st_size > 0 for f in log.glob("attempt=*.log")), log


def test_airflow_metadata_lives_in_its_own_postgres_database(runs):
    env = airflow_env.airflow_env()
    assert env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"].startswith("postgresql+psycopg://")
    assert "/airflow?" in env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"]
    assert env["AIRFLOW__CORE__EXECUTOR"] == "LocalExecutor"
    assert airflow_env.query("select current_database()") == [("airflow",)]
    assert not list(airflow_env.airflow_home().glob("*.db")), "no SQLite metadata any more"
    with connect() as conn:  # the warehouse's own database holds none of Airflow's tables
        assert conn.execute("select to_regclass('public.dag_run')").fetchone()[0] is None


def test_marts_hold_the_hand_labelled_facts(runs):
    day = runs["day"]
    expected = [f for f in _expected_facts() if f["edition_date"] == day]
    assert expected
    with connect() as conn:
        rows = conn.execute(
            """
            select newspaper_code, region_name, subject, measure, amount_cny, project_count,
                   stage, project_name, period_start, period_end, completion_rate
            from marts.fct_investment_mention
            where published_date = %s
            """,
            (day,),
        ).fetchall()
    found = [dict(zip(("newspaper", "region", "subject", "measure", "amount_cny", "project_count",
                       "stage", "project_name", "period_start", "period_end", "completion_rate"), r, strict=True))
             for r in rows]
    missing = []
    for fact in expected:
        key = (fact["newspaper"], fact["region"], fact["subject"], fact["measure"], Decimal(str(fact["amount_cny"])))
        match = [f for f in found if (f["newspaper"], f["region"], f["subject"], f["measure"],
                                      Decimal(f["amount_cny"])) == key]
        if not match:
            missing.append(key)
            continue
        got = match[0]
        assert got["project_count"] == fact.get("project_count"), (key, got)
        assert got["stage"] == fact.get("stage"), (key, got)
        if fact.get("completion_rate") is not None:
            assert float(got["completion_rate"]) == pytest.approx(float(fact["completion_rate"])), (key, got)
        if fact.get("period_start"):
            assert str(got["period_start"]) == fact["period_start"], (key, got)
        if fact["subject"] == "project":
            assert got["project_name"], (key, got)
    assert not missing, f"facts of the hand-written list missing from the marts: {missing}"
    noise = {Decimal(str(a)) for a in EXPECTED.get("noise_amounts_cny", [])} if isinstance(EXPECTED, dict) else set()
    assert not [f for f in found if Decimal(f["amount_cny"] or 0) in noise], "non-investment amount published"
    assert len(found) == len(expected), "the marts hold facts the hand-written list does not"


def test_no_edition_date_is_recorded_not_failed(runs):
    with connect() as conn:
        statuses = dict(conn.execute(
            "select newspaper, status from raw.editions where edition_date = %s", (runs["empty_day"],)
        ).fetchall())
    assert set(statuses.values()) == {"no_edition"}
    assert set(statuses) == set(MANIFEST["papers"])


def test_rerun_changes_nothing(runs):
    before, after = runs["before"], runs["after"]
    assert before.keys() == after.keys()
    changed = {t: (before[t], after[t]) for t in before if before[t] != after[t]}
    assert not changed, f"tables changed by rerunning the same date: {changed}"
    assert before["raw.articles"][0] > 0 and before["marts.fct_investment_mention"][0] > 0


def _readme_queries() -> list[str]:
    readme = (localrun.config.PROJECT_ROOT / "README.md").read_text("utf-8")
    section = readme.split("## Querying the marts", 1)[1].split("\n## ", 1)[0]
    return [block.split("```", 1)[0] for block in section.split("```sql\n")[1:]]


def test_readme_queries_answer_on_the_sample(runs):
    """The queries the README gives users run on the published marts and return rows."""
    queries = _readme_queries()
    assert len(queries) == 4
    with connect() as conn:
        for sql in queries:
            rows = conn.execute(sql).fetchall()
            assert rows, f"README query returned nothing:\n{sql}"
