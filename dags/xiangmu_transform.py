"""
### xiangmu_transform

Runs whenever `xiangmu_ingest` staged and checked raw articles (Asset
`xiangmu://warehouse/raw/articles`), or on demand, over everything that
landed since its last run: one run for a day, one for a whole backfill.
Extract investment facts from every article not yet extracted (task
`extract`, mapped over `XIANGMU_EXTRACT_SHARDS` shards of the articles, one
process per core) and check them
(Great Expectations, beside the build), build the dbt project into `marts_candidate` in **one**
`dbt build` with every dbt test (task group `dbt`: the producer
`dbt.dbt_producer_watcher` runs it and its log names any failed test; one
task per model and snapshot shows that node's own result), check the
marts and publish them to `marts` only if every check passed; beside the
checks, write the dbt docs when the dbt project changed.

**Assets** (trigger your DAG on data, not on a clock):

| asset | updated by |
| --- | --- |
| `xiangmu://warehouse/raw/articles` | `xiangmu_ingest.check_raw` |
| `xiangmu://warehouse/extract/investment_facts` | `extract` |
| `xiangmu://warehouse/marts` | `publish` |

**Operate**: rerun by clearing the run, or a failed node's task under `dbt`
(it reruns just that node). A failed dbt test fails the producer and skips
the models downstream of it. Owner: data-engineering. See the README, section Operate.
"""

from __future__ import annotations

import pendulum
from airflow.sdk import dag, task

from xiangmu import config, pipeline
from xiangmu.dagdefs import DEFAULT_ARGS, INVESTMENT_FACTS, MARTS, OWNER_LINKS, RAW_ARTICLES, TRANSFORM_DAG_ID, TZ
from xiangmu.dbt_airflow import dbt_watcher_group

DBT_DOC = """
A dbt node of `dbt_project/` inside the run's single `dbt build`
(`dbt.dbt_producer_watcher` runs it with every test; this task reports the
node's result). It fails when the node failed, and is skipped when dbt
skipped it after a failed test upstream (the producer's log names the test;
the failed build blocks `check_marts` and `publish`). Fix the cause and clear
just this task: it reruns that node alone (`dbt run --select`).
No retries: a failed dbt model or test needs a person, not a second try.
"""


@dag(
    dag_id=TRANSFORM_DAG_ID,
    schedule=[RAW_ARTICLES],
    start_date=pendulum.datetime(2014, 1, 1, tz=TZ),
    catchup=False,
    max_active_runs=1,  # one dbt build at a time; a run takes whatever landed meanwhile
    default_args=DEFAULT_ARGS,
    tags=["xiangmu", "extract", "dbt", "publish"],
    owner_links=OWNER_LINKS,
    doc_md=__doc__,
)
def xiangmu_transform():
    @task(outlets=[INVESTMENT_FACTS])
    def extract(shard: int, shards: int = 1, run_id=None) -> dict:
        """
        Investment facts from this shard's staged articles not yet extracted
        (article id modulo the shard count) into `extract.investment_facts`.
        """
        return pipeline.extract(run_id=run_id, shard=shard, shards=shards)

    @task(retries=0)
    def check_extraction(run_id=None) -> dict:
        """Great Expectations checkpoint `extraction` on this run's facts: amounts plausible, regions resolved."""
        return pipeline.check("extraction", run_id=run_id)

    @task(retries=1)
    def dbt_docs() -> dict:
        """`dbt docs generate` only when the dbt project changed; index.html under `<state>/dbt/target`."""
        return pipeline.docs_if_changed()

    @task(retries=0)
    def check_marts(run_id=None) -> dict:
        """Great Expectations checkpoint `marts` on `marts_candidate`; a failure blocks publish."""
        return pipeline.check("marts", run_id=run_id)

    @task(outlets=[MARTS])
    def publish(run_id=None, logical_date=None, dag_run=None) -> dict:
        """
        Copy the checked `marts_candidate` tables to `marts` in one transaction
        (the only schema BI reads, as `bi_reader`) and log it in
        `marts.publication_log`.
        """
        when = logical_date or getattr(dag_run, "run_after", None)
        return pipeline.publish(run_id=run_id, logical_date=str(when))

    dbt = dbt_watcher_group(group_id="dbt", default_args={**DEFAULT_ARGS, "retries": 0, "doc_md": DBT_DOC})
    # upstream work goes to the whole group: the build and the node tasks watching it start together
    shards = config.extract_shards()
    extract = extract.override(doc_md=extract.function.__doc__)  # a mapped task takes no docstring itself
    extracted = extract.partial(shards=shards).expand(shard=list(range(shards)))
    # the extraction check runs beside the build (it reads extract.*, the build writes marts_candidate);
    # both gate the marts check, so a failed extraction check still blocks publishing
    checked = check_extraction()
    extracted >> [checked, dbt]
    [dbt, checked] >> check_marts() >> publish()
    dbt >> dbt_docs()  # beside the checks: publishing never waits for the docs


xiangmu_transform()
