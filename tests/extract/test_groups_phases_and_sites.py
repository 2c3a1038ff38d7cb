"""Groups, phases, sites and a county's own voice (issue 10), each in sentences written here.

- a would-be name opening with a count (500个亿元以上社会投资类项目) is a group of projects;
- ``20个省重点项目、200个市重点项目分别完成投资X、Y``: each group its own count;
- 概算投资 is a project's total; a list's count after its last item is not that item's name;
- 这个投资X亿元的项目 points back to the project named before;
- 甲公司投资X亿元，增上乙项目: the project the company builds;
- 我县 in a title or lead: the county's own text, its city's event the county's part;
- a project sited in a county (选址某县的甲市乙项目) is that county's, its phases projects of their own;
- a completed figure against the year's plan with no 项目 (a headline) is the place's.
"""

from __future__ import annotations

import pytest
from extract_helpers import one, run

HB = "hbrb"


# 1. A group noun is no project's name.
@pytest.mark.parametrize(
    ("text", "count", "measure"),
    [
        (
            "本报讯 今年以来，邢台市500个亿元以上社会投资类项目完成投资900亿元，占年度计划的80%。",
            500,
            "completed_investment",
        ),
        ("本报讯 今年，邢台市120个省市重点项目计划投资300亿元。", 120, "planned_investment"),
        ("本报讯 今年，邢台市共80项民生工程总投资60亿元。", 80, "total_investment"),
        ("本报讯 今年以来，邢台市共有500个项目完成投资900亿元。", 500, "completed_investment"),
    ],
)
def test_a_counted_group_is_a_portfolio(text: str, count: int, measure: str) -> None:
    f = one(run(text, HB), measure=measure)
    assert (f.region, f.subject, f.project_name, f.project_count) == ("邢台市", "portfolio", None, count)


def test_a_group_keeps_its_kind_without_its_size() -> None:
    f = one(run("本报讯 今年以来，邢台市500个亿元以上社会投资类项目完成投资900亿元。", HB), amount_cny=9e10)
    assert f.category == "社会投资类"


# 2. Groups read 分别: each its own count.
@pytest.mark.parametrize(
    "text",
    [
        "本报讯 今年以来，邢台市20个省重点项目、200个市重点项目分别完成投资100亿元、600亿元。",
        "本报讯 今年以来，邢台市20个省重点项目和200个市重点项目分别完成投资100亿元和600亿元。",
        "本报讯 今年以来，邢台市20个省重点项目、200个市重点项目完成投资分别为100亿元、600亿元。",
        "本报讯 今年以来，邢台市省重点项目20个、市重点项目200个分别完成投资100亿元、600亿元。",
    ],
)
def test_groups_read_respectively(text: str) -> None:
    facts = run(text, HB)
    assert sorted((f.amount_cny, f.project_count) for f in facts) == [(1e10, 20), (6e10, 200)]
    assert all(f.subject == "portfolio" and f.region == "邢台市" for f in facts)
    assert all(f.measure == "completed_investment" and f.stage == "key_project" for f in facts)


# 3a. 概算投资 / 投资概算: the project's total.
@pytest.mark.parametrize(
    "text",
    [
        "本报讯 记者日前获悉，威县园博园建设工程项目概算投资2.1亿元，目前正在加紧施工。",
        "本报讯 记者日前获悉，威县园博园建设工程项目投资概算为2.1亿元。",
    ],
)
def test_estimated_investment_is_the_project_s_total(text: str) -> None:
    f = one(run(text, HB), amount_cny=210_000_000)
    assert (f.region, f.subject, f.project_name, f.measure) == (
        "威县", "project", "威县园博园建设工程项目", "total_investment",
    )


# 3b. The list's count after its last item is not that item's name, nor its figure's count.
@pytest.mark.parametrize(
    "text",
    [
        "本报讯 近日，威县一批项目集中开工，包括总投资3亿元的甲纺织项目、总投资1.1亿元的乙小城镇项目5个过亿元项目。",
        "本报讯 近日，威县一批项目集中开工，包括总投资3亿元的甲纺织项目、总投资1.1亿元的乙小城镇项目等5个过亿元项目。",
    ],
)
def test_a_list_s_count_after_its_last_item(text: str) -> None:
    facts = run(text, HB)
    assert {f.amount_cny: f.project_name for f in facts} == {3e8: "甲纺织项目", 1.1e8: "乙小城镇项目"}
    assert all(f.subject == "project" and f.project_count is None for f in facts)


def test_a_generic_noun_before_its_count_stays_a_batch() -> None:
    f = one(run("本报讯 今年，沧州市谋划总投资320亿元的重点项目439项。", HB), amount_cny=32e9)
    assert (f.subject, f.project_count) == ("portfolio", 439)


def test_a_figure_shared_by_a_list_closed_by_its_count_stays_the_list_s() -> None:
    f = one(run("本报讯 近日，威县总投资20亿元的甲项目、乙项目等5个项目集中开工。", HB), amount_cny=2e9)
    assert (f.subject, f.project_count) == ("portfolio", 5)


# 3c. 这个投资X亿元的项目 / 该总投资X亿元的产业园: the project named before.
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("本报讯 近日，威县华瑞新材料项目开工。这个投资10亿元的项目投产后可年产新材料5万吨。", "威县华瑞新材料项目"),
        (
            "本报讯 近日，威县华瑞新材料产业园正式开园。该总投资10亿元的产业园投产后可年产新材料5万吨。",
            "威县华瑞新材料产业园",
        ),
    ],
)
def test_a_reference_before_the_figure(text: str, name: str) -> None:
    f = one(run(text, HB), amount_cny=1e9)
    assert (f.region, f.subject, f.project_name, f.measure) == ("威县", "project", name, "total_investment")


