"""The year backfill through Airflow against its floor, and daily runs (for `make bench`).

(e) floor: read every HTML file of a synthetic archive, parse it with lxml,
    COPY the text into a scratch table of an embedded PostgreSQL: what no
    pipeline can beat.
    Then, in a throwaway state dir, over the same archive served on localhost
    with politeness off (XIANGMU_HTTP_MIN_INTERVAL=0):
    Airflow's services started once (`xiangmu airflow up`), timed apart: a
    deployment's scheduler runs all the time, and local runs reuse them;
(g) a daily run (`xiangmu run DAY`: ingest + transform) of the first date, on an empty warehouse;
(f) the backfill of the dates after it (`xiangmu backfill FIRST LAST --json`:
    one ingest run in chunks of dates, one transform run, one dbt build);
(g) a daily run of the last date, on that history; its ratio to (g) on an empty warehouse.
(j) five years of history (bench/history.py: the backfill's dates copied back in time in SQL,
    the marts rebuilt from scratch and published), then a daily run of the date after the last:
    its dbt and GX cost (the build's task and the checks) against (g)'s on the short history.
(h) politeness on (default 1 request/s/host, each paper on a host of its own as live):
    a backfill of the first 8 dates in a fresh state dir, its ingest run's and its whole wall
    time against the floor politeness sets (the most requests one host must get, divided by
    the rate). Why 8: a backfill pays one transform run after its last request, a fixed
    cost (~25-40 s here) that only a backfill of a week or more amortises; the figure
    printed beside it is the shortest backfill whose whole time stays within 10% of its floor.
Each with the peak memory (PSS) of every process of the state dir, and where
each DAG run's time went (tasks, durations, queue waits) from Airflow's metadata.

Printed as figures and ratios (backfill / floor, s per date, daily run history / empty).
Usage: PYTHONPATH=tools .venv/bin/python bench/bench_backfill.py [--days 365] [--keep DIR] [--articles 64]
       [--polite-days 8] [--polite-interval 1.0] [--history-years 5]
(tools/ on PYTHONPATH for the sample renderer synthetic_year uses; `make bench` sets it)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import synthetic_year  # bench/ is on sys.path: the script's own folder

ROOT = Path(__file__).resolve().parent.parent

FIRST = dt.date(2023, 1, 1)


def first_day(days: int) -> dt.date:
    """FIRST, or earlier when `days` dates from it would reach past yesterday.

    Why: Airflow never starts a run dated in the future (`xiangmu` refuses one), so five
    years of synthetic history must end before today.
    """
    return min(FIRST, dt.date.today() - dt.timedelta(days=days + 1))


def floor(archive: Path, state: Path) -> dict:
    """read + lxml + COPY of every HTML file: the floor under any ingestion."""
    import lxml.html

    os.environ["XIANGMU_STATE_DIR"] = str(state)
    from xiangmu.warehouse import connect

    files = sorted(archive.rglob("*.html"))
    started = time.perf_counter()
    with connect(autocommit=True) as conn:
        conn.execute("create temporary table floor_pages (path text, body text)")
        with conn.cursor().copy("copy floor_pages (path, body) from stdin") as copy:
            for path in files:
                doc = lxml.html.fromstring(path.read_bytes())
                copy.write_row((str(path), doc.text_content()))
    return {"files": len(files), "seconds": round(time.perf_counter() - started, 2)}


def _xiangmu(args: list[str], env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess]:
    started = time.monotonic()
    proc = subprocess.run([str(Path(sys.executable).parent / "xiangmu"), *args], env=env,
                          capture_output=True, text=True, check=False)
    return time.monotonic() - started, proc


class PeakMemory(threading.Thread):
    """Peak PSS (MB) of every process of one state dir: Airflow's services, task processes, dbt, PostgreSQL.

    Why PSS and the environment: forked task processes share most pages with
    their parents (RSS would count them many times), and other programs on the
    machine (other benches, tests) must not count: ours carry XIANGMU_STATE_DIR.
    """

    def __init__(self, state: Path, every: float = 1.0) -> None:
        super().__init__(name="peak-memory", daemon=True)
        self.marker = f"XIANGMU_STATE_DIR={state}".encode()
        self.every, self.peak_mb, self.stop = every, 0.0, threading.Event()

    def sample(self) -> float:
        total_kb = 0
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit():
                continue
            try:
                if self.marker not in (proc / "environ").read_bytes().split(b"\0"):
                    continue
                for line in (proc / "smaps_rollup").read_text().splitlines():
                    if line.startswith("Pss:"):
                        total_kb += int(line.split()[1])
            except OSError:
                continue
        return total_kb / 1024

    def run(self) -> None:
        while not self.stop.wait(self.every):
            self.peak_mb = max(self.peak_mb, self.sample())


def _measured(args: list[str], env: dict[str, str], state: Path) -> dict:
    """One `xiangmu` command: wall seconds, exit code, peak memory of the state dir's processes."""
    memory = PeakMemory(state)
    memory.start()
    seconds, proc = _xiangmu(args, env)
    memory.stop.set()
    memory.join()
    return {"seconds": round(seconds, 1), "exit": proc.returncode, "peak_mb": round(memory.peak_mb),
            "stdout": proc.stdout, "stderr_tail": proc.stderr[-2000:] if proc.returncode else ""}


