"""The dbt project built over synthetic articles: mart values, idempotence, grants, analyses.

Tests run in file order; test_later_reports_update_incrementally adds data
and therefore comes last.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import dbt_synthetic
import psycopg
import pytest
from mart_contents import MARTS, Built, all_marts, table_contents

from xiangmu import config
from xiangmu.transform import dbt
from xiangmu.warehouse.connect import connect

D = dt.date
FOOD = "食品级包装材料"  # normalised name of the project both papers report


def rows_as_dicts(url: str, sql: str, params: tuple = ()) -> list[dict]:
    with connect(url) as conn:
        cur = conn.execute(sql, params)
        names = [c.name for c in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def rows_by(url: str, key: str, sql: str) -> dict[object, dict]:
    """The query's rows keyed by one column (which must be unique in the result)."""
    rows = rows_as_dicts(url, sql)
    keyed = {r[key]: r for r in rows}
    assert len(keyed) == len(rows), f"{key} is not unique in the result"
    return keyed


def assert_same_and_filled(first: dict[str, list[tuple]], second: dict[str, list[tuple]]) -> None:
    """Every mart and the snapshot are non-empty and equal after both builds.

    The expected tables are named here, not taken from the builds: an empty build (no tables
    read) must fail, not pass by checking nothing.
    """
    expected = {*MARTS, "snapshots.dim_project_history"}
    assert set(first) == expected, f"first build read {sorted(first)}"
    assert set(second) == expected, f"second build read {sorted(second)}"
    for name in sorted(expected):
        assert first[name], f"{name} is empty"
        assert second[name] == first[name], f"{name} changed on the second build"


def test_the_idempotence_check_fails_on_an_empty_build() -> None:
    filled = {name: [("row",)] for name in (*MARTS, "snapshots.dim_project_history")}
    assert_same_and_filled(filled, dict(filled))
    for first, second in (({}, {}), ({**filled, "dim_region": []}, filled), (filled, {})):
        with pytest.raises(AssertionError):
            assert_same_and_filled(first, second)


def test_second_build_changes_nothing(built: Built) -> None:
    assert_same_and_filled(built.first, built.second)
    print(f"dbt build: first {built.first_seconds:.1f}s, second {built.second_seconds:.1f}s")


def test_mentions_hold_only_current_facts(built: Built) -> None:
    rows = rows_as_dicts(
        built.url,
        "select newspaper_code, region_name, subject, project_name, measure, amount_cny, amount_yi,"
        " stage, extractor_version, region_key is not null as has_region"
        " from marts_candidate.fct_investment_mention",
    )
    assert len(rows) == 12
    amounts = sorted(r["amount_cny"] for r in rows)
    # 111M (old article version), 222M (superseded extractor) and 5e9 (emptied by a later extraction) are gone
    assert Decimal("111000000") not in amounts
    assert Decimal("222000000") not in amounts
    assert Decimal("5000000000") not in amounts
    assert all(r["has_region"] for r in rows)
    refetched = [r for r in rows if r["region_name"] == "正定县"]
    assert refetched == [
        {
            "newspaper_code": "sjzrb",
            "region_name": "正定县",
            "subject": "project",
            "project_name": "新版本项目",
            "measure": "total_investment",
            "amount_cny": Decimal("333000000.00"),
            "amount_yi": Decimal("3.3300"),
            "stage": "signed",
            "extractor_version": "v2",
            "has_region": True,
        }
    ]
    city = [r for r in rows if r["region_name"] == "石家庄市" and r["measure"] == "total_investment"]
    assert sorted(r["newspaper_code"] for r in city) == ["hbrb", "sjzrb"]
    assert {r["amount_yi"] for r in city} == {Decimal("977.5000")}
    # the zone, given without a code, resolves by name
    zone = [r for r in rows if r["region_name"] == "石家庄经济技术开发区"]
    assert len(zone) == 1 and zone[0]["has_region"]


