"""Named projects, measure wordings, periods and stages (sentences invented for the test)."""

from __future__ import annotations

import datetime as dt

import pytest
from extract_helpers import check_case, filing_cases, one, run

from xiangmu.extract.normalize import project_key

HB = "hbrb"


@pytest.mark.parametrize("wording", ["年度投资目标为", "当年计划投资", "计划完成投资", "年度投资任务", "今年计划投资"])
def test_measure_wordings_of_the_year_plan(wording: str) -> None:
    f = one(run(f"本报讯 承德市今年重点项目{wording}230亿元。", HB))
    assert f.measure == "planned_investment"
    assert (f.period_start, f.period_end) == ("2024-01-01", "2024-12-31")


def test_plan_of_a_groundbreaking_batch_runs_from_the_event_day_to_the_year_end() -> None:
    # The labelled corpus dates a batch's plan from the day it broke ground; the plan ends on 31 December.
    text = (
        "本报讯 5月23日，甲市举行集中开工活动，石家庄市410个重点项目集中开工，总投资612.7亿元，当年预计投资205.4亿元。"
    )
    plan = one(run(text, HB), measure="planned_investment")
    assert (plan.period_start, plan.period_end) == ("2024-05-23", "2024-12-31")
    total = one(run(text, HB), measure="total_investment")
    assert total.period_start == total.period_end == "2024-05-23"


def test_quannian_in_a_january_recap_is_last_year() -> None:
    facts = run("本报讯 全年，全市重点项目完成投资512亿元，超额完成年度计划。", "sjzrb", dt.date(2025, 1, 12))
    f = one(facts)
    assert (f.period_start, f.period_end) == ("2024-01-01", "2024-12-31")


def test_quannian_plan_in_january_is_this_year() -> None:
    f = one(
        run("本报讯 今年全市安排重点项目300个，全年计划投资600亿元。", "sjzrb", dt.date(2025, 1, 12)),
        measure="planned_investment",
    )
    assert (f.period_start, f.period_end) == ("2025-01-01", "2025-12-31")


def test_stage_never_leaks_from_one_batch_to_the_next() -> None:
    text = "本报讯 今年，签约项目12个，总投资80亿元；其他项目20个，总投资150亿元。"
    facts = run(text, "sjzrb")
    assert one(facts, amount_cny=8_000_000_000).stage == "signed"
    assert one(facts, amount_cny=15_000_000_000).stage is None


def test_category_has_no_stray_words() -> None:
    f = one(run("本报讯 今年，邢台市安排产业类项目50个，总投资300亿元。", HB))
    assert f.category == "产业类"


def test_named_project_in_a_batch_sentence_is_the_project() -> None:
    text = "本报讯 今年，衡水市新开工市重点项目2个，其中枣强县甲乙有限公司年产5万吨丙丁项目总投资4.2亿元。"
    f = one(run(text, HB))
    assert (f.subject, f.project_count, f.region) == ("project", None, "枣强县")
    assert f.project_name == "枣强县甲乙有限公司年产5万吨丙丁项目"
    assert f.project_key == "年产5万吨丙丁"


def test_project_named_after_its_county_short_name() -> None:
    text = "本报讯 作为保定市重点推进的农业项目，阜平甲乙现代农业产业园项目总投资30亿元。"
    f = one(run(text, HB))
    assert (f.region, f.project_name) == ("阜平县", "阜平甲乙现代农业产业园项目")


def test_name_after_de_drops_the_event_verb() -> None:
    f = one(run("本报讯 同日，总投资约4.2亿元的东环路改造工程开工。", HB))
    assert f.project_name == "东环路改造工程"


def test_demonstrative_lead_in_is_not_part_of_the_name() -> None:
    f = one(run("本报讯 这次观摩的甲乙循环经济产业园项目位于滦南县，总投资21亿元。", HB))
    assert (f.project_name, f.region) == ("甲乙循环经济产业园项目", "滦南县")


def test_lead_figure_before_the_project_the_next_sentence_names() -> None:
    text = "本报讯 投用首月即满负荷运行，目前已完成投资3亿元。秋日的威县，总投资12.4亿元的甲乙储能项目建设稳步推进。"
    facts = run(text, HB)
    done = one(facts, measure="completed_investment")
    assert (done.subject, done.project_name, done.region) == ("project", "甲乙储能项目", "威县")


