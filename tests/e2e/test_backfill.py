"""A backfill over a range of sample dates builds the same marts as the dates run one by one.

Two warehouses (separate state dirs, each its own embedded PostgreSQL and
Airflow home): one filled by `xiangmu backfill FIRST LAST` (localrun.backfill:
ONE ingest run over the range, mapped over chunks of dates, then ONE transform
run), the other by one `make run`-like invocation over the dates, one date
after the other (an ingest and a transform run per date). Both go through
Airflow's scheduler. The published marts must hold the same rows.
Columns that record *when* or *which run* (timestamps, run ids) differ by
construction and are left out of the comparison; they are listed in IGNORED.
"""

from __future__ import annotations

import os

import pytest

from xiangmu.local import airflow_env, localrun, scheduler

pytestmark = pytest.mark.e2e

FIRST, LAST = "2023-08-07", "2023-08-08"
# lineage of the publication itself (differs between any two runs), and the
# warehouse sequence numbers article_id and mention_id (= extract fact id), which count
# inserts in the order the two papers' scrape tasks happened to run
IGNORED_NAMES = {"run_id", "airflow_run_id", "published_at", "loaded_at", "fetched_at", "extracted_at",
                 "article_id", "mention_id"}
IGNORED_TYPES = ("timestamp with time zone", "timestamp without time zone")


def marts_contents() -> dict[str, list[tuple]]:
    """Sorted rows of every table in schema marts, without timestamp/run-id columns."""
    from xiangmu.warehouse import connect

    out = {}
    with connect() as conn:
        tables = [r[0] for r in conn.execute(
            "select table_name from information_schema.tables "
            "where table_schema = 'marts' and table_type = 'BASE TABLE' order by 1").fetchall()]
        for table in tables:
            cols = [name for name, typ in conn.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_schema = 'marts' and table_name = %s order by ordinal_position", (table,)).fetchall()
                if name not in IGNORED_NAMES and typ not in IGNORED_TYPES]
            select = ", ".join(f'"{c}"::text' for c in cols)
            rows = conn.execute(f'select {select} from marts."{table}"').fetchall()
            out[table] = sorted(rows, key=lambda r: tuple("" if v is None else v for v in r))
    return out


def _in_state(state, fn):
    from xiangmu.warehouse import embedded

    previous = os.environ.get("XIANGMU_STATE_DIR")
    os.environ["XIANGMU_STATE_DIR"] = str(state)
    os.environ.pop("WAREHOUSE_URL", None)
    try:
        result = fn()
        runs = airflow_env.query(
            "select r.run_id, r.run_type, r.state, count(ti.task_id) filter (where ti.task_id like 'ingest_%%') "
            "from dag_run r left join task_instance ti on ti.dag_id = r.dag_id and ti.run_id = r.run_id "
            "group by r.id order by r.id")
        return result, marts_contents(), {run_id: rest for run_id, *rest in runs}
    finally:
        embedded.stop(state / "pgdata")
        if previous is None:
            os.environ.pop("XIANGMU_STATE_DIR", None)
        else:
            os.environ["XIANGMU_STATE_DIR"] = previous


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _through_kept_up_services(port: int, kept: dict) -> dict[str, int]:
    """`xiangmu airflow up`, each date as its own `xiangmu run`, then `xiangmu airflow down`."""
    services = localrun.up(port=port)
    kept["pids"] = dict(services.pids)
    try:
        results = {}
        for day in localrun.date_range(FIRST, LAST):
            results.update(localrun.run_dates([day], port=port))
            again = scheduler.Services.attach()
            kept.setdefault("after_runs", []).append(again.pids if again else None)
    finally:
        kept["down"] = scheduler.down()
    kept["left"] = [name for name, pid in kept["pids"].items() if scheduler.running(pid)]
    return results


