"""
### xiangmu_daily

Every morning at 07:30 Asia/Shanghai, after the papers publish, for each
configured newspaper (`XIANGMU_SOURCES`): discover the day's e-paper edition,
fetch its pages and articles politely (pool `epaper_<paper>`: one scrape per
host at a time), and stage them in the warehouse's `raw` schema. Then check
the raw data (Great Expectations), extract investment facts from new
articles and check them, build the dbt project into `marts_candidate` (task
group `dbt`: one task per seed, model and snapshot, each running
`dbt build --select <node>` so its tests run with it; tests spanning several
models run together in `dbt_cross_model_tests`), write the dbt docs, check the marts, and
publish them to `marts` only if every check passed.

**Assets** (trigger your DAG on data, not on a clock):

| asset | updated by |
| --- | --- |
| `xiangmu://warehouse/raw/articles` | `scrape_<paper>` |
| `xiangmu://warehouse/extract/investment_facts` | `extract` |
| `xiangmu://warehouse/marts` | `publish` |

**Operate**: rerun a date by clearing its run (or one task: a failed dbt
model or test is its own task under `dbt`); backfill a range with
`airflow backfill create --dag-id xiangmu_daily --from-date 2023-08-01
--to-date 2023-08-31`, or locally `xiangmu backfill 2023-08-07 2023-08-09`.
Trigger with `{"force": true}` to re-scrape editions already staged as
complete. Catchup from the start date is opt-in (`XIANGMU_CATCHUP=true`).
Owner: data-engineering. See the README, section Operate.
"""

from __future__ import annotations

import pendulum
from airflow.sdk import Asset, CronTriggerTimetable, Param, TriggerRule, dag, task

from xiangmu import config, pipeline
from xiangmu.alerts import task_failure_alert
from xiangmu.dbt_airflow import cross_model_tests, dbt_task_group

TZ = "Asia/Shanghai"

RAW_ARTICLES = Asset("xiangmu://warehouse/raw/articles", group="xiangmu")
INVESTMENT_FACTS = Asset("xiangmu://warehouse/extract/investment_facts", group="xiangmu")
MARTS = Asset("xiangmu://warehouse/marts", group="xiangmu")

DEFAULT_ARGS = {
    "owner": "data-engineering",
    "retries": 2,
    "retry_delay": pendulum.duration(minutes=5),
    "retry_exponential_backoff": True,
    "max_retry_delay": pendulum.duration(minutes=30),
    "on_failure_callback": task_failure_alert,
}

DBT_DOC = """
A dbt node of `dbt_project/`, run by cosmos as `dbt build --select <node>`
(seed, model or snapshot plus the tests that only concern it), or the
`dbt test` of a test over several models. It fails when the model fails or
any of its tests fails, which blocks `check_marts` and `publish`. Fix the
cause and clear just this task (and its downstream) to rerun it.
No retries: a failed dbt test needs a person, not a second try.
"""

CROSS_MODEL_DOC = """
`dbt test` of every test over several models (relationships between marts,
cross-model checks in `dbt_project/tests/`), once all models are built. The
log names each failing test; a failure blocks `check_marts` and `publish`.
Clear this task to rerun them after fixing the data or a model.
"""


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
    default_args=DEFAULT_ARGS,
    tags=["xiangmu", "epaper", "investment", "dbt"],
    owner_links={"data-engineering": "https://github.com/xiangmu"},
    doc_md=__doc__,
)
def xiangmu_daily():
    @task(retries=0, outlets=[RAW_ARTICLES])
    def scrape(newspaper: str, params=None, logical_date=None, run_id=None) -> dict:
        """
        Stage one paper's edition of the run's date (Asia/Shanghai) in `raw`:
        editions, pages, articles, fetch log. A date without an edition (404)
        is recorded as `no_edition` and succeeds. A partial edition is saved and
        then fails this task (no Airflow retry: the HTTP client already retried
        each request with backoff); rerun it later to fetch what was missing.
        Param `force` re-scrapes an edition already complete.
        """
        return pipeline.scrape(newspaper, edition_day(logical_date), run_id=run_id, force=params["force"])

    @task(trigger_rule=TriggerRule.ALL_DONE, retries=0)
    def check_raw(run_id=None) -> dict:
        """
        Great Expectations checkpoint `raw` on what was staged, even if one
        paper's scrape failed. Fails (and alerts) at once on any failed
        expectation; results in the Data Docs under `<state>/data_docs`.
        """
        return pipeline.check("raw", run_id=run_id)

    @task(outlets=[INVESTMENT_FACTS])
    def extract(run_id=None) -> dict:
        """Investment facts from newly staged articles into `extract.investment_facts` (idempotent)."""
        return pipeline.extract(run_id=run_id)

    @task(retries=0)
    def check_extraction(run_id=None) -> dict:
        """Great Expectations checkpoint `extraction`: amounts plausible, vocabularies respected, regions resolved."""
        return pipeline.check("extraction", run_id=run_id)

    @task(retries=1)
    def dbt_docs() -> dict:
        """`dbt docs generate` after every node built; index.html under `<state>/dbt/target`."""
        return pipeline.transform(build=False)

    @task(retries=0)
    def check_marts(run_id=None) -> dict:
        """Great Expectations checkpoint `marts` on `marts_candidate`; a failure blocks publish."""
        return pipeline.check("marts", run_id=run_id)

    @task(outlets=[MARTS])
    def publish(run_id=None, logical_date=None) -> dict:
        """
        Copy the checked `marts_candidate` tables to `marts` in one transaction
        (the only schema BI reads, as `bi_reader`) and log it in
        `marts.publication_log`.
        """
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
    dbt = dbt_task_group(group_id="dbt", default_args={**DEFAULT_ARGS, "retries": 0, "doc_md": DBT_DOC})
    dbt_tests = cross_model_tests(doc_md=CROSS_MODEL_DOC)
    docs = dbt_docs()
    published = publish()
    raw_ok >> extract() >> check_extraction() >> dbt >> dbt_tests >> docs >> check_marts() >> published
    finish(scraped, published)


xiangmu_daily()
