"""The year backfill through Airflow against its floor, and a daily run (for `make bench`).

(e) floor: read every HTML file of a synthetic archive, parse it with lxml,
    COPY the text into a scratch table of an embedded PostgreSQL: what no
    pipeline can beat.
(f) backfill: `xiangmu backfill FIRST LAST --json` over the same archive served on
    localhost, politeness off (XIANGMU_HTTP_MIN_INTERVAL=0), in a throwaway state
    dir: ingest (one run, chunks of dates) + transform (one run, one dbt build).
(g) daily: one more date through ingest + transform on top of that history.

Printed as figures and ratios (backfill / floor, s per date, daily run).
Usage: PYTHONPATH=tools .venv/bin/python bench/bench_backfill.py [--days 365]
(tools/ on PYTHONPATH for the sample renderer synthetic_year uses; `make bench` sets it)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import synthetic_year  # bench/ is on sys.path: the script's own folder

ROOT = Path(__file__).resolve().parent.parent

FIRST = dt.date(2023, 1, 1)


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


def backfill_and_daily(archive: Path, state: Path, days: int) -> dict:
    from xiangmu.local.sample_server import serve_archive

    server, base = serve_archive(archive)
    try:
        env = {**os.environ, "XIANGMU_STATE_DIR": str(state), "XIANGMU_HTTP_MIN_INTERVAL": "0",
               "XIANGMU_SJZRB_BASE_URL": f"{base}/sjzrb", "XIANGMU_HBRB_BASE_URL": f"{base}/hbrb"}
        last = FIRST + dt.timedelta(days=days - 2)
        seconds, proc = _xiangmu(["backfill", FIRST.isoformat(), last.isoformat(), "--json"], env)
        tally = json.loads(proc.stdout.strip().splitlines()[-1]) if proc.stdout.strip() else {}
        daily_day = (last + dt.timedelta(days=1)).isoformat()
        daily_seconds, daily = _xiangmu(["run", daily_day], env)
        return {"backfill_dates": days - 1, "backfill_seconds": round(seconds, 1), "backfill_exit": proc.returncode,
                "tally": tally.get("tally"), "daily_date": daily_day, "daily_seconds": round(daily_seconds, 1),
                "daily_exit": daily.returncode, "stderr_tail": proc.stderr[-2000:] if proc.returncode else ""}
    finally:
        server.shutdown()
        server.server_close()
        subprocess.run([str(Path(sys.executable).parent / "xiangmu"), "stop"],
                       env={**os.environ, "XIANGMU_STATE_DIR": str(state)}, capture_output=True, check=False)


def run(days: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="xiangmu-bench-") as tmp:
        tmp_path = Path(tmp)
        tmp_path.chmod(0o755)
        archive, state = tmp_path / "archive", tmp_path / "state"
        made = synthetic_year.generate(archive, FIRST, days)
        fl = floor(archive, tmp_path / "floor-state")
        subprocess.run([str(Path(sys.executable).parent / "xiangmu"), "stop"],
                       env={**os.environ, "XIANGMU_STATE_DIR": str(tmp_path / "floor-state")},
                       capture_output=True, check=False)
        result = {"archive": made, "floor": fl, **backfill_and_daily(archive, state, days)}
    b = result["backfill_seconds"]
    result["ratio_backfill_to_floor"] = round(b / max(fl["seconds"], 0.01), 1)
    result["seconds_per_date"] = round(b / result["backfill_dates"], 2)
    return result


def describe(r: dict) -> str:
    a, f = r["archive"], r["floor"]
    return (f"(e) floor (read + lxml + COPY): {f['files']} files, {a['html_bytes'] / 1e6:.1f} MB in {f['seconds']} s\n"
            f"(f) backfill through Airflow, {r['backfill_dates']} dates x 2 papers ({a['articles']} articles), "
            f"politeness off: {r['backfill_seconds']} s (exit {r['backfill_exit']}), "
            f"{r['seconds_per_date']} s/date, {r['ratio_backfill_to_floor']}x the floor; tally {r['tally']}\n"
            f"(g) daily run on that history ({r['daily_date']}): {r['daily_seconds']} s (exit {r['daily_exit']})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--days", type=int, default=365)
    args = ap.parse_args(argv)
    result = run(args.days)
    print(describe(result))
    print(json.dumps(result, ensure_ascii=False))
    return 0 if result["backfill_exit"] == 0 and result["daily_exit"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