def test_dim_project_merges_both_papers(built: Built) -> None:
    by_name = rows_by(
        built.url,
        "project_name",
        "select project_name, reported_name, region_name, first_seen_date, last_seen_date, latest_stage,"
        " latest_amount_cny, mention_count, article_count, newspaper_count from marts_candidate.dim_project",
    )
    assert set(by_name) == {FOOD, "赵县碧水污水处理厂", "新版本"}
    assert by_name[FOOD] == {
        "project_name": FOOD,
        "reported_name": "食品级包装材料项目",
        "region_name": "晋州市",
        "first_seen_date": D(2023, 8, 7),
        "last_seen_date": D(2023, 12, 20),
        "latest_stage": "under_construction",
        "latest_amount_cny": Decimal("210000000.00"),
        "mention_count": 3,
        "article_count": 3,
        "newspaper_count": 2,
    }
    assert by_name["新版本"]["latest_amount_cny"] == Decimal("333000000.00")
    assert by_name["新版本"]["latest_stage"] == "signed"
    assert by_name["赵县碧水污水处理厂"]["region_name"] == "赵县"


def test_figures_are_deduplicated_across_papers(built: Built) -> None:
    rows = rows_as_dicts(
        built.url,
        "select region_name, subject, project_name, measure, amount_yi, period_start, source_count,"
        " newspaper_count, first_reported_date, last_reported_date from marts_candidate.fct_investment_figure",
    )
    assert len(rows) == 10
    city_total = [r for r in rows if r["region_name"] == "石家庄市" and r["measure"] == "total_investment"]
    assert city_total == [
        {
            "region_name": "石家庄市",
            "subject": "portfolio",
            "project_name": None,
            "measure": "total_investment",
            "amount_yi": Decimal("977.5000"),
            "period_start": D(2023, 8, 6),
            "source_count": 2,
            "newspaper_count": 2,
            "first_reported_date": D(2023, 8, 7),
            "last_reported_date": D(2023, 8, 7),
        }
    ]
    food = sorted((r["amount_yi"], r["source_count"], r["newspaper_count"]) for r in rows if r["project_name"] == FOOD)
    # 2亿 reported by both papers is one figure; the revised 2.1亿 is another
    assert food == [(Decimal("2.0000"), 2, 2), (Decimal("2.1000"), 1, 1)]


def test_groundbreaking_batch_rolls_up_counties(built: Built) -> None:
    by_region = rows_by(
        built.url,
        "region_name",
        "select region_name, region_type, city_name, event_date, project_count, total_investment_cny,"
        " planned_investment_cny, article_count, newspaper_count, county_batch_count, county_project_count,"
        " county_total_investment_cny from marts_candidate.fct_groundbreaking_batch",
    )
    assert set(by_region) == {"石家庄市", "石家庄经济技术开发区", "赵县", "晋州市"}
    assert by_region["石家庄市"] == {
        "region_name": "石家庄市",
        "region_type": "city",
        "city_name": "石家庄市",
        "event_date": D(2023, 8, 6),
        "project_count": 350,
        "total_investment_cny": Decimal("97750000000.00"),
        "planned_investment_cny": Decimal("22970000000.00"),
        "article_count": 2,
        "newspaper_count": 2,
        "county_batch_count": 3,
        "county_project_count": 36 + 18 + 22,
        "county_total_investment_cny": Decimal("8461000000.00"),
    }
    assert by_region["晋州市"]["region_type"] == "county_city"
    assert by_region["石家庄经济技术开发区"]["region_type"] == "zone"
    for name in ("石家庄经济技术开发区", "赵县", "晋州市"):
        assert by_region[name]["county_batch_count"] is None
        assert by_region[name]["city_name"] == "石家庄市"