# 4. A company invests, the project follows.
@pytest.mark.parametrize(
    ("text", "region", "name"),
    [
        (
            "本报讯 近日，威县华瑞汽车有限公司投资19亿元，增上新能源整车项目。",
            "威县",
            "威县华瑞汽车有限公司新能源整车项目",
        ),
        ("本报讯 近日，华瑞汽车集团投资19亿元，在威县建设新能源整车项目。", "威县", "华瑞汽车集团新能源整车项目"),
    ],
)
def test_a_company_s_figure_is_the_project_it_builds(text: str, region: str, name: str) -> None:
    f = one(run(text, HB), amount_cny=1.9e9)
    assert (f.region, f.subject, f.project_name, f.measure) == (region, "project", name, "total_investment")


def test_a_company_s_figure_with_no_project_after_it_is_nothing() -> None:
    assert run("本报讯 今年，威县华瑞汽车有限公司投资19亿元，实现营业收入50亿元。", HB) == []


# 5. 我县: the county's own text.
@pytest.mark.parametrize(
    "text",
    [
        "9月9日，我县参加邢台市2024年秋季重点项目集中开工活动，在威县分会场，本次集中开工项目10项，总投资28亿元。",
        "# 我县参加全市秋季重点项目集中开工活动\n\n9月9日，邢台市2024年秋季重点项目集中开工活动举行。"
        "威县分会场设在华瑞产业园。本次集中开工项目10项，总投资28亿元。",
    ],
)
def test_a_county_s_own_text_files_its_batch_under_the_county(text: str) -> None:
    f = one(run(text, HB), amount_cny=2.8e9)
    assert (f.region, f.project_count, f.stage) == ("威县", 10, "groundbreaking")


def test_the_city_s_own_total_in_a_county_s_text_stays_the_city_s() -> None:
    text = (
        "9月9日，我县参加邢台市2024年秋季重点项目集中开工活动，在威县分会场，本次集中开工项目10项，总投资28亿元。"
        "全市共集中开工项目200个，总投资500亿元。"
    )
    facts = run(text, HB)
    assert (one(facts, amount_cny=2.8e9).region, one(facts, amount_cny=5e10).region) == ("威县", "邢台市")


def test_a_county_quoted_in_a_city_text_does_not_take_it_over() -> None:
    text = "本报讯 9月9日，邢台市秋季重点项目集中开工，全市开工项目200个，总投资500亿元。威县负责人说，我县将全力保障。"
    assert one(run(text, HB), amount_cny=5e10).region == "邢台市"


# 6. A project sited in a county, and its phases.
@pytest.mark.parametrize(
    "text",
    [
        "本报讯 近日，首期资金向选址平山县的石家庄市温泉度假区项目汇入，标志着石家庄市温泉度假区项目进入实施阶段。"
        "该项目计划总投资30亿元，一期计划投资8亿元；二期计划投资22亿元。",
        "# 石家庄市温泉度假区项目进入实施阶段\n\n本报讯 近日，首期资金向选址平山县的石家庄市温泉度假区项目汇入。\n\n"
        "据介绍，该项目计划总投资30亿元，其中一期计划投资8亿元，二期计划投资22亿元。",
        "本报讯 石家庄市温泉度假区项目选址平山县。近日，石家庄市温泉度假区项目计划总投资30亿元，"
        "一期计划投资8亿元；二期计划投资22亿元。",
    ],
)
def test_a_sited_project_and_its_phases(text: str) -> None:
    facts = run(text, HB)
    assert {f.amount_cny: f.project_name for f in facts} == {
        3e9: "石家庄市温泉度假区项目", 8e8: "石家庄市温泉度假区项目一期", 2.2e9: "石家庄市温泉度假区项目二期",
    }
    assert all((f.region, f.subject, f.measure) == ("平山县", "project", "total_investment") for f in facts)


def test_a_name_does_not_open_with_the_verb_of_its_clause() -> None:
    text = "本报讯 近日，威县举行签约仪式，标志着威县乙新材料项目正式开工。该项目总投资5亿元。"
    assert one(run(text, HB), amount_cny=5e8).project_name == "威县乙新材料项目"


# 7. Completed against the year's plan, no 项目: the place's projects.
@pytest.mark.parametrize(
    "text",
    [
        "# 截至9月底邢台市共完成投资1100亿元 占年度计划的105%\n\n本报讯 今年以来，邢台市项目建设持续推进。",
        "本报讯 截至9月底，邢台市共完成投资1100亿元，占年度计划的105%。",
    ],
)
def test_completed_against_the_plan_is_the_place_s(text: str) -> None:
    f = one(run(text, HB), amount_cny=1.1e11)
    assert (f.region, f.subject, f.measure, f.completion_rate) == ("邢台市", "portfolio", "completed_investment", 105.0)


def test_completed_with_no_plan_nor_project_is_nothing() -> None:
    assert run("本报讯 截至9月底，邢台市共完成投资1100亿元，同比增长5%。", HB) == []


def test_a_phase_after_its_project_s_total_is_a_project_of_its_own() -> None:
    facts = run("本报讯 近日，威县华瑞新材料项目开工。该项目总投资30亿元，项目一期投资8亿元。", HB)
    assert {f.amount_cny: f.project_name for f in facts} == {3e9: "威县华瑞新材料项目", 8e8: "威县华瑞新材料项目一期"}
    assert all(f.measure == "total_investment" and f.region == "威县" for f in facts)
