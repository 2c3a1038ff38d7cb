"""`make run` and `xiangmu backfill`: the pipeline's DAGs, run locally through Airflow.

Why real Airflow DAG runs rather than calling the steps directly: what runs
here are exactly the DAGs that run in production (`xiangmu_ingest`, then
`xiangmu_transform`, which the raw-articles Asset schedules), so `make run`
proves the wiring.

Why through Airflow's own scheduler (LocalExecutor, metadata in database
`airflow` on the embedded PostgreSQL; see xiangmu.local.scheduler) rather
than `airflow dags test`: the runs then happen as in a deployment, in parallel
where the DAGs allow, and `make airflow`'s UI shows them afterwards with
their true durations, task logs and run ids naming the edition date
(`ingest__2023-08-07` then `transform__2023-08-07`; `ingest__FIRST__LAST`
for a backfill; a rerun of a date gets `.2`, `.3`...).

The sample archive is served (and the sources pointed at it) only when no
`XIANGMU_<CODE>_BASE_URL` is set: with one set, a mirror or the live sites
are ingested the same way, at the configured politeness.

Airflow's services are started for each run and stopped after it, unless
`xiangmu airflow up` left them running with the same sources and settings
(see `up` and xiangmu.local.scheduler): then runs reuse them and skip their
start-up, tens of seconds on a loaded laptop.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xiangmu import config, vocabulary
from xiangmu.local import airflow_env, scheduler
from xiangmu.local.sample_server import serve_archive
from xiangmu.local.scheduler import SchedulerError, Services

SAMPLE_ROOT = config.PROJECT_ROOT / "sample_epaper"
INGEST_DAG_ID = "xiangmu_ingest"  # = xiangmu.dagdefs (not imported: it loads Airflow's SDK)
TRANSFORM_DAG_ID = "xiangmu_transform"
DAG_ID = TRANSFORM_DAG_ID  # the DAG that checks and publishes (alerts name it)
DAG_IDS = (INGEST_DAG_ID, TRANSFORM_DAG_ID)
PROGRESS_FILE = "ingest.progress.jsonl"  # one line per edition staged (xiangmu.pipeline), under the logs
OUTCOMES = vocabulary.codes(vocabulary.EDITION_STATUSES)  # raw.editions.status


def sample_dates() -> list[str]:
    """Dates of the sample archive (with and without editions), from its manifest."""
    manifest = json.loads((SAMPLE_ROOT / "manifest.json").read_text("utf-8"))
    return sorted({d for paper in manifest["papers"].values() for d in paper["dates"]})


def sample_env(base_url: str) -> dict[str, str]:
    """Point every source at the local archive; politeness relaxed for our own server."""
    env = {f"XIANGMU_{code.upper()}_BASE_URL": f"{base_url}/{code}" for code in config.LIVE_BASE_URLS}
    env["XIANGMU_HTTP_MIN_INTERVAL"] = "0"
    env["XIANGMU_HTTP_MAX_RETRIES"] = "1"
    return env


def configured_base_urls(env: dict[str, str] | None = None) -> dict[str, str]:
    """The XIANGMU_<CODE>_BASE_URL variables set for enabled sources (empty: use the sample)."""
    env = os.environ if env is None else env
    names = {f"XIANGMU_{code.upper()}_BASE_URL" for code in config.enabled_sources()}
    return {name: env[name] for name in sorted(names) if env.get(name)}


@contextmanager
def sources(archive_root: Path = SAMPLE_ROOT, port: int = 0,
            extra_env: dict[str, str] | None = None) -> Iterator[dict[str, str]]:
    """The environment pointing the sources somewhere: the user's base URLs, else the sample served here."""
    if configured_base_urls({**os.environ, **(extra_env or {})}):
        yield dict(extra_env or {})
        return
    server, base_url = serve_archive(archive_root, port=port)
    try:
        yield {**sample_env(base_url), **(extra_env or {})}
    finally:
        server.shutdown()
        server.server_close()


def _ran_ok(rc: int, states: dict[str, int]) -> int:
    # "successful" without running anything is not success
    return 3 if rc == 0 and not states.get("success") else rc


def _show(label: str, rc: int, states: dict[str, int], seconds: float, out: Callable[[str], None]) -> None:
    shown = ", ".join(f"{n} {state}" for state, n in sorted(states.items())) or "no tasks ran"
    out(f"   {label}: {'ok' if rc == 0 else f'FAILED (exit {rc})'} in {seconds:.0f} s: {shown}")