def _shut_down(servers: list, state: Path) -> None:
    """The archive servers, then the state dir's Airflow services and embedded PostgreSQL."""
    for server in servers:
        server.shutdown()
        server.server_close()
    xiangmu = str(Path(sys.executable).parent / "xiangmu")
    state_env = {**os.environ, "XIANGMU_STATE_DIR": str(state)}
    subprocess.run([xiangmu, "airflow", "down"], env=state_env, capture_output=True, check=False)
    subprocess.run([xiangmu, "stop"], env=state_env, capture_output=True, check=False)


def backfill_and_daily(archive: Path, state: Path, days: int, start: dt.date = FIRST, history_years: float = 0
                       ) -> dict:
    """Services up (timed apart), a daily run on the empty warehouse, the backfill, a daily run on its history;
    with `history_years`, years of history made from it and a daily run on those (the archive holds one date more)."""
    from xiangmu.local.sample_server import serve_archive

    server, base = serve_archive(archive)
    env = {**os.environ, "XIANGMU_STATE_DIR": str(state), "XIANGMU_HTTP_MIN_INTERVAL": "0",
           "XIANGMU_SJZRB_BASE_URL": f"{base}/sjzrb", "XIANGMU_HBRB_BASE_URL": f"{base}/hbrb"}
    try:
        up = _measured(["airflow", "up"], env, state)
        first_day = start.isoformat()
        empty = _measured(["run", first_day], env, state)
        first, last = start + dt.timedelta(days=1), start + dt.timedelta(days=days - 2)
        backfill = _measured(["backfill", first.isoformat(), last.isoformat(), "--json"], env, state)
        out = backfill["stdout"].strip()
        tally = json.loads(out.splitlines()[-1]) if out else {}
        daily_day = (last + dt.timedelta(days=1)).isoformat()
        daily = _measured(["run", daily_day], env, state)
        years = _years_of_history(state, env, history_years,
                                  (last + dt.timedelta(days=2)).isoformat()) if history_years else None
        return {"history": years, "services_up_seconds": up["seconds"], "services_up_exit": up["exit"],
                "daily_empty_date": first_day, "daily_empty_seconds": empty["seconds"],
                "daily_empty_exit": empty["exit"],
                "backfill_dates": (last - first).days + 1, "backfill_seconds": backfill["seconds"],
                "backfill_exit": backfill["exit"], "tally": tally.get("tally"),
                "daily_date": daily_day, "daily_seconds": daily["seconds"], "daily_exit": daily["exit"],
                "peak_mb": {"daily_empty": empty["peak_mb"], "backfill": backfill["peak_mb"],
                            "daily": daily["peak_mb"]},
                "stderr_tail": backfill["stderr_tail"] or daily["stderr_tail"] or empty["stderr_tail"],
                "runs": task_breakdown(state)}
    finally:
        _shut_down([server], state)


