"""The local harness without running DAGs: backfill tally, loud warnings, base URLs, Airflow metadata on PostgreSQL."""

from __future__ import annotations

import urllib.request

import pytest

from xiangmu.local import localrun

DAYS = ["2023-08-01", "2023-08-02", "2023-08-03"]


def test_tally_counts_the_latest_outcome_of_every_edition():
    outcomes = {("sjzrb", "2023-08-01"): "complete", ("sjzrb", "2023-08-02"): "no_edition",
                ("sjzrb", "2023-08-03"): "partial", ("hbrb", "2023-08-01"): "failed"}
    tally = localrun.tally_outcomes(outcomes, ["sjzrb", "hbrb"], DAYS)
    assert tally["sjzrb"] == {"complete": 1, "no_edition": 1, "partial": 1, "failed": 0, "layout_changed": 0}
    # a date never recorded is reported, not silently dropped
    assert tally["hbrb"]["failed"] == 1 and tally["hbrb"]["missing"] == 2


def test_a_range_without_any_edition_warns_loudly():
    tally = localrun.tally_outcomes({("sjzrb", d): "no_edition" for d in DAYS}
                                    | {("hbrb", d): "complete" for d in DAYS}, ["sjzrb", "hbrb"], DAYS)
    warnings = localrun.no_edition_warnings(tally, DAYS[0], DAYS[-1])
    assert len(warnings) == 1
    assert "sjzrb" in warnings[0] and "XIANGMU_SJZRB_BASE_URL" in warnings[0] and "NO edition" in warnings[0]
    lines: list[str] = []
    report = localrun.BackfillReport(DAYS[0], DAYS[-1], ["sjzrb", "hbrb"], tally, dict.fromkeys(DAYS, 1),
                                     warnings=warnings)
    localrun.print_report(report, out=lines.append)
    assert any("!!!!" in line and "sjzrb found NO edition" in line for line in lines)


def test_sample_server_starts_only_when_no_base_url_is_set(monkeypatch):
    for code in ("SJZRB", "HBRB"):
        monkeypatch.delenv(f"XIANGMU_{code}_BASE_URL", raising=False)
    with localrun.sources() as env:
        url = env["XIANGMU_SJZRB_BASE_URL"]
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(url.rsplit("/", 1)[0] + "/robots.txt", timeout=5) as resp:
            assert resp.status == 200
    monkeypatch.setenv("XIANGMU_SJZRB_BASE_URL", "http://mirror.invalid/sjzrb")
    with localrun.sources() as env:
        # the user's URL stands; nothing is served, nothing overridden, politeness untouched
        assert env == {}
    assert localrun.configured_base_urls() == {"XIANGMU_SJZRB_BASE_URL": "http://mirror.invalid/sjzrb"}


def test_airflow_metadata_url_is_the_embedded_socket_through_psycopg():
    from xiangmu.local import airflow_env

    uri = "postgresql://postgres:@/airflow?host=/tmp/state/pgdata&port=54329"
    assert airflow_env.sqlalchemy_url(uri) == "postgresql+psycopg://postgres@/airflow?host=/tmp/state/pgdata&port=54329"
    with pytest.raises(ValueError):
        airflow_env.sqlalchemy_url("sqlite:////tmp/airflow.db")


def test_airflow_env_puts_the_metadata_in_its_own_database_on_the_embedded_server(isolated_state):
    import psycopg

    from xiangmu.local import airflow_env
    from xiangmu.warehouse import embedded

    env = airflow_env.airflow_env()
    assert env["AIRFLOW__CORE__EXECUTOR"] == "LocalExecutor"
    url = env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"]
    assert url.startswith("postgresql+psycopg://postgres@/airflow?host=") and str(isolated_state) in url
    with psycopg.connect(embedded.start()) as conn:
        assert conn.execute("select 1 from pg_database where datname = 'airflow'").fetchone() == (1,)
    # idempotent: a second call (every `xiangmu` command makes one) finds the database there
    assert airflow_env.airflow_env()["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] == url


def test_the_local_scheduler_starts_only_the_runs_it_is_asked_for(tmp_path):
    from xiangmu.local.scheduler import Services

    services = Services({"AIRFLOW_HOME": str(tmp_path)}, tmp_path, ("xiangmu_ingest", "xiangmu_transform"))
    # no cron run for today's edition, no Asset-started transform: the harness triggers each run itself
    assert services.env["AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE"] == "False"
    # the execution API the LocalExecutor's task processes call is this run's own api-server, on localhost
    assert services.env["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"] == f"http://127.0.0.1:{services.port}/execution/"
    assert services.env["AIRFLOW__API__HOST"] == "127.0.0.1"


def test_runs_reuse_only_services_started_with_their_settings(monkeypatch):
    for code in ("SJZRB", "HBRB"):
        monkeypatch.delenv(f"XIANGMU_{code}_BASE_URL", raising=False)
    sample = localrun.services_key()
    assert sample == localrun.services_key()
    assert sample != localrun.services_key(extra_env={"AIRFLOW_CONN_XIANGMU_SLACK": "x"})
    monkeypatch.setenv("XIANGMU_SJZRB_BASE_URL", "http://mirror.invalid/sjzrb")
    assert localrun.services_key() != sample  # a mirror is not the sample


def test_backfill_progress_counts_only_what_this_run_adds(tmp_path):
    progress = tmp_path / "ingest.progress.jsonl"
    progress.write_text('{"status": "complete"}\n' * 3)  # an earlier run, through the same services
    lines: list[str] = []
    watcher = localrun._Progress(progress, total=4, out=lines.append)
    assert watcher.done() == 0
    with progress.open("a") as fh:
        fh.write('{"status": "complete"}\n{"status": "no_edition"}\n')
    watcher.report()
    assert watcher.done() == 2 and "editions 2/4 (50%)" in lines[-1]


def test_airflow_caches_bytecode_outside_the_sources_when_writing_it_is_off():
    from xiangmu.local import airflow_env

    env = {"PYTHONDONTWRITEBYTECODE": "1"}
    airflow_env.cache_bytecode(env)
    assert env == {"PYTHONPYCACHEPREFIX": str(airflow_env.PYCACHE)}
    untouched = {"PATH": "/bin"}
    airflow_env.cache_bytecode(untouched)
    assert untouched == {"PATH": "/bin"}  # bytecode beside the sources, as Python does by default


def test_local_settings_warm_the_task_imports_before_airflow_forks(isolated_state):
    import subprocess
    import sys

    from xiangmu.local import airflow_env

    path = airflow_env.write_local_settings()
    assert path.parent == airflow_env.airflow_home() / "config"
    # what Airflow does at start-up: import airflow_local_settings from <home>/config; then fork
    code = (f"import sys; sys.path.append({str(path.parent)!r}); import airflow_local_settings, os\n"
            "assert 'cosmos' not in sys.modules\n"
            "pid = os.fork()\n"
            "if pid == 0:\n"
            "    os._exit(0 if {'cosmos', 'xiangmu.pipeline'} <= set(sys.modules) else 3)\n"
            "_, status = os.waitpid(pid, 0)\n"
            "sys.exit(os.waitstatus_to_exitcode(status))\n")
    assert subprocess.run([sys.executable, "-c", code], check=False, timeout=300).returncode == 0