def _await(services: Services, dag_id: str, run_id: str, out: Callable[[str], None]) -> int:
    """Wait for one run to finish; 0 when it succeeded and ran tasks."""
    out(f"-> {dag_id} run {run_id} (task logs: {airflow_env.airflow_home() / 'logs' / f'dag_id={dag_id}'})")
    started = time.monotonic()
    state = services.wait(dag_id, run_id)
    states = airflow_env.task_states(dag_id, run_id)
    rc = _ran_ok(0 if state == "success" else 1, states)
    _show(dag_id, rc, states, time.monotonic() - started, out)
    return rc


def _trigger(services: Services, dag_id: str, run_id: str, conf: dict, day: str | None,
             out: Callable[[str], None]) -> tuple[int, str]:
    """Trigger one run and wait for it; (exit code, run_id used).

    The logical date is the edition's date when no run of the DAG has it yet (a
    rerun of a date gets none: Airflow allows one run per logical date).
    """
    run_id = scheduler.free_run_id(dag_id, run_id)
    logical = f"{day}T00:00:00+00:00" if day and scheduler.logical_date_free(dag_id, day) else None
    services.trigger(dag_id, run_id, conf, logical)
    return _await(services, dag_id, run_id, out), run_id


def _transform_after(services: Services, ingest_run_id: str, name: str, day: str | None,
                     out: Callable[[str], None]) -> int | None:
    """The transform run, where the raw-articles Asset would start it; None when check_raw did not pass."""
    if airflow_env.task_state(INGEST_DAG_ID, ingest_run_id, "check_raw") != "success":
        out(f"   {TRANSFORM_DAG_ID} not run: check_raw did not pass, so the raw-articles Asset was not updated")
        return None
    return _trigger(services, TRANSFORM_DAG_ID, f"transform__{name}", {}, day, out)[0]


def _ingest_then_transform(services: Services, day: str, out: Callable[[str], None]) -> int:
    """One ingest run for a date, then the transform run its raw-articles Asset update calls for."""
    rc, run_id = _trigger(services, INGEST_DAG_ID, f"ingest__{day}", {"first": day, "last": day}, day, out)
    transform_rc = _transform_after(services, run_id, day, day, out)
    return (rc or 1) if transform_rc is None else (transform_rc or rc)


def services_key(archive_root: Path = SAMPLE_ROOT, extra_env: dict[str, str] | None = None) -> str:
    """What services must run with for a run to reuse them: the same sources and extra settings."""
    extra = extra_env or {}
    configured = configured_base_urls({**os.environ, **extra})
    sources_ = configured or {"sample": str(Path(archive_root).resolve())}
    return json.dumps({"sources": sources_, "extra": extra}, sort_keys=True)


@contextmanager
def _airflow(source_env: dict[str, str], log_dir: Path, key: str = "") -> Iterator[Services]:
    """Airflow's metadata migrated, then its services running for the duration."""
    env = airflow_env.airflow_env({**source_env, "XIANGMU_PROGRESS_FILE": str(log_dir / PROGRESS_FILE)})
    airflow_env.migrate(env)
    with Services(env, log_dir, DAG_IDS, key=key) as services:
        yield services


@contextmanager
def airflow_services(archive_root: Path = SAMPLE_ROOT, port: int = 0, extra_env: dict[str, str] | None = None,
                     log_dir: Path | None = None, out: Callable[[str], None] | None = None) -> Iterator[Services]:
    """The services of `xiangmu airflow up` when they run with these settings, else ones started for the run."""
    out = out or _print
    key = services_key(archive_root, extra_env)
    running = Services.attach()
    if running is not None:
        if running.key != key:
            raise SchedulerError(
                "Airflow services are up (`xiangmu airflow up`) with other sources or settings than this run's: "
                "stop them first with `xiangmu airflow down`")
        out(f"   reusing the Airflow services of `xiangmu airflow up` ({running.base})")
        yield running
        return
    log_dir = log_dir or config.state_dir() / "logs"
    with sources(archive_root, port, extra_env) as source_env, _airflow(source_env, log_dir, key) as services:
        out(f"   Airflow services started in {services.startup_seconds:.0f} s "
            "(`xiangmu airflow up` keeps them up between runs)")
        yield services


