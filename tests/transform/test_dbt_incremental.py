"""An incremental dbt build equals a full refresh, and only touches what new data touches.

The story: part of a synthetic history is built; then more dates arrive, an
old article is fetched again (new content, not yet extracted), another is
re-extracted by a later extractor version that finds different figures, a
county item of an old 集中开工 date turns up in a later paper, and the
hand-written LATER reports of dbt_synthetic. The incremental build of that
must equal `dbt build --full-refresh` over everything, table by table.
"""

from __future__ import annotations

import datetime as dt

import dbt_synthetic as syn
import psycopg
import pytest
from mart_contents import MARTS, table_contents

from xiangmu import publish
from xiangmu.dbt_airflow import BUILD_VARS
from xiangmu.transform import dbt
from xiangmu.warehouse.connect import connect

START = dt.date(2022, 3, 1)
FIRST_DAYS = 12
MORE_DAYS = 6


def candidate_tables(url: str) -> dict[str, list[tuple]]:
    """Every table in marts_candidate (whatever other models add), by content."""
    with connect(url) as conn:
        names = [
            r[0]
            for r in conn.execute(
                "select table_name from information_schema.tables where table_schema = 'marts_candidate'"
                " and table_type = 'BASE TABLE' order by 1"
            ).fetchall()
        ]
    return {name: table_contents(url, "marts_candidate", name) for name in names}


def row_versions(url: str, table: str, key: str) -> dict[str, str]:
    """key -> xmin: the transaction that last wrote each row (unchanged when a build leaves it alone)."""
    with connect(url) as conn:
        rows = conn.execute(f"select {key}::text, xmin::text from marts_candidate.{table}").fetchall()
    return dict(rows)


def _add_more(url: str) -> None:
    with connect(url, autocommit=True) as conn:
        syn.add_changes(conn, START, FIRST_DAYS, MORE_DAYS)


@pytest.fixture(scope="module")
def history(warehouse: str) -> str:
    """The synthetic rows (tests/transform/conftest.py) plus FIRST_DAYS of history, built once."""
    with connect(warehouse, autocommit=True) as conn:
        syn.load_history(conn, START, FIRST_DAYS)
    dbt.build(warehouse)
    return warehouse


def test_incremental_build_equals_full_refresh(history: str) -> None:
    before_projects = row_versions(history, "dim_project", "project_key")
    before_mentions = row_versions(history, "fct_investment_mention", "mention_id")
    _add_more(history)

    dbt.build(history)
    incremental = candidate_tables(history)
    after_projects = row_versions(history, "dim_project", "project_key")
    after_mentions = row_versions(history, "fct_investment_mention", "mention_id")

    dbt.run_dbt(["build", "--full-refresh"], history)
    full = candidate_tables(history)

    assert set(MARTS) <= set(full)
    assert set(incremental) == set(full)
    for name in full:
        assert full[name], f"{name} is empty"
        assert incremental[name] == full[name], f"{name}: incremental build differs from a full refresh"

    # Incremental for real: most rows were left alone, the touched ones rewritten.
    kept = [k for k, xmin in before_projects.items() if after_projects.get(k) == xmin]
    assert 0 < len(kept) < len(before_projects)
    kept_mentions = [k for k, xmin in before_mentions.items() if after_mentions.get(k) == xmin]
    assert len(kept_mentions) > len(before_mentions) * 0.8
    assert len(after_mentions) > len(before_mentions)


def test_changes_reach_the_marts(history: str) -> None:
    with connect(history) as conn:
        # the re-extracted article's new figure and the refetched article's old facts
        reread = conn.execute(
            "select count(*) from marts_candidate.fct_investment_mention where amount_cny = 777000000"
        ).fetchone()[0]
        refetched_url = syn.history_articles(START, 2)[4].url
        refetched = conn.execute(
            "select count(*) from marts_candidate.fct_investment_mention m"
            " join marts_candidate.dim_article a using (article_key) where a.url = %s",
            (refetched_url,),
        ).fetchone()[0]
        title = conn.execute(
            "select title, version_count from marts_candidate.dim_article where url = %s", (refetched_url,)
        ).fetchone()
        late_batch = conn.execute(
            "select county_batch_count from marts_candidate.fct_groundbreaking_batch"
            " where region_name = '石家庄市' and event_date = %s",
            (START - dt.timedelta(days=1),),
        ).fetchone()[0]
    assert reread == 1
    assert refetched == 0
    assert title == ("改版", 2)
    assert late_batch == 3  # 赵县 and the zone from the lead article, 晋州市 from the late report