def _years_of_history(state: Path, env: dict[str, str], years: float, day: str) -> dict:
    """(j) `years` of history before the backfill's dates, the marts rebuilt and published, a daily run of `day`."""
    import history

    os.environ["XIANGMU_STATE_DIR"] = str(state)
    from xiangmu import pipeline
    from xiangmu.transform import dbt

    made = history.extend(pipeline.warehouse_dsn(), years)
    started = time.perf_counter()
    dbt.run_dbt(["build", "--full-refresh"])
    made["full_build_seconds"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    pipeline.publish(run_id="history", logical_date=day)
    made["publish_seconds"] = round(time.perf_counter() - started, 1)
    daily = _measured(["run", day], env, state)
    return {**made, "daily_date": day, "daily_seconds": daily["seconds"], "daily_exit": daily["exit"],
            "peak_mb": daily["peak_mb"], "stderr_tail": daily["stderr_tail"]}


POLITE_DAYS = 8  # dates of the polite backfill (h); see the module's docstring


def dates_within(ratio: float, fixed_seconds: float, floor_per_date: float) -> int | None:
    """The fewest dates whose backfill stays within `ratio` of its floor, given what it costs beyond the floor.

    Beyond the floor a backfill pays about the same whatever its length (the
    ingest run's start and check, the one transform run after the last
    request), so the shortest backfill within e.g. 10% of its floor is that
    cost divided by 10% of one date's floor.
    """
    if floor_per_date <= 0 or ratio <= 1:
        return None
    return max(1, math.ceil(max(fixed_seconds, 0.0) / ((ratio - 1) * floor_per_date)))


def polite_backfill(archive: Path, state: Path, days: int, interval: float, start: dt.date = FIRST) -> dict:
    """(h) A backfill with politeness on, against requests per host divided by the allowed rate.

    Why a host per paper: live, the papers are two sites, each with its own
    request slot; served from one host they would share it. The services are
    started with the polite setting (task processes inherit it), apart from the timing.
    """
    from xiangmu.local.sample_server import serve_archive

    servers = {code: serve_archive(archive) for code in ("sjzrb", "hbrb")}
    env = {**os.environ, "XIANGMU_STATE_DIR": str(state), "XIANGMU_HTTP_MIN_INTERVAL": str(interval),
           **{f"XIANGMU_{code.upper()}_BASE_URL": f"{base}/{code}" for code, (_, base) in servers.items()}}
    last = start + dt.timedelta(days=days - 1)
    try:
        up = _measured(["airflow", "up"], env, state)
        backfill = _measured(["backfill", start.isoformat(), last.isoformat(), "--json"], env, state)
        requests = {code: len(server.state.log) for code, (server, _) in servers.items()}
        runs = task_breakdown(state)
    finally:
        _shut_down([server for server, _ in servers.values()], state)
    floor_s = max(requests.values()) * interval
    ingest_s = next((r["wall"] for r in runs if r["dag_id"] == "xiangmu_ingest"), None)
    beyond_floor = backfill["seconds"] - floor_s
    return {"beyond_floor_seconds": round(beyond_floor, 1),
            "dates_within_10pct": dates_within(1.10, beyond_floor, floor_s / days) if days else None,
            "interval": interval, "dates": days, "requests": requests, "floor_seconds": round(floor_s, 1),
            "services_up_exit": up["exit"], "backfill_exit": backfill["exit"],
            "backfill_seconds": backfill["seconds"], "ingest_seconds": ingest_s,
            "ratio_ingest_to_floor": round(ingest_s / floor_s, 3) if ingest_s and floor_s else None,
            "ratio_backfill_to_floor": round(backfill["seconds"] / floor_s, 3) if floor_s else None,
            "stderr_tail": backfill["stderr_tail"]}


DBT_AND_GX_TASKS = ("dbt.dbt_producer_watcher", "check_raw", "check_extraction", "check_marts")


def task_breakdown(state: Path) -> list[dict]:
    """Where each run's time went, from Airflow's metadata: tasks, their durations, the dbt build, the waits."""
    os.environ["XIANGMU_STATE_DIR"] = str(state)
    from xiangmu.local import airflow_env

    runs = airflow_env.query(
        "select dag_id, run_id, extract(epoch from end_date - start_date) from dag_run order by id")
    result = []
    for dag_id, run_id, wall in runs:
        tis = airflow_env.query(
            "select task_id, extract(epoch from end_date - start_date), "
            "extract(epoch from start_date - queued_dttm) from task_instance "
            "where dag_id = %s and run_id = %s and start_date is not null", (dag_id, run_id))
        durations = sorted(float(d or 0) for _, d, _ in tis)
        waits = sorted(float(w or 0) for _, _, w in tis)
        top = sorted(((float(d or 0), t) for t, d, _ in tis), reverse=True)[:4]
        # what issue 15 compares between history and an empty warehouse: the dbt build's task and the checks
        dbt_gx = sum(float(d or 0) for t, d, _ in tis if t in DBT_AND_GX_TASKS)
        result.append({
            "dag_id": dag_id, "run_id": run_id, "wall": round(float(wall or 0), 1), "tasks": len(tis),
            "task_seconds": round(sum(durations), 1), "dbt_gx_seconds": round(dbt_gx, 1),
            "median_task": round(durations[len(durations) // 2], 2) if durations else None,
            "median_queue_wait": round(waits[len(waits) // 2], 2) if waits else None,
            "top": [f"{t} {d:.1f}" for d, t in top]})
    return result


def run(days: int, keep: Path | None = None, articles: int = synthetic_year.ARTICLES_PER_EDITION,
        polite_days: int = POLITE_DAYS, polite_interval: float = 1.0, history_years: float = 5) -> dict:
    with tempfile.TemporaryDirectory(prefix="xiangmu-bench-") as tmp:
        tmp_path = keep or Path(tmp)
        tmp_path.mkdir(parents=True, exist_ok=True)
        tmp_path.chmod(0o755)
        archive, state = tmp_path / "archive", tmp_path / "state"
        start = first_day(days)
        made = synthetic_year.generate(archive, start, days + (1 if history_years else 0), articles or None)
        fl = floor(archive, tmp_path / "floor-state")
        subprocess.run([str(Path(sys.executable).parent / "xiangmu"), "stop"],
                       env={**os.environ, "XIANGMU_STATE_DIR": str(tmp_path / "floor-state")},
                       capture_output=True, check=False)
        result = {"archive": made, "floor": fl, **backfill_and_daily(archive, state, days, start, history_years)}
        if polite_days:
            result["polite"] = polite_backfill(archive, tmp_path / "polite-state", min(polite_days, days),
                                               polite_interval, start)
    b = result["backfill_seconds"]
    result["ratio_backfill_to_floor"] = round(b / max(fl["seconds"], 0.01), 1)
    result["seconds_per_date"] = round(b / result["backfill_dates"], 2)
    result["ratio_daily_history_to_empty"] = round(result["daily_seconds"] / max(result["daily_empty_seconds"], 0.1), 2)
    if result.get("history"):
        runs = {r["run_id"]: r for r in result["runs"]}
        years = result["history"]
        short, long = _daily_cost(runs, result["daily_date"]), _daily_cost(runs, years["daily_date"])
        years.update({"dbt_gx_short": short, "dbt_gx_years": long,
                      "ratio_dbt_gx": round(long / short, 2) if short else None,
                      "ratio_daily": round(years["daily_seconds"] / result["daily_seconds"], 2)})
    return result


def _daily_cost(runs: dict[str, dict], day: str) -> float:
    """A daily run's dbt and GX seconds: its ingest's raw check and its transform's build and checks."""
    return round(sum(runs.get(f"{dag}__{day}", {}).get("dbt_gx_seconds", 0) for dag in ("ingest", "transform")), 1)


def describe(r: dict) -> str:
    a, f, mem = r["archive"], r["floor"], r["peak_mb"]
    return (f"(e) floor (read + lxml + COPY): {f['files']} files, {a['html_bytes'] / 1e6:.1f} MB in {f['seconds']} s\n"
            f"    Airflow services up (`xiangmu airflow up`, once, apart from the runs): {r['services_up_seconds']} s"
            f" (exit {r['services_up_exit']})\n"
            f"(g) daily run on an empty warehouse ({r['daily_empty_date']}): {r['daily_empty_seconds']} s "
            f"(exit {r['daily_empty_exit']}), peak {mem['daily_empty']} MB\n"
            f"(f) backfill through Airflow, {r['backfill_dates']} dates x 2 papers ({a['articles']} articles), "
            f"politeness off: {r['backfill_seconds']} s (exit {r['backfill_exit']}), "
            f"{r['seconds_per_date']} s/date, {r['ratio_backfill_to_floor']}x the floor, peak {mem['backfill']} MB; "
            f"tally {r['tally']}\n"
            f"(g) daily run on that history ({r['daily_date']}): {r['daily_seconds']} s (exit {r['daily_exit']}), "
            f"{r['ratio_daily_history_to_empty']}x the daily run on an empty warehouse, peak {mem['daily']} MB\n"
            + "\n".join(f"    {x['run_id']}: {x['wall']} s wall, {x['tasks']} tasks, {x['task_seconds']} task-s, "
                        f"median task {x['median_task']} s, median queue wait {x['median_queue_wait']} s; "
                        f"longest {', '.join(x['top'])}" for x in r.get("runs", []))
            + _describe_history(r.get("history"), r["daily_date"])
            + _describe_polite(r.get("polite")))


def _describe_history(h: dict | None, short_day: str) -> str:
    if not h:
        return ""
    return (f"\n(j) {h['years']} years of history from {h['history_from']} (the backfill's {h['copied_dates']} copied "
            f"back {h['blocks']} times: {h['rows']['raw.articles']} articles, {h['rows']['extract.investment_facts']} "
            f"facts, in {h['seconds']} s; full dbt build {h['full_build_seconds']} s, publish {h['publish_seconds']} s)"
            f"\n    daily run on it ({h['daily_date']}): {h['daily_seconds']} s (exit {h['daily_exit']}) = "
            f"{h['ratio_daily']}x the daily run on the short history ({short_day}); its dbt + GX task time "
            f"{h['dbt_gx_years']} s = {h['ratio_dbt_gx']}x ({h['dbt_gx_short']} s); peak {h['peak_mb']} MB")


def _describe_polite(p: dict | None) -> str:
    if not p:
        return ""
    return (f"\n(h) politeness on (1 request per {p['interval']} s per host), backfill of {p['dates']} dates: "
            f"requests per host {p['requests']}, floor {p['floor_seconds']} s; ingest run {p['ingest_seconds']} s "
            f"= {p['ratio_ingest_to_floor']}x the floor; whole backfill incl. transform {p['backfill_seconds']} s "
            f"= {p['ratio_backfill_to_floor']}x (exit {p['backfill_exit']}); {p.get('beyond_floor_seconds')} s "
            f"beyond the floor, about the same for any length: within 10% from "
            f"{p.get('dates_within_10pct')} dates on")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--keep", type=Path, help="work in this directory and keep it (archive, state, Airflow logs)")
    ap.add_argument("--articles", type=int, default=synthetic_year.ARTICLES_PER_EDITION,
                    help="articles per edition (a real edition's 64 by default; 0: the sample's own 7-8)")
    ap.add_argument("--polite-days", type=int, default=POLITE_DAYS, help="dates of the polite backfill (h); 0 skips it")
    ap.add_argument("--polite-interval", type=float, default=1.0, help="seconds between requests to a host in (h)")
    ap.add_argument("--history-years", type=float, default=5, help="years of history for (j); 0 skips it")
    args = ap.parse_args(argv)
    result = run(args.days, args.keep, args.articles, args.polite_days, args.polite_interval, args.history_years)
    print(describe(result))
    print(json.dumps(result, ensure_ascii=False))
    ok = all(result[k] == 0 for k in ("services_up_exit", "daily_empty_exit", "backfill_exit", "daily_exit"))
    ok = ok and all(result.get("polite", {}).get(k, 0) == 0 for k in ("services_up_exit", "backfill_exit"))
    ok = ok and (result.get("history") or {}).get("daily_exit", 0) == 0
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