def _wait_for_server(url: str, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SchedulerError(f"the sample server did not answer at {url}")


def up(archive_root: Path = SAMPLE_ROOT, extra_env: dict[str, str] | None = None,
       log_dir: Path | None = None, port: int = 0) -> Services:
    """Start Airflow's services (and the sample server, when no base URL is set) detached, for later runs."""
    running = Services.attach()
    if running is not None:
        return running
    scheduler.down()  # what is left of services that died
    log_dir = log_dir or config.state_dir() / "logs"
    key = services_key(archive_root, extra_env)
    source_env, extra_pids = dict(extra_env or {}), {}
    if not configured_base_urls({**os.environ, **source_env}):
        port = port or scheduler.free_port()
        log_dir.mkdir(parents=True, exist_ok=True)
        with (log_dir / "sample-server.log").open("w") as log:
            server = subprocess.Popen(
                [sys.executable, "-m", "xiangmu.local.sample_server", "--root", str(archive_root), "--port", str(port)],
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        extra_pids["sample-server"] = server.pid
        source_env = {**sample_env(f"http://127.0.0.1:{port}"), **source_env}
        _wait_for_server(f"http://127.0.0.1:{port}/robots.txt", server)
    try:
        with _airflow(source_env, log_dir, key) as services:
            services.save(extra_pids)
    except BaseException:
        for pid in extra_pids.values():
            scheduler.terminate_group(pid)
        raise
    return services


def run_dates(
    dates: list[str],
    *,
    log_dir: Path | None = None,
    archive_root: Path = SAMPLE_ROOT,
    extra_env: dict[str, str] | None = None,
    port: int = 0,
) -> dict[str, int]:
    """Ingest then transform each date in turn (a daily run each), through the scheduler; exit codes by date.

    archive_root and extra_env let tests run the same DAGs on altered pages or
    with alert connections (AIRFLOW_CONN_*) configured.
    """
    out = _print
    with airflow_services(archive_root, port, extra_env, log_dir, out) as services:
        return {day: _ingest_then_transform(services, day, out) for day in dates}


def _print(line: str) -> None:
    print(line, flush=True)


def date_range(first: str, last: str) -> list[str]:
    """Every calendar day from first to last, inclusive (ISO dates)."""
    start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    if end < start:
        raise ValueError(f"{last} is before {first}")
    return [(start + dt.timedelta(days=i)).isoformat() for i in range((end - start).days + 1)]


@dataclass
class BackfillReport:
    first: str
    last: str
    papers: list[str]
    tally: dict[str, dict[str, int]]  # paper -> outcome -> editions
    results: dict[str, int]  # date -> 0 when every paper's edition is ok and the transform passed
    ingest_rc: int = 0
    transform_rc: int | None = None
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(rc == 0 for rc in self.results.values())

    def as_dict(self) -> dict[str, Any]:
        return {"first": self.first, "last": self.last, "tally": self.tally, "ok": self.ok,
                "ingest_exit": self.ingest_rc, "transform_exit": self.transform_rc,
                "seconds": round(self.seconds, 1), "warnings": self.warnings,
                "failed_dates": sorted(d for d, rc in self.results.items() if rc)}


def edition_outcomes(first: str, last: str) -> dict[tuple[str, str], str]:
    """(paper, date) -> latest recorded outcome in raw.editions, for the range."""
    from xiangmu.warehouse import connect

    with connect() as conn:
        rows = conn.execute(
            """
            select distinct on (newspaper, edition_date) newspaper, edition_date::text, status
            from raw.editions where edition_date between %s and %s
            order by newspaper, edition_date, edition_outcome_id desc
            """,
            (first, last),
        ).fetchall()
    return {(paper, day): status for paper, day, status in rows}


def tally_outcomes(outcomes: dict[tuple[str, str], str], papers: list[str], days: list[str]) -> dict[str, dict]:
    tally = {paper: dict.fromkeys(OUTCOMES, 0) for paper in papers}
    for paper in papers:
        for day in days:
            status = outcomes.get((paper, day), "missing")
            tally[paper][status] = tally[paper].get(status, 0) + 1
    return tally


def no_edition_warnings(tally: dict[str, dict[str, int]], first: str, last: str) -> list[str]:
    """A whole range without any edition usually means a wrong base URL, not a holiday."""
    warnings = []
    for paper, counts in tally.items():
        found = counts.get("complete", 0) + counts.get("partial", 0) + counts.get("layout_changed", 0)
        if found == 0 and counts.get("no_edition", 0) > 0:
            warnings.append(
                f"WARNING: {paper} found NO edition on any date from {first} to {last} "
                f"({counts['no_edition']} dates answered 'no edition'). Is its base URL right? "
                f"({config.source_base_url(paper)}; set XIANGMU_{paper.upper()}_BASE_URL)")
    return warnings


class _Progress(threading.Thread):
    """Prints editions done of total, elapsed and an estimate, from the ingest tasks' progress lines."""

    def __init__(self, path: Path, total: int, out: Callable[[str], None], every: float = 5.0) -> None:
        super().__init__(name="backfill-progress", daemon=True)
        self.path, self.total, self.out, self.every = path, total, out, every
        # the file outlives a run (services kept up write to one file): count what this run adds
        self.offset = path.stat().st_size if path.is_file() else 0
        self.started = time.monotonic()
        self.stop = threading.Event()
        self.shown = -1

    def done(self) -> int:
        try:
            with self.path.open("rb") as fh:
                fh.seek(self.offset)
                return sum(1 for _ in fh)
        except FileNotFoundError:
            return 0

    def report(self) -> None:
        done, elapsed = self.done(), time.monotonic() - self.started
        if done == self.shown:
            return
        self.shown = done
        eta = f", about {elapsed / done * (self.total - done):.0f} s left" if 0 < done < self.total else ""
        self.out(f"   editions {done}/{self.total} ({100 * done // max(self.total, 1)}%), "
                 f"elapsed {elapsed:.0f} s{eta}")

    def run(self) -> None:
        while not self.stop.wait(self.every):
            self.report()


def backfill(first: str, last: str, *, log_dir: Path | None = None, port: int = 0,
             extra_env: dict[str, str] | None = None, chunk_days: int = 31,
             out: Callable[[str], None] | None = None) -> BackfillReport:
    """A local backfill: ONE ingest run over the range (mapped over chunks of dates), then one transform run.

    Through the scheduler, as `make run`: the ingest run (run id
    `ingest__FIRST__LAST`) is triggered with params first, last and chunk_days,
    as one would in a deployment (`airflow dags trigger xiangmu_ingest --conf
    '{"first": ..., "last": ...}'`), then the one transform run
    (`transform__FIRST__LAST`, logical date LAST) its raw-articles Asset update calls for.
    """
    out = out or _print
    days = date_range(first, last)
    papers = config.enabled_sources()
    started = time.monotonic()
    with airflow_services(port=port, extra_env=extra_env, log_dir=log_dir, out=out) as services:
        out(f"backfill {first} .. {last}: {len(days)} dates x {len(papers)} papers = {len(days) * len(papers)} "
            f"editions, in chunks of {chunk_days} dates")
        progress = _Progress(services.log_dir / PROGRESS_FILE, len(days) * len(papers), out)
        progress.start()
        try:
            ingest_rc, run_id = _trigger(services, INGEST_DAG_ID, f"ingest__{first}__{last}",
                                         {"first": first, "last": last, "chunk_days": chunk_days}, None, out)
        finally:
            progress.stop.set()
            progress.report()
        transform_rc = _transform_after(services, run_id, f"{first}__{last}", last, out)
    outcomes = edition_outcomes(first, last)
    tally = tally_outcomes(outcomes, papers, days)
    ok = ("complete", "no_edition")
    results = {day: 0 if transform_rc == 0 and all(outcomes.get((p, day)) in ok for p in papers) else 1
               for day in days}
    report = BackfillReport(first, last, papers, tally, results, ingest_rc, transform_rc,
                            time.monotonic() - started, no_edition_warnings(tally, first, last))
    return report


def print_report(report: BackfillReport, out: Callable[[str], None] | None = None) -> None:
    out = out or (lambda line: print(line, flush=True))
    columns = [c for c in (*OUTCOMES, "missing") if c in OUTCOMES or any(t.get(c) for t in report.tally.values())]
    out(f"\nbackfill {report.first} .. {report.last} in {report.seconds:.0f} s: editions by outcome")
    out(f"{'paper':<8}" + "".join(f"{c:>16}" for c in columns))
    for paper, counts in report.tally.items():
        out(f"{paper:<8}" + "".join(f"{counts.get(c, 0):>16}" for c in columns))
    for warning in report.warnings:
        out("\n" + "!" * 78 + f"\n{warning}\n" + "!" * 78)
    if report.transform_rc not in (0, None):
        out(f"{TRANSFORM_DAG_ID} FAILED (exit {report.transform_rc}): marts not published")


def main(dates: list[str] | None = None) -> int:
    results = run_dates(dates or sample_dates())
    from xiangmu.local.summary import print_summary

    print_summary()
    failed = [d for d, rc in results.items() if rc != 0]
    if failed:
        print(f"DAG runs failed for: {', '.join(failed)} (see logs under {config.state_dir() / 'logs'})")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
