"""
### xiangmu_ingest

Every morning at 07:30 Asia/Shanghai, after the papers publish, for each
configured newspaper (`XIANGMU_SOURCES`): discover the day's e-paper edition,
fetch its pages and articles politely and stage them in the warehouse's
`raw` schema (task `ingest_<paper>`, pool `epaper_<paper>`: one request
stream per newspaper host, however many dates are in flight), then check
the raw data (Great Expectations, `check_raw`). A passed check updates the
Asset `xiangmu://warehouse/raw/articles`, which schedules `xiangmu_transform`.

**Backfill a range in one run**: trigger with params `first` and `last`
(ISO dates, inclusive); `ingest_<paper>` is then mapped over chunks of
`chunk_days` dates (one task per chunk, not per date). Every edition's outcome
is recorded in `raw.editions`; a partial or failed edition fails its chunk's
task (and alerts) after the rest of the chunk was attempted.

**Operate**: rerun by clearing the run or a failed `ingest_<paper>` chunk.
Trigger with `{"force": true}` to re-scrape editions already complete.
Catchup from the start date is opt-in (`XIANGMU_CATCHUP=true`).
Owner: data-engineering. See the README, section Operate.
"""

from __future__ import annotations

import pendulum
from airflow.sdk import CronTriggerTimetable, Param, TriggerRule, dag, task

from xiangmu import config, pipeline
from xiangmu.dagdefs import DEFAULT_ARGS, INGEST_DAG_ID, OWNER_LINKS, RAW_ARTICLES, TZ, chunks, edition_day

DEFAULT_CHUNK_DAYS = 31


@dag(
    dag_id=INGEST_DAG_ID,
    schedule=CronTriggerTimetable("30 7 * * *", timezone=TZ),
    # The archives go back to 2014: any date since then can be backfilled. Catchup
    # is opt-in (XIANGMU_CATCHUP) because a catchup from 2014 is days of polite scraping.
    start_date=pendulum.datetime(2014, 1, 1, tz=TZ),
    catchup=config.catchup(),
    # many dates may be in flight; the pools epaper_<paper> bound requests per host
    max_active_runs=16,
    params={
        "force": Param(False, type="boolean", description="Re-scrape editions already complete"),
        "first": Param("", type="string", description="Backfill: first date (YYYY-MM-DD); empty = the run's date"),
        "last": Param("", type="string", description="Backfill: last date (YYYY-MM-DD, inclusive)"),
        "chunk_days": Param(DEFAULT_CHUNK_DAYS, type="integer", minimum=1, description="Dates per ingest task"),
    },
    default_args=DEFAULT_ARGS,
    tags=["xiangmu", "epaper", "ingest"],
    owner_links=OWNER_LINKS,
    doc_md=__doc__,
)
def xiangmu_ingest():
    @task(retries=0)
    def plan(params=None, logical_date=None) -> list[list[str]]:
        """The run's dates in chunks: the run's own date, or params first..last for a backfill."""
        import datetime as dt

        day = edition_day(logical_date) if logical_date else None
        first = dt.date.fromisoformat(params["first"]) if params.get("first") else day
        last = dt.date.fromisoformat(params["last"]) if params.get("last") else (day if not params.get("first")
                                                                                  else first)
        if first is None:
            raise ValueError("a run without a logical date needs the params first and last")
        return chunks(first, last, int(params.get("chunk_days") or DEFAULT_CHUNK_DAYS))

    @task(retries=0)
    def ingest(days: list[str], newspaper: str = "", params=None, run_id=None) -> list[dict]:
        """
        Stage one paper's editions of a chunk of dates (Asia/Shanghai) in `raw`:
        editions, pages, articles, fetch log. A date without an edition (404)
        is recorded as `no_edition` and succeeds. A partial or failed edition is
        saved, the rest of the chunk is attempted, then this task fails naming
        them (no Airflow retry: the HTTP client already retried each request
        with backoff); rerun it later to fetch what was missing.
        Param `force` re-scrapes editions already complete.
        """
        return pipeline.ingest(newspaper, days, run_id=run_id, force=params["force"])

    @task(trigger_rule=TriggerRule.ALL_DONE, retries=0, outlets=[RAW_ARTICLES])
    def check_raw(run_id=None) -> dict:
        """
        Great Expectations checkpoint `raw` on what this run staged, even if one
        paper's ingest failed. Fails (and alerts) at once on any failed
        expectation; results in the Data Docs under `<state>/data_docs`.
        Success updates the raw-articles Asset, which starts `xiangmu_transform`.
        """
        return pipeline.check("raw", run_id=run_id)

    @task
    def finish(ingested: list) -> dict:
        """Fails the run (by upstream failure) when any edition was partial or failed; else tallies outcomes."""
        tally: dict[str, int] = {}
        for paper in ingested:  # per paper: per chunk: per date
            for chunk in paper:
                for outcome in chunk:
                    tally[outcome["status"]] = tally.get(outcome["status"], 0) + 1
        return {"editions": sum(tally.values()), "tally": tally}

    planned = plan()
    ingested = [
        # one pool per paper (1 slot): never two request streams to one site, even in a backfill
        ingest.override(task_id=f"ingest_{code}", pool=f"epaper_{code}", doc_md=ingest.function.__doc__)
        .partial(newspaper=code).expand(days=planned)
        for code in config.enabled_sources()
    ]
    raw_ok = check_raw()
    ingested >> raw_ok
    raw_ok >> finish(ingested)


xiangmu_ingest()