def test_project_milestones(built: Built) -> None:
    rows = rows_as_dicts(
        built.url,
        "select p.project_name, m.stage, m.milestone_date, m.source_count, m.newspaper_count"
        " from marts_candidate.fct_project_milestone as m"
        " join marts_candidate.dim_project as p using (project_key)",
    )
    assert sorted(tuple(r.values()) for r in rows) == sorted(
        [
            (FOOD, "groundbreaking", D(2023, 8, 7), 2, 2),
            (FOOD, "under_construction", D(2023, 12, 20), 1, 1),
            ("赵县碧水污水处理厂", "groundbreaking", D(2023, 8, 7), 1, 1),
            ("新版本", "signed", D(2023, 9, 1), 1, 1),
        ]
    )


def test_dimensions(built: Built) -> None:
    regions = {
        r["region_name"]: r
        for r in rows_as_dicts(built.url, "select * from marts_candidate.dim_region where city_name = '石家庄市'")
    }
    assert regions["晋州市"]["region_code"] == "130183"
    assert regions["晋州市"]["province_name"] == "河北省"
    assert regions["石家庄经济技术开发区"]["region_code"] is None
    assert regions["石家庄经济技术开发区"]["region_type"] == "zone"
    assert "经开区" in regions["石家庄经济技术开发区"]["short_names"].split("|")
    assert regions["石家庄市"]["parent_region_name"] == "河北省"

    day = rows_as_dicts(built.url, "select * from marts_candidate.dim_date where date_day = '2023-08-06'")[0]
    assert (day["year"], day["half_year"], day["quarter"], day["month"]) == (2023, 2, 3, 8)
    assert (day["year_quarter"], day["year_month"], day["year_half"]) == ("2023-Q3", "2023-08", "2023-H2")
    assert day["day_of_week"] == 7 and day["is_weekend"] is True
    assert len(built.first["dim_date"]) == (D(2035, 12, 31) - D(2015, 1, 1)).days + 1

    papers = rows_as_dicts(built.url, "select newspaper_code, name_zh from marts_candidate.dim_newspaper")
    # dim_newspaper has every registered paper (the seed agrees with the scrapers' registry), home regions included
    from scrapers.registry import all_sources

    registered = sorted((s.code, s.name) for s in all_sources())
    assert sorted((p["newspaper_code"], p["name_zh"]) for p in papers) == registered
    assert ("hbrb", "河北日报") in {(p["newspaper_code"], p["name_zh"]) for p in papers}
    homes = rows_as_dicts(built.url, "select newspaper_code, home_region from marts_candidate.dim_newspaper")
    assert {h["newspaper_code"]: h["home_region"] for h in homes} == {s.code: s.home_city for s in all_sources()}

    articles = rows_as_dicts(built.url, "select url, title, version_count from marts_candidate.dim_article")
    assert len(articles) == 5
    refetched = [a for a in articles if a["url"] == dbt_synthetic.REFETCHED_URL]
    assert refetched == [{"url": dbt_synthetic.REFETCHED_URL, "title": "新标题", "version_count": 2}]


def test_snapshot_has_one_current_version_per_project(built: Built) -> None:
    rows = rows_as_dicts(built.url, "select project_key, dbt_valid_to from snapshots.dim_project_history")
    assert len(rows) == 3
    assert all(r["dbt_valid_to"] is None for r in rows)


def _publish(url: str) -> None:
    """What the publish step does (not part of this project): copy the candidate marts."""
    with connect(url, autocommit=True) as conn:
        conn.execute("drop schema if exists marts cascade")
        conn.execute("create schema marts")
        for name in MARTS:
            conn.execute(f"create table marts.{name} as select * from marts_candidate.{name}")