def test_snapshot_tracks_every_project(history: str) -> None:
    """The snapshot's current versions agree with dim_project on what it tracks, though it
    compares only the projects new facts touched."""
    tracked = "select project_key, latest_stage, latest_amount_cny from"
    with connect(history) as conn:
        current = conn.execute(f"{tracked} snapshots.dim_project_history where dbt_valid_to is null").fetchall()
        projects = conn.execute(f"{tracked} marts_candidate.dim_project").fetchall()
        versions = conn.execute("select count(*) from snapshots.dim_project_history").fetchone()[0]
    assert sorted(current, key=repr) == sorted(projects, key=repr)
    assert versions > len(projects)  # the later reports changed some projects' stage or amount


def test_tests_on_history_can_run_on_the_new_rows_only(history: str) -> None:
    """With tests_changed_since, a mart test sees the rows recomputed since then, not the old ones."""
    with connect(history, autocommit=True) as conn:
        since = conn.execute("select now()").fetchone()[0]
        # an old row turned bad behind dbt's back (a test of everything must see it)
        old_key = conn.execute("select project_key from marts_candidate.dim_project limit 1").fetchone()[0]
        conn.execute("update marts_candidate.dim_project set latest_amount_cny = -1 where project_key = %s", (old_key,))
    select = ["--select", "dim_project,test_type:generic"]
    scoped = ["--vars", f"{{tests_changed_since: '{since.isoformat()}'}}"]
    try:
        dbt.run_dbt(["test", *select, *scoped], history)  # nothing changed since: the old row is not re-tested
        with pytest.raises(dbt.DbtError, match="positive_or_null_dim_project_latest_amount_cny"):
            dbt.run_dbt(["test", *select], history)

        # a new article mentioning that project recomputes its row: now it is new, and tested
        with connect(history, autocommit=True) as conn:
            name = conn.execute(
                "select project_name from marts_candidate.dim_project where project_key = %s", (old_key,)
            ).fetchone()[0]
            syn.insert_article(
                conn,
                syn.Article(
                    "sjzrb",
                    dt.date(2024, 6, 1),
                    "http://sjz.test/again/1.html",
                    "再报",
                    [("v1", 1, [syn.Fact("赵县", "130133", "project", "total_investment", -5.0, project_name=name)])],
                ),
                90_003,
            )
        dbt.run_dbt(["run", "--select", "+dim_project"], history)
        with pytest.raises(dbt.DbtError, match="positive_or_null_dim_project_latest_amount_cny"):
            dbt.run_dbt(["test", *select, *scoped], history)
    finally:
        with connect(history, autocommit=True) as conn:
            conn.execute("delete from extract.investment_facts where amount_cny = -5")
            conn.execute(
                "delete from extract.article_extractions where article_id in"
                " (select article_id from raw.articles where url = 'http://sjz.test/again/1.html')"
            )


def test_the_dags_tests_see_the_rows_changed_since_the_last_publication(history: str) -> None:
    """The transform DAG's var: every row before the first publication, then only what changed since."""
    select = ["--select", "dim_project,test_type:generic"]
    scoped = ["--vars", str(BUILD_VARS)]
    bad_amount = "positive_or_null_dim_project_latest_amount_cny"
    with connect(history, autocommit=True) as conn:
        key, amount = conn.execute(
            "select project_key, latest_amount_cny from marts_candidate.dim_project"
            " where latest_amount_cny > 0 order by project_key limit 1"
        ).fetchone()
        conn.execute("drop table if exists marts.publication_log")

    def set_amount(value: object) -> None:
        with connect(history, autocommit=True) as conn:
            conn.execute(
                "update marts_candidate.dim_project set latest_amount_cny = %s where project_key = %s", (value, key)
            )

    try:
        set_amount(-1)
        with pytest.raises(dbt.DbtError, match=bad_amount):  # never published: every row is tested
            dbt.run_dbt(["test", *select, *scoped], history)
        set_amount(amount)
        with connect(history, autocommit=True) as conn:
            publish.publish(conn, run_id="scope_test")
        set_amount(-1)  # an old row turned bad after the publication, behind dbt's back
        dbt.run_dbt(["test", *select, *scoped], history)  # rows older than the publication are not re-tested
        with pytest.raises(dbt.DbtError, match=bad_amount):
            dbt.run_dbt(["test", *select], history)  # without the var, as `dbt test` by hand: every row
    finally:
        set_amount(amount)


