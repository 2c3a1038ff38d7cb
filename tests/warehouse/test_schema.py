"""The warehouse schema as applied: its vocabularies come from the registry, not from a copy in schema.sql."""

from __future__ import annotations

from importlib import resources

import psycopg
import pytest

from xiangmu import vocabulary
from xiangmu.warehouse import connect, ensure_schema

SUBJECTS = vocabulary.codes(vocabulary.SUBJECTS)


@pytest.fixture(scope="module")
def article_id(private_warehouse: str) -> int:
    with connect(private_warehouse, autocommit=True) as conn:
        ensure_schema(conn)  # a second time: idempotent
        return conn.execute(
            "insert into raw.articles (newspaper, edition_date, url, body_text, http_status, content_hash,"
            " raw_html, fetched_at) values ('sjzrb', '2023-08-07', 'http://example.test/a', '正文', 200, 'h',"
            " '<html></html>', now()) returning article_id"
        ).fetchone()[0]


def _insert_fact(url: str, article_id: int, index: int, subject: str) -> None:
    with connect(url, autocommit=True) as conn:
        conn.execute(
            "insert into extract.investment_facts (article_id, extractor_version, fact_index, subject, measure,"
            " evidence, char_start, char_end) values (%s, 'test', %s, %s, 'total_investment', '正文', 0, 2)",
            (article_id, index, subject),
        )


def test_the_facts_table_takes_every_subject_of_the_registry(private_warehouse: str, article_id: int) -> None:
    for index, subject in enumerate(SUBJECTS):
        _insert_fact(private_warehouse, article_id, index, subject)


def test_the_facts_table_refuses_a_subject_outside_the_registry(private_warehouse: str, article_id: int) -> None:
    with pytest.raises(psycopg.errors.CheckViolation):
        _insert_fact(private_warehouse, article_id, 99, "programme")


def test_schema_sql_holds_no_copy_of_the_subjects() -> None:
    template = resources.files("xiangmu.warehouse").joinpath("schema.sql").read_text("utf-8")
    assert not [code for code in SUBJECTS if f"'{code}'" in template]


def test_an_older_warehouse_gets_every_edition_status_of_the_registry(private_warehouse: str) -> None:
    last = vocabulary.codes(vocabulary.EDITION_STATUSES)[-1]
    older = ", ".join(f"'{code}'" for code in vocabulary.codes(vocabulary.EDITION_STATUSES)[:-1])
    insert = (
        "insert into raw.editions (newspaper, edition_date, entry_url, status)"
        " values ('sjzrb', '2023-08-07', 'http://example.test/', %s)"
    )
    with connect(private_warehouse, autocommit=True) as conn:
        conn.execute("delete from ops.schema_applied")  # applied from an older schema.sql
        conn.execute("alter table raw.editions drop constraint editions_status_check")
        conn.execute(f"alter table raw.editions add constraint editions_status_check check (status in ({older}))")
        with pytest.raises(psycopg.errors.CheckViolation):
            conn.execute(insert, (last,))
        ensure_schema(conn)
        conn.execute(insert, (last,))
        with pytest.raises(psycopg.errors.CheckViolation):
            conn.execute(insert, ("lost",))


def test_applying_the_schema_again_leaves_the_status_check_alone(private_warehouse: str) -> None:
    """The widening above runs only when a status is missing, not on every load (it locks raw.editions)."""
    query = "select oid from pg_constraint where conname = 'editions_status_check'"
    with connect(private_warehouse, autocommit=True) as conn:
        ensure_schema(conn)
        before = conn.execute(query).fetchall()
        ensure_schema(conn)
        assert conn.execute(query).fetchall() == before and len(before) == 1


def test_a_warehouse_at_this_schema_takes_no_table_lock_when_it_is_applied_again(private_warehouse: str) -> None:
    """Every task applies the schema at its start: beside another task's load it must not lock (CI deadlocked)."""
    with connect(private_warehouse, autocommit=True) as conn:
        ensure_schema(conn)
        with connect(private_warehouse) as loader:  # a load in progress: its transaction holds raw.articles
            loader.execute("lock table raw.articles in row exclusive mode")
            conn.execute("set lock_timeout = '2s'")
            ensure_schema(conn)  # would wait for the loader (ALTER TABLE raw.articles ...) and time out
            conn.execute("delete from ops.schema_applied")  # an older warehouse: the DDL runs, and waits
            with pytest.raises(psycopg.errors.LockNotAvailable):
                ensure_schema(conn)
            loader.rollback()
        conn.execute("reset lock_timeout")
        ensure_schema(conn)
        assert conn.execute("select count(*) from ops.schema_applied").fetchone()[0] == 1


def test_every_shared_column_group_is_written_into_the_schema(private_warehouse: str) -> None:
    """A group schema.sql stopped naming would be dropped silently (psycopg ignores unused arguments)."""
    from xiangmu.warehouse.connect import COLUMN_GROUPS

    template = resources.files("xiangmu.warehouse").joinpath("schema.sql").read_text("utf-8")
    for name in COLUMN_GROUPS:
        assert "{" + name + "}" in template, f"column group {name} is not used in schema.sql"
    # and the applied tables really carry them: every raw table its edition, every extract table its article
    with connect(private_warehouse, autocommit=True) as conn:
        columns = conn.execute(
            "select table_schema || '.' || table_name, array_agg(column_name::text) from information_schema.columns"
            " where table_schema in ('raw', 'extract') group by 1"
        ).fetchall()
    for table, names in columns:
        group = "edition" if table.startswith("raw.") else "extracted_from"
        expected = {c.split()[0] for c in COLUMN_GROUPS[group]}
        assert expected <= set(names), (table, expected - set(names))


def test_pages_and_articles_are_indexed_by_edition(private_warehouse: str) -> None:
    """The raw checkpoint counts each complete edition's pages and articles: without these, a year's check
    scanned both tables once per edition (12 s per evaluation at 47,000 articles, 148 s per check)."""
    with connect(private_warehouse, autocommit=True) as conn:
        indexed = {
            (table, tuple(columns))
            for table, columns in conn.execute(
                "select t.relname, array_agg(a.attname::text order by k.ord) from pg_index i"
                " join pg_class t on t.oid = i.indrelid join pg_namespace n on n.oid = t.relnamespace"
                " cross join lateral unnest(i.indkey) with ordinality k(attnum, ord)"
                " join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum"
                " where n.nspname = 'raw' group by i.indexrelid, t.relname"
            ).fetchall()
        }
    for table in ("pages", "articles"):
        assert any(t == table and cols[:2] == ("newspaper", "edition_date") for t, cols in indexed), (table, indexed)
