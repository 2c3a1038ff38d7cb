"""A checkpoint run's cost with years of validation results behind it (issue 15: GX flat in history).

Usage: PYTHONPATH=tools .venv/bin/python bench/bench_data_docs.py [--years 5] [--per-day 1]

Why: every checkpoint run rebuilds the Data Docs index, which GX builds from
every stored validation result. This bench runs the `raw` checkpoint on a
throwaway embedded warehouse and GX context three ways: with an empty store;
with `--years` of daily runs' results already stored and retention on (the
default window, expectations/retention.py: the first run archives, the next
one is timed); and with the same history and retention off. Prints seconds
and ratios to the empty store; the target is at most 1.3x.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "support"))  # the tests' throwaway GX context


def _timed(run_id: str) -> float:
    from expectations.run import run_checkpoint

    started = time.perf_counter()
    result = run_checkpoint("raw", run_id=run_id)
    if not result.success:
        raise SystemExit(f"the raw checkpoint failed on an empty warehouse: {result.failures}")
    return time.perf_counter() - started


def _fill(store: Path, site: Path, template_run: str, days: int, per_day: int) -> int:
    """Copy the template run's results and pages once per past day (`per_day` runs a day)."""
    from expectations.retention import RUN_TIME_FORMAT

    now = datetime.now(UTC)
    made = 0
    for root in (store, site):
        leaves = [p for p in root.rglob("*") if p.is_dir() and p.parent.name.endswith(template_run)]
        for leaf in leaves:
            suite_dir = leaf.parent.parent
            for day in range(1, days + 1):
                for k in range(per_day):
                    when = now - timedelta(days=day, minutes=k)
                    target = suite_dir / f"history-{day}-{k}__{template_run}" / when.strftime(RUN_TIME_FORMAT)
                    shutil.copytree(leaf, target)
                    made += root is store
    return made


def run(years: float, per_day: int) -> dict:
    from state import gx_project

    from xiangmu.warehouse import connect, ensure_schema, warehouse_url

    days = int(365 * years)
    state = Path(tempfile.mkdtemp(prefix="xiangmu-bench-docs-"))
    os.chmod(state, 0o755)  # the embedded server may run as another user (pgserver, when root)
    os.environ["XIANGMU_STATE_DIR"] = str(state)
    os.environ.pop("WAREHOUSE_URL", None)
    try:
        with gx_project(state):
            with connect(warehouse_url()) as conn:
                ensure_schema(conn)
            from expectations.context import data_docs_dir, get_context, validation_results_dir

            _timed("warm-up")  # GX imported and its context opened outside the timing
            empty = min(_timed(f"empty-{i}") for i in range(2))
            store = validation_results_dir(get_context(warehouse_url()))
            stored = _fill(store, data_docs_dir() / "validations", "empty-0", days, per_day)
            os.environ["XIANGMU_GX_KEEP_DAYS"] = "36500"
            kept_all = _timed("no-retention")
            os.environ.pop("XIANGMU_GX_KEEP_DAYS")
            first = _timed("archiving")  # moves everything beyond the window once
            steady = min(_timed(f"steady-{i}") for i in range(2))
            left = sum(1 for _ in store.rglob("*.json"))
    finally:
        from xiangmu.warehouse import embedded

        embedded.stop()
        shutil.rmtree(state, ignore_errors=True)
    return {
        "years": years, "results_stored": stored, "results_after_retention": left,
        "empty_s": round(empty, 2), "no_retention_s": round(kept_all, 2), "archiving_run_s": round(first, 2),
        "retention_s": round(steady, 2), "ratio_no_retention": round(kept_all / empty, 2),
        "ratio_retention": round(steady / empty, 2),
    }


def describe(r: dict) -> str:
    return (
        f"(i) GX checkpoint `raw` with {r['years']:g} years of daily results ({r['results_stored']} stored):\n"
        f"    empty store {r['empty_s']} s; with that history, retention off {r['no_retention_s']} s "
        f"({r['ratio_no_retention']}x); retention on {r['retention_s']} s ({r['ratio_retention']}x, target 1.3x; "
        f"{r['results_after_retention']} results kept, the first run archived the rest in {r['archiving_run_s']} s)"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--years", type=float, default=5.0)
    ap.add_argument("--per-day", type=int, default=1, help="checkpoint runs a day in the history")
    args = ap.parse_args()
    result = run(args.years, args.per_day)
    print(describe(result))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