def test_unique_columns_get_an_index_on_marts_built_before_it(history: str) -> None:
    """A unique test that sees only new rows is sound only with a unique index behind it, old marts too."""
    unique_on_url = """
        select ix.indexrelid::regclass::text
        from pg_index as ix
        join pg_attribute as att on att.attrelid = ix.indrelid and att.attnum = ix.indkey[0]
        where ix.indrelid = 'marts_candidate.dim_article'::regclass and ix.indisunique and att.attname = 'url'
    """
    with connect(history, autocommit=True) as conn:
        indexes = [r[0] for r in conn.execute(unique_on_url).fetchall()]
        assert indexes, "dim_article.url has no unique index"
        for name in indexes:  # as a mart built before unique_columns declared it
            conn.execute(f"drop index {name}")
    dbt.run_dbt(["run", "--select", "dim_article"], history)  # incremental: the table is kept
    with connect(history, autocommit=True) as conn:
        assert len(conn.execute(unique_on_url).fetchall()) == 1
        first, second = conn.execute(
            "select article_key from marts_candidate.dim_article order by article_key limit 2"
        ).fetchall()
        with pytest.raises(psycopg.errors.UniqueViolation, match="url"):
            conn.execute(
                "update marts_candidate.dim_article set url = (select url from marts_candidate.dim_article"
                " where article_key = %s) where article_key = %s",
                (first[0], second[0]),
            )


def test_the_mentions_check_sees_the_facts_changed_since(history: str) -> None:
    """assert_mentions_match_current_facts with tests_changed_since: the facts rewritten since, not the old ones.

    Last in the module: it leaves a new fact without its mention.
    """
    check = ["--select", "assert_mentions_match_current_facts"]
    with connect(history, autocommit=True) as conn:
        since = conn.execute("select now()").fetchone()[0]
        # a mention of no current fact, written behind dbt's back before `since` (superseded, never deleted)
        conn.execute("create temp table stray as select * from marts_candidate.fct_investment_mention limit 1")
        conn.execute("update stray set mention_id = -1")
        conn.execute("insert into marts_candidate.fct_investment_mention select * from stray")
    scoped = ["--vars", f"{{tests_changed_since: '{since.isoformat()}'}}"]
    try:
        dbt.run_dbt(["test", *check, *scoped], history)  # the old bad row is not re-read
        with pytest.raises(dbt.DbtError, match="assert_mentions_match_current_facts"):
            dbt.run_dbt(["test", *check], history)

        # a fact added since, whose mention then goes missing: the scoped check sees it
        with connect(history, autocommit=True) as conn:
            syn.insert_article(
                conn,
                syn.Article(
                    "sjzrb",
                    dt.date(2024, 6, 2),
                    "http://sjz.test/again/2.html",
                    "新报",
                    [
                        (
                            "v1",
                            1,
                            [syn.Fact("赵县", "130133", "project", "total_investment", 3e8, project_name="新项目")],
                        )
                    ],
                ),
                90_004,
            )
        dbt.run_dbt(["run", "--select", "+fct_investment_mention"], history)
        dbt.run_dbt(["test", *check, *scoped], history)
        with connect(history, autocommit=True) as conn:
            deleted = conn.execute(
                "delete from marts_candidate.fct_investment_mention where mention_id = (select max(fact_id)"
                " from extract.investment_facts)"
            ).rowcount
        assert deleted == 1
        with pytest.raises(dbt.DbtError, match="assert_mentions_match_current_facts"):
            dbt.run_dbt(["test", *check, *scoped], history)
    finally:
        with connect(history, autocommit=True) as conn:
            conn.execute("delete from marts_candidate.fct_investment_mention where mention_id = -1")