@pytest.fixture(scope="module")
def warehouses(tmp_path_factory):
    # one archive address for both: article URLs (and keys hashed from them) include it
    port = _free_port()
    backfill_state = tmp_path_factory.mktemp("backfill")
    single_state = tmp_path_factory.mktemp("one-by-one")
    # chunks of one date: the range's two dates are two mapped tasks per paper in one run
    reports: list = []
    backfilled, backfill_marts, backfill_runs = _in_state(
        backfill_state, lambda: reports.append(localrun.backfill(FIRST, LAST, port=port, chunk_days=1))
        or reports[0].results)
    # the dates one by one, through services kept up between runs (`xiangmu airflow up`, the runs, `down`)
    kept: dict = {}
    singles, single_marts, single_runs = _in_state(single_state, lambda: _through_kept_up_services(port, kept))
    return {"report": reports[0], "backfilled": backfilled, "singles": singles, "kept": kept,
            "backfill": backfill_marts, "single": single_marts,
            "backfill_runs": backfill_runs, "single_runs": single_runs,
            "states": (backfill_state, single_state)}


def test_every_run_succeeded(warehouses):
    days = localrun.date_range(FIRST, LAST)
    assert warehouses["backfilled"] == dict.fromkeys(days, 0), f"logs in {warehouses['states'][0]}"
    assert warehouses["singles"] == dict.fromkeys(days, 0), f"logs in {warehouses['states'][1]}"


def test_runs_are_named_by_their_dates_and_went_through_the_scheduler(warehouses):
    # a backfill: one ingest run over the range, its chunks of one date mapped (2 dates x 2 papers), one transform
    assert warehouses["backfill_runs"] == {
        f"ingest__{FIRST}__{LAST}": ["manual", "success", 4],
        f"transform__{FIRST}__{LAST}": ["manual", "success", 0],
    }
    assert warehouses["single_runs"] == {
        f"{dag}__{day}": ["manual", "success", 2 if dag == "ingest" else 0]
        for day in localrun.date_range(FIRST, LAST) for dag in ("ingest", "transform")
    }


def test_runs_reuse_the_services_kept_up_and_down_stops_them(warehouses):
    kept = warehouses["kept"]
    assert set(kept["pids"]) == {"scheduler", "dag-processor", "api-server", "triggerer", "sample-server"}
    # each run used the services of `up` and left them running for the next
    assert kept["after_runs"] == [kept["pids"]] * len(localrun.date_range(FIRST, LAST))
    assert kept["down"] is True and kept["left"] == []


def test_backfill_tallies_outcomes_per_paper(warehouses):
    report = warehouses["report"]
    assert report.ingest_rc == 0 and report.transform_rc == 0
    days = len(localrun.date_range(FIRST, LAST))
    assert set(report.tally) == {"sjzrb", "hbrb"}
    for paper, counts in report.tally.items():
        assert sum(counts.values()) == days, (paper, counts)
        assert counts["complete"] >= 1, (paper, counts)
        assert counts["failed"] == counts["partial"] == 0, (paper, counts)
    assert report.warnings == []
    as_json = report.as_dict()
    assert as_json["ok"] and as_json["tally"] == report.tally and as_json["failed_dates"] == []


def test_backfill_builds_the_same_marts(warehouses):
    backfill, single = warehouses["backfill"], warehouses["single"]
    assert backfill.keys() == single.keys()
    assert backfill["fct_investment_mention"], "the backfill published nothing"
    # the publication log records publications, not data: one transform run for the
    # whole backfill publishes once, the dates run one by one publish once each
    assert len(backfill["publication_log"]) == 1
    assert len(single["publication_log"]) == len(localrun.date_range(FIRST, LAST))
    differing = {t: (len(backfill[t]), len(single[t])) for t in backfill
                 if t != "publication_log" and backfill[t] != single[t]}
    assert not differing, f"marts differ (rows backfill, one-by-one): {differing}"


def test_backfill_covers_every_day_of_the_range():
    assert localrun.date_range(FIRST, LAST) == ["2023-08-07", "2023-08-08"]
    assert localrun.date_range("2023-08-06", "2023-08-09")[1:3] == ["2023-08-07", "2023-08-08"]
    with pytest.raises(ValueError):
        localrun.date_range(LAST, FIRST)