def test_caption_with_photographer_is_not_part_of_a_name() -> None:
    text = "本报讯 图为甲乙生产基地项目施工现场。本报记者 张三摄\n\n甲乙生产基地项目总投资12亿元。"
    f = one(run(text, HB))
    assert f.project_name == "甲乙生产基地项目"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("正定县“智慧物流”产业园项目", "智慧物流产业园"),
        ("河北甲乙科技有限公司年产5万吨丙丁项目", "年产5万吨丙丁建设项目"),
        ("Ｇ104改建工程(二期)", "G104改建工程（二期）项目"),
        ("《甲乙》 文化中心 项目", "甲乙文化中心"),
    ],
)
def test_project_key_is_one_for_the_ways_papers_write_a_name(a: str, b: str) -> None:
    assert project_key(a) == project_key(b) is not None


def test_project_key_keeps_phases_apart_and_is_none_without_a_name() -> None:
    assert project_key("甲乙产业园一期项目") != project_key("甲乙产业园二期项目")
    assert project_key("项目") is None and project_key(None) is None


def test_follow_up_clauses_of_a_named_project_stay_the_project() -> None:
    facts = run("本报讯 在肃宁县，甲乙项目计划总投资5亿元，年内计划投资2亿元，目前已完成投资1亿元。", HB)
    assert {(f.subject, f.project_name, f.measure, f.region) for f in facts} == {
        ("project", "甲乙项目", "total_investment", "肃宁县"),
        ("project", "甲乙项目", "planned_investment", "肃宁县"),
        ("project", "甲乙项目", "completed_investment", "肃宁县"),
    }
    assert one(facts, measure="planned_investment").period_end == "2024-12-31"


def test_project_name_with_a_bracketed_phase() -> None:
    f = one(run("本报讯 甲乙项目(二期)总投资8亿元。", HB))
    assert (f.subject, f.project_name) == ("project", "甲乙项目(二期)")


def test_induced_investment_is_noise() -> None:
    assert run("本报讯 甲项目建成后，可带动投资50亿元，拉动投资20亿元，撬动社会资本投资10亿元。", HB) == []
    assert run("本报讯 甲项目投产后，拉动上下游投资30亿元，带动相关产业投资10亿元。", HB) == []


def test_mouhua_shishi_is_not_a_reserve_batch() -> None:
    f = one(run("本报讯 今年，定州市谋划实施重点项目120个，年度计划投资150亿元。", HB))
    assert f.stage == "key_project"
    g = one(run("本报讯 今年，定州市谋划储备项目80个，总投资600亿元。", HB))
    assert g.stage == "reserve"


def test_site_clause_names_the_project_of_a_later_gai_xiangmu() -> None:
    text = "本报讯 今年，临西县实施重点项目56个，总投资218亿元。在甲乙精密轴承项目现场，负责人介绍，该项目总投资8亿元。"
    f = one(run(text, HB), amount_cny=800_000_000)
    assert (f.subject, f.project_name, f.project_count) == ("project", "甲乙精密轴承项目", None)


def test_signing_report_sub_batches_and_signed_project_name() -> None:
    text = (
        "本报讯 任丘市举行项目集中签约仪式，现场签约项目18个，签约总额126亿元。"
        "其中，内资项目16个，外资项目2个，合同外资1.5亿美元。签约的甲乙新材料项目总投资15亿元。"
    )
    facts = run(text, HB)
    assert one(facts, measure="foreign_investment").stage == "signed"
    f = one(facts, subject="project")
    assert (f.project_name, f.stage, f.region) == ("甲乙新材料项目", "signed", "任丘市")


@pytest.mark.parametrize("case", filing_cases("projects"))
def test_project_is_filed_under_its_place(case: dict) -> None:
    check_case(case)


def test_a_batch_listed_by_its_members_is_a_portfolio() -> None:
    """项目包括甲项目和乙项目，总投资X: the members of a batch, not one project named 项目包括……."""
    text = "本报讯 10月5日，沙河市项目集中开工。此次开工的项目包括甲乙创新基地项目和丙丁物流园项目，总投资12.5亿元。"
    f = one(run(text, HB))
    assert (f.subject, f.project_name, f.project_count, f.region) == ("portfolio", None, 2, "沙河市")
    g = one(run("本报讯 沙河市项目集中开工。开工项目有甲项目、乙项目和丙工程，总投资9亿元。", HB))
    assert (g.subject, g.project_count) == ("portfolio", 3)
    h = one(run("本报讯 沙河市甲乙和丙丁产业园项目总投资9亿元。", HB))
    assert (h.subject, h.project_count) == ("project", None)  # one name with 和 in it stays one project


