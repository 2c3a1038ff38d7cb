"""`make run` and `xiangmu backfill`: the pipeline's DAGs, run locally through Airflow.

Why real Airflow DAG runs rather than calling the steps directly: what runs
here are exactly the DAGs that run in production (`xiangmu_ingest`, then
`xiangmu_transform`, which the raw-articles Asset schedules there), so
`make run` proves the wiring.

Why `airflow dags test` rather than the scheduler: see `backfill`.

The sample archive is served (and the sources pointed at it) only when no
`XIANGMU_<CODE>_BASE_URL` is set: with one set, a mirror or the live sites
are ingested the same way, at the configured politeness.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xiangmu import airflow_env, config
from xiangmu.devserver import serve_archive

SAMPLE_ROOT = config.PROJECT_ROOT / "sample_epaper"
INGEST_DAG_ID = "xiangmu_ingest"  # = xiangmu.dagdefs (not imported: it loads Airflow's SDK)
TRANSFORM_DAG_ID = "xiangmu_transform"
DAG_ID = TRANSFORM_DAG_ID  # the DAG that checks and publishes (alerts name it)
OUTCOMES = ("complete", "no_edition", "partial", "failed", "layout_changed")


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


def _show(label: str, rc: int, states: dict[str, int], seconds: float) -> None:
    shown = ", ".join(f"{n} {state}" for state, n in sorted(states.items())) or "no tasks ran"
    print(f"   {label}: {'ok' if rc == 0 else f'FAILED (exit {rc})'} in {seconds:.0f} s: {shown}", flush=True)


def _run(dag_id: str, day: str, env: dict[str, str], log_path: Path, conf: dict | None = None) -> int:
    print(f"-> {dag_id} {day} (log: {log_path})", flush=True)
    started = time.monotonic()
    rc = airflow_env.dags_test(dag_id, day, env, log_path, conf=json.dumps(conf) if conf else None)
    states = airflow_env.task_states(dag_id, day)
    rc = _ran_ok(rc, states)
    _show(dag_id, rc, states, time.monotonic() - started)
    return rc


def _ingest_then_transform(day: str, env: dict[str, str], log_dir: Path, conf: dict | None = None) -> int:
    """One ingest run, then (as the Asset would schedule it) one transform run if raw was checked."""
    rc = _run(INGEST_DAG_ID, day, env, log_dir / f"{INGEST_DAG_ID}_{day}.log", conf)
    if airflow_env.task_state(INGEST_DAG_ID, day, "check_raw") != "success":
        print(f"   {TRANSFORM_DAG_ID} not run: check_raw did not pass, so the raw-articles Asset was not updated")
        return rc or 1
    return _run(TRANSFORM_DAG_ID, day, env, log_dir / f"{TRANSFORM_DAG_ID}_{day}.log") or rc


def run_dates(
    dates: list[str],
    *,
    log_dir: Path | None = None,
    archive_root: Path = SAMPLE_ROOT,
    extra_env: dict[str, str] | None = None,
    port: int = 0,
) -> dict[str, int]:
    """Ingest then transform each date in turn (a daily run each); exit codes by date.

    archive_root and extra_env let tests run the same DAGs on altered pages or
    with alert connections (AIRFLOW_CONN_*) configured.
    """
    log_dir = log_dir or config.state_dir() / "logs"
    with sources(archive_root, port, extra_env) as source_env:
        env = airflow_env.airflow_env(source_env)
        airflow_env.migrate(env)
        return {day: _ingest_then_transform(day, env, log_dir) for day in dates}


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
        self.started = time.monotonic()
        self.stop = threading.Event()
        self.shown = -1

    def done(self) -> int:
        try:
            with self.path.open("rb") as fh:
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

    Why `airflow dags test` rather than `airflow backfill create` and a scheduler: in
    Airflow 3 the scheduler's runs execute each task in a process of its own
    through the api-server's execution API, and need the scheduler, dag-processor,
    api-server and (for the dbt sensors) triggerer running: seconds per task and
    four resident processes on a 2-core laptop. `dags test` runs the same DAGs, same
    tasks, same metadata (visible in `make airflow`'s UI), in one process per run.
    In a deployment (docker/) the scheduler does this: `airflow dags trigger
    xiangmu_ingest --conf '{"first": ..., "last": ...}'`.
    """
    out = out or (lambda line: print(line, flush=True))
    log_dir = log_dir or config.state_dir() / "logs"
    days = date_range(first, last)
    papers = config.enabled_sources()
    progress_file = log_dir / f"backfill_{first}_{last}.progress.jsonl"
    progress_file.parent.mkdir(parents=True, exist_ok=True)
    progress_file.unlink(missing_ok=True)
    started = time.monotonic()
    with sources(port=port, extra_env={**(extra_env or {}), "XIANGMU_PROGRESS_FILE": str(progress_file)}) as env_:
        env = airflow_env.airflow_env(env_)
        airflow_env.migrate(env)
        out(f"backfill {first} .. {last}: {len(days)} dates x {len(papers)} papers = {len(days) * len(papers)} "
            f"editions, in chunks of {chunk_days} dates")
        progress = _Progress(progress_file, len(days) * len(papers), out)
        progress.start()
        try:
            ingest_rc = _run(INGEST_DAG_ID, last, env, log_dir / f"{INGEST_DAG_ID}_{first}_{last}.log",
                             {"first": first, "last": last, "chunk_days": chunk_days})
        finally:
            progress.stop.set()
            progress.report()
        transform_rc = None
        if airflow_env.task_state(INGEST_DAG_ID, last, "check_raw") == "success":
            transform_rc = _run(TRANSFORM_DAG_ID, last, env, log_dir / f"{TRANSFORM_DAG_ID}_{first}_{last}.log")
        else:
            out(f"   {TRANSFORM_DAG_ID} not run: check_raw did not pass")
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
    from xiangmu.summary import print_summary

    print_summary()
    failed = [d for d, rc in results.items() if rc != 0]
    if failed:
        print(f"DAG runs failed for: {', '.join(failed)} (see logs under {config.state_dir() / 'logs'})")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
