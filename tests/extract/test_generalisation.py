"""Rules added for styles beyond the labelled texts; every sentence is written for the test."""

from __future__ import annotations

import datetime as dt

from extract_helpers import PUBLISHED, one, run

from xiangmu.extract import extract_facts, extract_story


def test_respectively_assigns_each_city_its_figure() -> None:
    facts = run(
        "今年全省安排省重点项目2000个，总投资1.5万亿元。前8月，沧州、邢台分别完成投资300.5亿元、280.2亿元。",
        newspaper="hbrb",
    )
    assert one(facts, amount_cny=30_050_000_000).region == "沧州市"
    assert one(facts, amount_cny=28_020_000_000).region == "邢台市"
    assert one(facts, amount_cny=28_020_000_000).measure == "completed_investment"


def test_respectively_needs_one_place_per_figure() -> None:
    facts = run("全省安排省重点项目2000个。沧州分别完成投资300.5亿元、280.2亿元。", newspaper="hbrb")
    assert 28_020_000_000 not in [f.amount_cny for f in facts]


def test_signing_amount_keyword() -> None:
    f = one(run("5月9日，赞皇县集中签约项目11个，签约额36亿元。"))
    assert (f.region, f.project_count, f.stage, f.period_start) == ("赞皇县", 11, "signed", "2024-05-09")


def test_province_foreign_investment_needs_no_project_word() -> None:
    f = one(run("1-6月，全省实际使用外资8.1亿美元。", newspaper="hbrb"))
    assert (f.measure, f.currency, f.amount_original, f.amount_cny) == ("foreign_investment", "USD", 810_000_000, None)


def test_bare_total_without_projects_stays_out() -> None:
    assert run("全市固定资产投资完成投资额同比增长，工业总产值1200亿元。") == []


def test_follow_up_project_inherits_batch_stage_and_event_date() -> None:
    facts = run("7月2日，深泽县集中竣工项目9个，总投资20亿元。其中，投资6亿元的某某纸业项目年产值可达9亿元。")
    f = one(facts, subject="project")
    assert (f.stage, f.period_start, f.region) == ("completed", "2024-07-02", "深泽县")


def test_follow_up_sentence_inherits_period() -> None:
    facts = run("前三季度，全市重点项目完成投资500亿元。其中，产业项目完成投资300亿元。")
    f = one(facts, amount_cny=30_000_000_000)
    assert (f.period_start, f.period_end) == ("2024-01-01", "2024-09-30")


def test_stage_before_the_figure_of_a_project() -> None:
    f = one(run("在建的投资40亿元的某某城际铁路项目进展顺利。"))
    assert f.stage == "under_construction"


def test_reserve_wins_over_key_project() -> None:
    f = one(run("今年以来，全市谋划储备重点项目300个，总投资2000亿元。"))
    assert f.stage == "reserve"


def test_generic_key_projects_take_the_count_announced_before() -> None:
    facts = run("今年全省安排省重点项目1800个，总投资1.2万亿元。1至5月，省重点项目完成投资900亿元。", newspaper="hbrb")
    assert one(facts, measure="completed_investment").project_count == 1800


def test_project_named_after_its_county_lies_there() -> None:
    f = one(run("本报讯 9月1日，投资12亿元的灵寿县石材加工项目竣工投产。"))
    assert (f.region, f.stage) == ("灵寿县", "completed")


def test_anaphora_to_an_event_project_takes_its_stage() -> None:
    facts = run("本报讯 9月1日，位于赞皇县的某某光伏项目正式开工。\n\n该项目总投资9亿元。")
    f = one(facts)
    assert (f.subject, f.project_name, f.region, f.stage) == ("project", "某某光伏项目", "赞皇县", "groundbreaking")


def test_names_stop_before_an_approximate_next_figure() -> None:
    facts = run("8月3日，元氏县开工项目6个，总投资30亿元，包括总投资10亿元的甲项目、总投资超5亿元的乙项目。")
    assert one(facts, amount_cny=1_000_000_000).project_name == "甲项目"
    assert one(facts, amount_cny=500_000_000).approximate


def test_heading_items_share_the_reports_event_date() -> None:
    text = (
        "正定县\n\n6月5日，正定县集中开工项目8个，总投资20亿元。\n\n"
        "行唐县\n\n行唐县此次集中开工项目5个，总投资9亿元。"
    )
    f = one(run(text), region="行唐县")
    assert f.period_start == "2024-06-05"


def test_same_amount_in_two_places_is_two_facts() -> None:
    text = "赵县\n\n赵县此次开工项目5个，总投资10亿元。\n\n辛集市\n\n辛集市此次开工项目7个，总投资10亿元。"
    assert {f.region for f in run(text)} == {"赵县", "辛集市"}


def test_continuation_markers_are_not_evidence() -> None:
    text = "（上接第一版）其中，投资5亿元的某某项目开工。总投资9亿元的另一项目同日签约。（下转第四版）"
    facts = run(text)
    assert facts and all("上接" not in f.evidence and "下转" not in f.evidence for f in facts)


def test_story_parts_inherit_place_date_and_count_once() -> None:
    head = "本报讯 3月3日，赵县集中开工项目10个，总投资30亿元。（下转第二版）"
    tail = "（上接第一版）其中，投资8亿元的某某食品项目建成后年产值15亿元。开工项目10个，总投资30亿元。"
    parts = extract_story([head, tail], PUBLISHED, "sjzrb")
    assert [len(p) for p in parts] == [1, 1]
    f = parts[1][0]
    assert (f.region, f.stage, f.period_start) == ("赵县", "groundbreaking", "2024-03-03")
    assert tail[f.char_start : f.char_end] == f.evidence


def test_story_of_one_part_equals_extract_facts() -> None:
    text = "本报讯 3月3日，赵县集中开工项目10个，总投资30亿元。"
    day = dt.date(2024, 3, 4)
    assert extract_story([text], day, "sjzrb")[0] == extract_facts(text, day, "sjzrb")


def test_contract_foreign_capital_but_not_its_threshold() -> None:
    text = "今年以来，全省新批外商投资项目120个，合同外资15亿美元，其中合同外资1000万美元以上的项目30个。"
    facts = run(text, newspaper="hbrb")
    f = one(facts)
    assert (f.measure, f.amount_original, f.project_count) == ("foreign_investment", 1_500_000_000, 120)


def test_dateline_is_not_part_of_a_project_name() -> None:
    f = one(run("本报讯（记者 王某）某某光伏电站项目总投资约3.5亿元，于5月20日并网发电。"))
    assert (f.project_name, f.approximate) == ("某某光伏电站项目", True)


def test_places_in_a_roundup_share_measure_stage_and_period() -> None:
    text = (
        "今年前5个月，全省省重点项目完成投资1500亿元，占年度计划投资的48.2%。"
        "从各市看，廊坊市完成投资210.5亿元，沧州市完成投资190.2亿元。"
    )
    facts = run(text, newspaper="hbrb")
    total = one(facts, region="河北省")
    assert (total.completion_rate, total.period_end) == (48.2, "2024-05-31")
    f = one(facts, region="沧州市")
    assert (f.measure, f.stage, f.period_start, f.period_end) == (
        "completed_investment", "key_project", "2024-01-01", "2024-05-31",
    )


def test_a_place_alone_needs_a_roundup_before_it() -> None:
    assert run("廊坊市完成投资210.5亿元。", newspaper="hbrb") == []
