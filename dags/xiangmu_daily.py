"""
### xiangmu_daily

Every morning (Asia/Shanghai), for each configured newspaper: discover the
day's e-paper edition, fetch its pages and articles politely, and stage them
in the warehouse's `raw` schema. Then check the raw data (Great
Expectations), extract investment facts from new articles and check them,
build the dbt models into `marts_candidate`, check the marts, and publish
them to `marts` only if every check passed.

Backfill any range with `airflow backfill create --dag-id xiangmu_daily
--from-date 2023-08-01 --to-date 2023-08-31`. Set the `force` param to
re-scrape editions already staged as complete.
"""

from __future__ import annotations

import pendulum
from airflow.sdk import CronTriggerTimetable, Param, TriggerRule, dag, task

from xiangmu import config, pipeline
from xiangmu.alerts import task_failure_alert

TZ = "Asia/Shanghai"


def edition_day(logical_date) -> pendulum.Date:
    """The paper's date is the logical date in China, whatever the server's zone."""
    return pendulum.instance(logical_date).in_timezone(TZ).date()


@dag(
    dag_id="xiangmu_daily",
    schedule=CronTriggerTimetable("30 7 * * *", timezone=TZ),
    # The archives go back to 2014: any date since then can be backfilled. Catchup
    # is opt-in (XIANGMU_CATCHUP) because a catchup from 2014 is days of polite scraping.
    start_date=pendulum.datetime(2014, 1, 1, tz=TZ),
    catchup=config.catchup(),
    max_active_runs=1,
    params={"force": Param(False, type="boolean", description="Re-scrape editions already complete")},
    default_args={
        "owner": "data-engineering",
        "retries": 2,
        "retry_delay": pendulum.duration(minutes=5),
        "on_failure_callback": task_failure_alert,
    },
    tags=["xiangmu", "epaper", "investment"],
    doc_md=__doc__,
)
def xiangmu_daily():
    @task(retries=0)
    def scrape(newspaper: str, params=None, logical_date=None, run_id=None) -> dict:
        """Stage one paper's edition in `raw`; fails (after saving what it could) if partial."""
        return pipeline.scrape(newspaper, edition_day(logical_date), run_id=run_id, force=params["force"])

    @task(trigger_rule=TriggerRule.ALL_DONE, retries=0)
    def check_raw(run_id=None) -> dict:
        """Great Expectations on what was staged, even if one paper's scrape failed."""
        return pipeline.check("raw", run_id=run_id)

    @task
    def extract(run_id=None) -> dict:
        """Investment facts from newly staged articles into `extract`."""
        return pipeline.extract(run_id=run_id)

    @task(retries=0)
    def check_extraction(run_id=None) -> dict:
        """Amounts plausible, vocabularies respected, regions resolved."""
        return pipeline.check("extraction", run_id=run_id)

    @task(retries=0)
    def dbt_build() -> dict:
        """dbt build: staging, intermediate, marts_candidate, snapshots and tests."""
        return pipeline.transform()

    @task(retries=0)
    def check_marts(run_id=None) -> dict:
        return pipeline.check("marts", run_id=run_id)

    @task
    def publish(run_id=None, logical_date=None) -> dict:
        """Copy checked marts to `marts`, the only schema BI reads."""
        return pipeline.publish(run_id=run_id, logical_date=str(logical_date))

    @task
    def finish(scraped: list[dict], published: dict) -> dict:
        """Fails the run (by upstream failure) when any edition was partial or failed."""
        return {"editions": scraped, "published": published}

    # One pool per paper (1 slot): never two scrapes of one site at once, even in a backfill.
    scraped = [
        scrape.override(task_id=f"scrape_{code}", pool=f"epaper_{code}")(code) for code in config.enabled_sources()
    ]
    raw_ok = check_raw()
    scraped >> raw_ok
    published = publish()
    raw_ok >> extract() >> check_extraction() >> dbt_build() >> check_marts() >> published
    finish(scraped, published)


xiangmu_daily()
