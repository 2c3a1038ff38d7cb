"""A real DAG run: local HTTP archive -> raw -> extract -> dbt -> GX -> published marts.

These run `airflow dags test` exactly as `make run` does, against the sample
archive served over HTTP and an embedded PostgreSQL private to the session.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from xiangmu import localrun
from xiangmu.warehouse import connect

pytestmark = pytest.mark.e2e

EXPECTED = json.loads((localrun.SAMPLE_ROOT / "expected_facts.json").read_text("utf-8"))
MANIFEST = json.loads((localrun.SAMPLE_ROOT / "manifest.json").read_text("utf-8"))
SCHEMAS = ("raw", "extract", "staging", "intermediate", "marts_candidate", "marts", "snapshots")


def _expected_facts() -> list[dict]:
    return EXPECTED["facts"] if isinstance(EXPECTED, dict) else EXPECTED


def _busiest_date() -> str:
    """The sample date with the most hand-labelled facts across both papers."""
    counts: dict[str, int] = {}
    for fact in _expected_facts():
        counts[fact["edition_date"]] = counts.get(fact["edition_date"], 0) + 1
    return max(sorted(counts), key=counts.get)


def _no_edition_date() -> str:
    missing = [d for paper in MANIFEST["papers"].values() for d in paper.get("no_edition_dates", [])]
    assert missing, "the sample archive must have a date without an edition"
    return missing[0]


def fingerprints() -> dict[str, tuple[int, str]]:
    """Row count and an order-independent content hash of every warehouse table."""
    out = {}
    with connect() as conn:
        tables = conn.execute(
            """
            select table_schema, table_name from information_schema.tables
            where table_schema = any(%s) and table_type = 'BASE TABLE'
            order by 1, 2
            """,
            (list(SCHEMAS),),
        ).fetchall()
        for schema, name in tables:
            count, digest = conn.execute(
                f'select count(*), md5(coalesce(string_agg(h, \'\' order by h), \'\')) '
                f'from (select md5(t::text) as h from "{schema}"."{name}" t) x'
            ).fetchone()
            out[f"{schema}.{name}"] = (count, digest)
    return out


@pytest.fixture(scope="module")
def runs(isolated_state):
    day, empty_day = _busiest_date(), _no_edition_date()
    first = localrun.run_dates([day, empty_day], log_dir=isolated_state / "logs")
    before = fingerprints()
    second = localrun.run_dates([day], log_dir=isolated_state / "logs-rerun")
    after = fingerprints()
    return {"day": day, "empty_day": empty_day, "first": first, "second": second,
            "before": before, "after": after, "logs": isolated_state}


def test_dag_runs_succeed(runs):
    assert runs["first"] == {runs["day"]: 0, runs["empty_day"]: 0}, f"see logs in {runs['logs']}"
    assert runs["second"] == {runs["day"]: 0}


def test_marts_hold_the_hand_labelled_facts(runs):
    day = runs["day"]
    expected = [f for f in _expected_facts() if f["edition_date"] == day]
    assert expected
    with connect() as conn:
        rows = conn.execute(
            """
            select newspaper_code, region_name, subject, measure, amount_cny, project_count,
                   stage, project_name, period_start, period_end, completion_rate
            from marts.fct_investment_mention
            where published_date = %s
            """,
            (day,),
        ).fetchall()
    found = [dict(zip(("newspaper", "region", "subject", "measure", "amount_cny", "project_count",
                       "stage", "project_name", "period_start", "period_end", "completion_rate"), r, strict=True))
             for r in rows]
    missing = []
    for fact in expected:
        key = (fact["newspaper"], fact["region"], fact["subject"], fact["measure"], Decimal(str(fact["amount_cny"])))
        match = [f for f in found if (f["newspaper"], f["region"], f["subject"], f["measure"],
                                      Decimal(f["amount_cny"])) == key]
        if not match:
            missing.append(key)
            continue
        got = match[0]
        assert got["project_count"] == fact.get("project_count"), (key, got)
        assert got["stage"] == fact.get("stage"), (key, got)
        if fact.get("completion_rate") is not None:
            assert float(got["completion_rate"]) == pytest.approx(float(fact["completion_rate"])), (key, got)
        if fact.get("period_start"):
            assert str(got["period_start"]) == fact["period_start"], (key, got)
        if fact["subject"] == "project":
            assert got["project_name"], (key, got)
    assert not missing, f"facts of the hand-written list missing from the marts: {missing}"
    noise = {Decimal(str(a)) for a in EXPECTED.get("noise_amounts_cny", [])} if isinstance(EXPECTED, dict) else set()
    assert not [f for f in found if Decimal(f["amount_cny"] or 0) in noise], "non-investment amount published"
    assert len(found) == len(expected), "the marts hold facts the hand-written list does not"


def test_no_edition_date_is_recorded_not_failed(runs):
    with connect() as conn:
        statuses = dict(conn.execute(
            "select newspaper, status from raw.editions where edition_date = %s", (runs["empty_day"],)
        ).fetchall())
    assert set(statuses.values()) == {"no_edition"}
    assert set(statuses) == set(MANIFEST["papers"])


def test_rerun_changes_nothing(runs):
    before, after = runs["before"], runs["after"]
    assert before.keys() == after.keys()
    changed = {t: (before[t], after[t]) for t in before if before[t] != after[t]}
    assert not changed, f"tables changed by rerunning the same date: {changed}"
    assert before["raw.articles"][0] > 0 and before["marts.fct_investment_mention"][0] > 0


def _readme_queries() -> list[str]:
    readme = (localrun.config.PROJECT_ROOT / "README.md").read_text("utf-8")
    section = readme.split("## Querying the marts", 1)[1].split("\n## ", 1)[0]
    return [block.split("```", 1)[0] for block in section.split("```sql\n")[1:]]


def test_readme_queries_answer_on_the_sample(runs):
    """The queries the README gives users run on the published marts and return rows."""
    queries = _readme_queries()
    assert len(queries) == 4
    with connect() as conn:
        for sql in queries:
            rows = conn.execute(sql).fetchall()
            assert rows, f"README query returned nothing:\n{sql}"