def test_bi_reader_reads_marts_only(built: Built) -> None:
    dbt.grant_bi_reader(built.url)  # before publish: the default privileges must cover new tables
    _publish(built.url)
    dbt.grant_bi_reader(built.url)  # and again after, as the publish step does
    with connect(built.url, autocommit=True) as conn:
        conn.execute("create table marts.published_later as select 1 as x")
        conn.execute("set role bi_reader")
        for name in MARTS:
            conn.execute(f"select count(*) from marts.{name}").fetchone()
        assert conn.execute("select x from marts.published_later").fetchone() == (1,)
        denied = [
            "select * from raw.articles limit 1",
            "select * from extract.investment_facts limit 1",
            "select * from staging.stg_raw__articles limit 1",
            "select * from intermediate.int_project_names_normalized limit 1",
            "select * from marts_candidate.fct_investment_mention limit 1",
            "select * from snapshots.dim_project_history limit 1",
            "insert into marts.dim_newspaper values ('x', 'x', 'x', 'x')",
            "update marts.dim_project set latest_stage = null",
            "delete from marts.fct_investment_mention",
            "create table marts.intruder (i integer)",
            "drop table marts.dim_date",
        ]
        for sql in denied:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql)
        conn.execute("reset role")
        conn.execute("drop table marts.published_later")


def _compiled_analyses(url: str) -> dict[str, str]:
    dbt.run_dbt(["compile", "--select", "path:analyses"], url)
    folder = config.dbt_target_dir() / "compiled" / "xiangmu" / "analyses"
    return {p.stem: p.read_text("utf-8") for p in folder.glob("*.sql")}


def test_analyses_return_expected_rows(built: Built) -> None:
    sql = _compiled_analyses(built.url)
    assert set(sql) == {
        "investment_by_region_and_quarter",
        "largest_projects",
        "groundbreaking_batches_over_time",
        "project_history",
    }
    by_quarter = rows_as_dicts(built.url, sql["investment_by_region_and_quarter"])
    assert [(r["year_quarter"], r["region_name"], r["figure_count"], r["total_investment_yi"]) for r in by_quarter] == [
        ("2023-Q3", "石家庄市", 1, Decimal("977.5000")),
        ("2023-Q3", "石家庄经济技术开发区", 1, Decimal("50.0300")),
        ("2023-Q3", "晋州市", 2, Decimal("22.5100")),
        ("2023-Q3", "赵县", 2, Decimal("17.0300")),
        ("2023-Q3", "正定县", 1, Decimal("3.3300")),
        ("2023-Q4", "鹿泉区", 1, Decimal("689.4000")),
        ("2023-Q4", "晋州市", 1, Decimal("2.1000")),
    ]

    largest = rows_as_dicts(built.url, sql["largest_projects"])
    assert [(r["project_name"], r["latest_stage"], r["latest_amount_yi"]) for r in largest] == [
        ("新版本", "signed", Decimal("3.3300")),
        ("赵县碧水污水处理厂", "groundbreaking", Decimal("2.9600")),
        (FOOD, "under_construction", Decimal("2.1000")),
    ]

    batches = rows_as_dicts(built.url, sql["groundbreaking_batches_over_time"])
    assert [(r["event_date"], r["region_name"], r["total_investment_yi"]) for r in batches] == [
        (D(2023, 8, 6), "石家庄市", Decimal("977.5000")),
        (D(2023, 8, 6), "石家庄经济技术开发区", Decimal("50.0300")),
        (D(2023, 8, 6), "晋州市", Decimal("20.5100")),
        (D(2023, 8, 6), "赵县", Decimal("14.0700")),
    ]
    assert batches[0]["county_batch_count"] == 3
    assert batches[0]["county_total_investment_yi"] == Decimal("84.6100")

    history = rows_as_dicts(built.url, sql["project_history"])
    assert [(r["event_date"], r["event_kind"], r["stage"]) for r in history] == [
        (D(2023, 8, 7), "milestone", "groundbreaking"),
        (D(2023, 8, 7), "report", "groundbreaking"),
        (D(2023, 8, 7), "report", "groundbreaking"),
        (D(2023, 12, 20), "milestone", "under_construction"),
        (D(2023, 12, 20), "report", "under_construction"),
    ]
    assert sorted(r["newspaper_name"] for r in history if r["event_kind"] == "report") == sorted(
        ["石家庄日报", "河北日报", "石家庄日报"]
    )


