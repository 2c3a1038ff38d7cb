"""Project lists printed as tables: one fact per row, in the unit the header states (issue 10).

The scrapers print a table as one ``| a | b |`` line per row (``scrapers.text.table_lines``);
``xiangmu.extract.tables`` reads a header naming a name column and an investment column with
its unit, then each row.  Tables and sentences written here.
"""

from __future__ import annotations

import datetime as dt

from extract_helpers import run

from xiangmu.extract.tables import row_cells

DAY = dt.date(2023, 7, 3)
NOTICE = (
    "我市2023年第二批农田建设项目初步设计已通过评审，现予以公示。\n"
    "附：公示清单\n"
    "| 项目名称 | 建设规模(万亩) | 项目地点 | 项目总投资(万元) |\n"
    "| 2023年沧县甲乡农田建设项目 | 0.5 | 大褚村乡 | 593 |\n"
    "| 泊头市乙镇农田改造提升项目 | 1.07 | 王武镇 | 1,294 |\n"
    "| 2023年中捷产业园区二分区农田建设项目 | 0.5 | 二分区 | 594 |\n"
    "| 合计 | 2.07 | | 2481 |\n"
)


def _facts(text: str, paper: str = "hbrb", day: dt.date = DAY):
    return run(text, paper, day)


def test_each_row_is_one_projects_figure_in_the_headers_unit() -> None:
    got = {(f.region, f.subject, f.project_name, f.measure, f.amount_cny) for f in _facts(NOTICE)}
    assert got == {
        ("沧县", "project", "2023年沧县甲乡农田建设项目", "total_investment", 5_930_000),
        ("泊头市", "project", "泊头市乙镇农田改造提升项目", "total_investment", 12_940_000),
        ("沧州渤海新区", "project", "2023年中捷产业园区二分区农田建设项目", "total_investment", 5_940_000),
    }


def test_a_rows_evidence_is_the_row_itself() -> None:
    for f in _facts(NOTICE):
        assert NOTICE[f.char_start : f.char_end] == f.evidence
        assert f.evidence.startswith("| ") and f.project_name in f.evidence


def test_the_place_column_comes_before_the_place_in_the_name() -> None:
    text = (
        "| 项目名称 | 建设地点 | 总投资（亿元） |\n"
        "| 甲智能装备产业园项目 | 正定县 | 12.5 |\n"
        "| 乙新材料项目 | 藁城区 | 3 |\n"
    )
    got = {(f.region, f.amount_cny) for f in _facts(text, "sjzrb")}
    assert got == {("正定县", 1_250_000_000), ("藁城区", 300_000_000)}


def test_a_year_plan_column_is_planned_for_that_year() -> None:
    text = (
        "今年市重点项目清单如下。\n"
        "| 序号 | 项目名称 | 总投资(亿元) | 2024年计划投资(亿元) |\n"
        "| 1 | 正定县甲物流园项目 | 20 | 6.5 |\n"
    )
    facts = sorted(_facts(text, "sjzrb", dt.date(2024, 3, 1)), key=lambda f: f.measure)
    assert [(f.measure, f.amount_cny, f.period_start, f.period_end) for f in facts] == [
        ("planned_investment", 650_000_000, "2024-01-01", "2024-12-31"),
        ("total_investment", 2_000_000_000, None, None),
    ]
    assert {f.region for f in facts} == {"正定县"}


def test_a_table_without_an_investment_column_or_unit_gives_nothing() -> None:
    no_money = "| 项目名称 | 建设规模(万亩) | 项目地点 |\n| 甲乡农田建设项目 | 0.5 | 大褚村乡 |\n"
    no_unit = "| 项目名称 | 项目总投资 |\n| 正定县甲项目 | 593 |\n"
    no_name = "| 县区 | 项目总投资(万元) |\n| 正定县 | 593 |\n"
    for text in (no_money, no_unit, no_name):
        assert _facts(text, "sjzrb") == []


def test_rows_whose_figure_is_no_number_are_skipped() -> None:
    text = "| 项目名称 | 项目总投资(万元) |\n| 正定县甲项目 | 待定 |\n| 正定县乙项目 | 800 |\n"
    assert [(f.project_name, f.amount_cny) for f in _facts(text, "sjzrb")] == [("正定县乙项目", 8_000_000)]


def test_a_table_ends_where_its_rows_do() -> None:
    text = "| 项目名称 | 项目总投资(万元) |\n| 正定县甲项目 | 800 |\n下面是另一张表。\n| 正定县乙项目 | 900 |\n"
    assert [f.project_name for f in _facts(text, "sjzrb")] == ["正定县甲项目"]


def test_row_cells() -> None:
    assert row_cells("| 甲 | 1 |") == ["甲", "1"]
    assert row_cells("| 甲 |") is None  # one cell: no table
    assert row_cells("甲 | 乙") is None