@pytest.mark.parametrize(
    "byline", ["天津日报记者从签约仪式上获悉", "上海晚报讯 记者了解到", "北京市广播电视台记者了解到"]
)
def test_a_byline_place_is_not_the_sentences_place(byline: str) -> None:
    """天津日报记者获悉，……总投资X: the reporter's paper is from outside Hebei, the figure is not."""
    text = f"本报讯 10月8日，衡水市举行项目签约仪式。{byline}，此次签约项目共15个，总投资86亿元。"
    f = one(run(text, HB))
    assert (f.subject, f.project_count, f.region, f.amount_cny) == ("portfolio", 15, "衡水市", 8.6e9)
    # the control: a place outside Hebei heading the clause itself keeps its figure out
    assert run("本报讯 10月8日，衡水市举行项目签约仪式。天津市今年签约项目共15个，总投资86亿元。", HB) == []


def test_named_projects_before_their_county_go_to_the_county() -> None:
    """投资X的甲项目、Y的乙项目正在施工……某县今年……: the county the paragraph goes on to name, not the city
    the title names in an event's name."""
    lead = (
        "助力石家庄市文旅推介会\n\n"
        "本报讯 盛夏时节，项目建设热火朝天。投资20亿元的甲乙温泉小镇、8亿元的丙丁民宿项目正在加紧施工，"
    )
    facts = run(lead + "今年以来，赞皇县新签约项目12个，协议引资60亿元。")
    assert {(f.project_name, f.region) for f in facts if f.subject == "project"} == {
        ("甲乙温泉小镇", "赞皇县"),
        ("丙丁民宿项目", "赞皇县"),
    }
    # the controls: two counties, or the city itself named first, leave the projects with the city
    two = run(lead + "赞皇县和元氏县今年新签约项目12个，协议引资60亿元。")
    assert {f.region for f in two if f.subject == "project"} == {"石家庄市"}
    city = run("本报讯 石家庄市投资20亿元的甲乙温泉小镇正在加紧施工，赞皇县今年新签约项目12个，协议引资60亿元。")
    assert one(city, subject="project").region == "石家庄市"


def test_a_spend_stated_in_the_past_then_the_works_it_built() -> None:
    """某县投资了X亿元，修建了甲大道: the spend is the named works' total investment."""
    f = one(run("本报讯 为改善交通，赞皇县投资了8.9亿元，修建了甲乙大道，主要建设60公里旅游公路。"))
    assert (f.subject, f.project_name, f.measure, f.region) == ("project", "甲乙大道", "total_investment", "赞皇县")
    assert f.amount_cny == 8.9e8
    # the controls: works counted, not named, and a spend with no works after it, are no project
    assert run("本报讯 赞皇县投资了8.9亿元，修建了20条道路。") == []
    assert run("本报讯 去年，赞皇县投资了8.9亿元，用于改善交通。") == []


@pytest.mark.parametrize(
    ("facility", "ref"), [("甲乙古城景区", "该景区"), ("甲乙产业园区", "该园区"), ("甲乙育种基地", "该基地")]
)
def test_a_reference_word_points_back_to_the_facility_named_before(facility: str, ref: str) -> None:
    """甲景区旨在……。该景区主要由……组成，总投资X: the facility the sentence before named."""
    text = f"本报讯 沿着新路前行，就是{facility}。{facility}旨在打造特色品牌。{ref}由多个板块组成，总投资8000万元。"
    f = one(run(text))
    assert (f.subject, f.project_name, f.amount_cny) == ("project", facility, 8e7)


def test_a_zones_cumulative_total_since_it_was_set_up() -> None:
    """某新区设立5年来，累计完成投资X: all the zone built since, a portfolio with no count."""
    f = one(run("本报讯 曹妃甸区设立5年多来，累计完成投资1200多亿元，建成道路300公里。", HB))
    assert (f.subject, f.measure, f.project_count, f.region) == ("portfolio", "completed_investment", None, "曹妃甸区")
    # the control: a bare cumulative total with no span since the place was set up stays out
    assert run("本报讯 曹妃甸区加快发展，累计完成投资1200多亿元，建成道路300公里。", HB) == []
