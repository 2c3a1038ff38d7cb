"""Discourse state: what a sentence inherits from the sentences and headings around it.

Every sentence here is invented for the test (issue 10's failure classes); none is
copied from a newspaper.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extract_helpers import check_case, filing_cases, one, run

HB = "hbrb"


def test_follow_up_sentence_without_xiangmu_is_the_batch_completed_investment() -> None:
    facts = run(
        "本报讯 10月9日，保定市举行秋季重点项目集中开工活动，集中开工项目30个，总投资150亿元。"
        "截至9月底，已累计完成投资52.3亿元，占年度计划的81.2%。",
        HB,
    )
    done = one(facts, measure="completed_investment")
    assert (done.region, done.project_count, done.stage) == ("保定市", 30, "groundbreaking")
    assert done.completion_rate == 81.2
    assert (done.period_start, done.period_end) == ("2024-01-01", "2024-09-30")


def test_bare_figure_with_no_batch_in_context_stays_out() -> None:
    # No batch before, none after: a completed figure about nothing named is not reported.
    assert run("本报讯 保定市召开座谈会。截至9月底，已完成投资52.3亿元。会议要求加快进度。", HB) == []


def test_batch_noun_gongcheng_with_count_after() -> None:
    f = one(run("本报讯 邯郸市重点推进“双基”工程41项，总投资96亿元。", HB), measure="total_investment")
    assert (f.region, f.subject, f.project_count) == ("邯郸市", "portfolio", 41)


def test_count_after_the_batch_noun() -> None:
    f = one(run("本报讯 今年，沧州市谋划总投资320亿元的重点项目439项。", HB), measure="total_investment")
    assert (f.subject, f.project_count, f.region) == ("portfolio", 439, "沧州市")


def test_size_class_after_over_is_not_a_total() -> None:
    facts = run("本报讯 深泽县此次签约项目9个，总投资32亿元，其中投资超10亿元的项目2个。")
    assert [f.amount_cny for f in facts] == [3_200_000_000]


def test_figures_before_the_batch_they_belong_to() -> None:
    facts = run("总投资120亿元、年度计划投资45亿元……日前，廊坊市发布今年重点项目80个。", HB)
    total = one(facts, measure="total_investment")
    plan = one(facts, measure="planned_investment")
    assert (total.region, total.project_count) == ("廊坊市", 80)
    assert (plan.region, plan.project_count, plan.period_end) == ("廊坊市", 80, "2024-12-31")


def test_figures_before_a_batch_named_in_the_next_sentence() -> None:
    facts = run("本报讯（记者 甲乙）总投资120亿元，年度计划投资45亿元。日前，廊坊市发布今年重点项目80个。", HB)
    assert {(f.measure, f.region, f.project_count) for f in facts} == {
        ("total_investment", "廊坊市", 80),
        ("planned_investment", "廊坊市", 80),
    }


def test_reference_word_to_a_park_named_before() -> None:
    f = one(run("本报讯 衡水市甲乙产业园今年开工建设。该产业园总投资14.5亿元，主要建设标准化厂房。", HB))
    assert (f.subject, f.project_name, f.region) == ("project", "衡水市甲乙产业园", "衡水市")


def test_reference_word_to_a_project_at_the_ceremony_site_beats_the_batch() -> None:
    facts = run(
        "本报讯 今年沧州市安排重点项目11个。推进会在沧州市丙丁教育园项目建设现场举行。该项目计划投资18.7亿元。",
        HB,
    )
    f = one(facts, amount_cny=1_870_000_000)
    assert (f.subject, f.project_name, f.measure) == ("project", "沧州市丙丁教育园项目", "total_investment")


def test_quote_before_xiangmu_zongtouzi() -> None:
    facts = run("本报讯 甲乙食品生产基地项目投用后产能将翻番。“项目总投资9亿元，分两期建设。”", HB)
    f = one(facts)
    assert (f.subject, f.project_name) == ("project", "甲乙食品生产基地项目")


def test_project_location_from_an_earlier_sentence() -> None:
    text = "本报讯 全市项目观摩活动举行。位于鹿泉区的甲乙智能制造项目日前开工。该项目总投资5亿元。"
    f = one(run(text, "sjzrb"))
    assert (f.region, f.project_name) == ("鹿泉区", "甲乙智能制造项目")


def test_section_heading_goes_on_with_the_article_place() -> None:
    text = (
        "本报讯 4月1日，衡水市召开重点项目建设发布会。\n\n# 总体安排\n\n"
        "今年全市共安排重点项目196个，总投资733.4亿元，其中新开工项目121个，年预计投资88.2亿元。"
    )
    facts = run(text, HB, dt.date(2025, 4, 2))
    plan = one(facts, measure="planned_investment")
    assert (plan.region, plan.project_count, plan.stage) == ("衡水市", 121, "groundbreaking")


def test_signed_amount_of_bank_loans_is_not_investment() -> None:
    facts = run("本报讯 截至11月底，已签约甲项目等60个项目，签约金额88.5亿元，银行已投放贷款35亿元。", HB)
    assert facts == []


@pytest.mark.parametrize("case", filing_cases("discourse"))
def test_figure_is_filed_under_its_place(case: dict) -> None:
    check_case(case)
