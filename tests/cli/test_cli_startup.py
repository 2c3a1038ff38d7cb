"""The CLI that drives local runs does not import Airflow (issue 15: a daily run within 30 s).

Why it matters: `xiangmu run` and `xiangmu backfill` only trigger runs over the
REST API and read run states from the metadata database; importing Airflow
there cost 4-6 s of every daily run (compiled from source where bytecode is
not written), more than the date's own scraping and extraction.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap


def _airflow_modules_after(code: str) -> list[str]:
    probe = textwrap.dedent(code) + (
        "\nimport json, sys\nprint(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'airflow')))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_run_path_checks_dates_without_importing_airflow() -> None:
    loaded = _airflow_modules_after("""
        import datetime as dt
        from xiangmu import cli
        from xiangmu.local import localrun, scheduler
        cli._not_in_future(dt.date(2023, 1, 3), "run:")
        try:
            cli._not_in_future(dt.date.today() + dt.timedelta(days=3), "run:")
        except cli.CliError as exc:
            assert "after today" in str(exc)
        else:
            raise AssertionError("a date after today was accepted")
    """)
    assert loaded == []


def test_the_time_zone_has_one_home() -> None:
    """The DAGs' schedule and the CLI's 'today' use the same zone: the papers'."""
    loaded = _airflow_modules_after("""
        from xiangmu import dagdefs, newspapers
        assert dagdefs.TZ is newspapers.TZ == "Asia/Shanghai"
    """)
    assert "airflow.sdk" in loaded  # the probe itself proves dagdefs is the Airflow side