def test_failed_dbt_command_raises_with_output(built: Built) -> None:
    with pytest.raises(dbt.DbtError) as raised:
        dbt.run_dbt(["run-operation", "no_such_macro_xyz"], built.url)
    assert "no_such_macro_xyz" in str(raised.value)
    assert raised.value.returncode != 0


def test_docs_generate_writes_index(built: Built) -> None:
    index = dbt.docs_generate(built.url)
    assert index == config.dbt_target_dir() / "index.html"
    assert index.is_relative_to(config.state_dir()) and index.stat().st_size > 0
    # the docs name the relations BI reads (marts.x), never the internal candidate schema
    manifest = json.loads((index.parent / "manifest.json").read_text("utf-8"))
    catalog = json.loads((index.parent / "catalog.json").read_text("utf-8"))
    mention = manifest["nodes"]["model.xiangmu.fct_investment_mention"]
    assert mention["schema"] == "marts" and '"marts"."fct_investment_mention"' in mention["relation_name"]
    assert catalog["nodes"]["model.xiangmu.fct_investment_mention"]["metadata"]["schema"] == "marts"
    schemas = {n.get("schema") for n in manifest["nodes"].values()} | {
        n["metadata"]["schema"] for n in catalog["nodes"].values()
    }
    assert "marts_candidate" not in schemas and "marts" in schemas


# --- runs last: adds reports and rebuilds -------------------------------------------


def test_later_reports_update_incrementally(built: Built) -> None:
    with connect(built.url, autocommit=True) as conn:
        dbt_synthetic.load_later(conn)
    dbt.build(built.url)
    after = all_marts(built.url)

    mentions = rows_as_dicts(
        built.url, "select amount_cny, stage, newspaper_code from marts_candidate.fct_investment_mention"
    )
    amounts = [m["amount_cny"] for m in mentions]
    assert len(mentions) == 12 - 1 + 2
    assert Decimal("333000000.00") not in amounts  # superseded by the third article version
    assert Decimal("444000000.00") in amounts

    food = rows_as_dicts(
        built.url,
        "select latest_stage, last_seen_date, mention_count, newspaper_count from marts_candidate.dim_project"
        " where project_name = %s",
        (FOOD,),
    )
    assert food == [
        {"latest_stage": "completed", "last_seen_date": D(2024, 3, 1), "mention_count": 4, "newspaper_count": 2}
    ]

    history = rows_as_dicts(
        built.url,
        "select h.latest_stage, h.latest_amount_cny, h.dbt_valid_to is null as is_current"
        " from snapshots.dim_project_history as h where h.project_name = %s order by h.dbt_valid_from",
        (FOOD,),
    )
    assert history == [
        {"latest_stage": "under_construction", "latest_amount_cny": Decimal("210000000.00"), "is_current": False},
        {"latest_stage": "completed", "latest_amount_cny": Decimal("210000000.00"), "is_current": True},
    ]
    assert len(after["snapshots.dim_project_history"]) == 5  # 食品级 and 新版本 changed, 碧水 did not

    figure = rows_as_dicts(
        built.url,
        "select source_count, newspaper_count from marts_candidate.fct_investment_figure"
        " where project_name = %s and amount_cny = 210000000",
        (FOOD,),
    )
    assert figure == [{"source_count": 2, "newspaper_count": 2}]

    # the incremental result equals a rebuild from scratch
    incremental = table_contents(built.url, "marts_candidate", "fct_investment_mention")
    dbt.run_dbt(["run", "--full-refresh", "--select", "fct_investment_mention"], built.url)
    assert table_contents(built.url, "marts_candidate", "fct_investment_mention") == incremental
