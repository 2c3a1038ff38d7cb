"""A published warehouse for the BI tests, built cheaply: synthetic raw rows -> dbt -> publish.

Why not the e2e DAG run: dbt on the transform tests' synthetic articles (tests/support) yields rows
for every mart a dashboard reads in seconds, without Airflow. The few pipeline
rows the synthetic set lacks (a failed edition, fetch failures) are added here,
written for this test.
"""

from __future__ import annotations

import dbt_synthetic

PIPELINE_ROWS = [
    "insert into raw.editions (newspaper, edition_date, entry_url, status, page_count, article_count, failure_count)"
    " values ('sjzrb', '2023-08-08', 'http://sjz.test/2023-08/08/', 'partial', 3, 9, 2),"
    " ('sjzrb', '2023-08-09', 'http://sjz.test/2023-08/09/', 'no_edition', 0, 0, 0),"
    " ('hbrb', '2023-08-07', 'http://hb.test/2023-08/07/', 'complete', 8, 40, 0),"
    " ('hbrb', '2023-08-08', 'http://hb.test/2023-08/08/', 'failed', 0, 0, 1)",
    "insert into raw.fetch_log (newspaper, edition_date, url, http_status, error, attempts, run_id)"
    " values ('sjzrb', '2023-08-08', 'http://sjz.test/2023-08/08/a1', 503, 'HTTP 503', 3, 'bi-test'),"
    " ('sjzrb', '2023-08-08', 'http://sjz.test/2023-08/08/a2', null, 'timed out', 3, 'bi-test'),"
    " ('hbrb', '2023-08-08', 'http://hb.test/2023-08/08/', 500, 'HTTP 500', 3, 'bi-test')",
]


def build_published_warehouse() -> str:
    """Load synthetic rows into the current state dir's warehouse, build and publish; return its URL."""
    from xiangmu.publish import publish
    from xiangmu.transform import dbt
    from xiangmu.warehouse.connect import connect, ensure_schema, warehouse_url

    url = warehouse_url()
    with connect(url, autocommit=True) as conn:
        ensure_schema(conn)
        dbt_synthetic.load_initial(conn)
        for statement in PIPELINE_ROWS:
            conn.execute(statement)
    dbt.build(url)
    with connect(url, autocommit=True) as conn:
        publish(conn, run_id="bi-test", logical_date="2023-08-07")
    dbt.grant_bi_reader(url)
    return url


if __name__ == "__main__":
    print(build_published_warehouse())
