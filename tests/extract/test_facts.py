"""Each rule on sentences written for the test (styled like the papers, with made-up names)."""

from __future__ import annotations

import pytest
from extract_helpers import check_case, filing_cases, one, run


def test_count_before_total() -> None:
    f = one(run("井陉县本次集中开工项目共14个，总投资11.7亿元。"), measure="total_investment")
    assert (f.region, f.project_count, f.amount_cny, f.approximate) == ("井陉县", 14, 1_170_000_000, False)


def test_current_year_plan_is_planned() -> None:
    f = one(run("此次开工项目共9个，总投资6.3亿元，当年计划完成投资2.4亿元。"), amount_cny=240_000_000)
    assert f.measure == "planned_investment" and f.project_count == 9


def test_category_sub_batches_and_listed_projects() -> None:
    text = (
        "无极县今年开工项目10个，总投资15.5亿元。其中，工业类项目6个，总投资9.1亿元，包括投资3.4亿元的"
        "恒泰皮革项目；投资1.6亿元的鑫源五金项目等。民生类项目4个，总投资6.4亿元。"
    )
    facts = run(text)
    industry = one(facts, amount_cny=910_000_000)
    assert (industry.subject, industry.project_count, industry.category) == ("portfolio", 6, "工业类")
    assert one(facts, amount_cny=640_000_000).category == "民生类"
    leather = one(facts, amount_cny=340_000_000)
    assert (leather.subject, leather.project_name, leather.region) == ("project", "恒泰皮革项目", "无极县")
    assert one(facts, amount_cny=160_000_000).project_name == "鑫源五金项目"


@pytest.mark.parametrize(
    ("text", "name", "amount"),
    [
        ("智谷数据中心项目总投资8亿元，主要建设机房。", "智谷数据中心项目", 800_000_000),
        ("总投资12亿元的康泰生物正在调试生产线。", "康泰生物", 1_200_000_000),
        ("服务业项目1个，为投资2.1亿元的滨河商业综合体项目。", "滨河商业综合体项目", 210_000_000),
        ("由华冠公司投资建设的新型建材产业园项目，总投资9亿元，占地150亩。", "新型建材产业园项目", 900_000_000),
        ("其中，清源净水厂工程是该县谋划的专项债券项目，项目总投资1.8亿元。", "清源净水厂工程", 180_000_000),
        ("天启物流园项目位于藁城区，占地300亩。项目总投资15亿元，主要建设仓储中心。", "天启物流园项目", 1_500_000_000),
    ],
)
def test_project_names(text: str, name: str, amount: int) -> None:
    f = one(run(text), amount_cny=amount)
    assert (f.subject, f.project_name, f.project_count) == ("project", name, None)


def test_project_plan_investment_is_its_total() -> None:
    f = one(run("博远光电项目计划投资6亿元，明年投产。"))
    assert (f.subject, f.measure) == ("project", "total_investment")


def test_project_completed_investment() -> None:
    f = one(run("瑞达轴承项目累计完成投资1.5亿元，占总投资的60%。"))
    assert (f.measure, f.completion_rate, f.project_name) == ("completed_investment", 60.0, "瑞达轴承项目")


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("今年以来，全市新签约项目45个，总投资210亿元。", "signed"),
        ("全年新引进项目88个，总投资133亿元。", "introduced"),
        ("今年上半年共安排实施建设项目150个，总投资300亿元。", "under_construction"),
        ("全市竣工投产项目30个，总投资60亿元。", "completed"),
        ("赵县谋划储备项目70个，总投资500亿元。", "reserve"),
        ("今年安排省市重点项目40个，总投资260亿元。", "key_project"),
    ],
)
def test_stages(text: str, stage: str) -> None:
    [f] = run(text)
    assert f.stage == stage and f.subject == "portfolio"


def test_chinese_numerals_and_approximation() -> None:
    f = one(run("栾城区开工项目二十个，总投资约三十五亿元。"))
    assert (f.project_count, f.amount_cny, f.approximate) == (20, 3_500_000_000, True)
    g = one(run("栾城区开工项目20个，总投资60余亿元。"))
    assert g.approximate is True and g.amount_cny == 6_000_000_000


def test_foreign_currency_is_not_converted() -> None:
    facts = run("全年新引进项目60个，总投资150亿元，实际利用外资2.3亿美元。")
    fx = one(facts, measure="foreign_investment")
    assert (fx.amount_cny, fx.amount_original, fx.currency) == (None, 230_000_000, "USD")
    assert fx.to_dict()["amount"] == 230_000_000
    assert one(facts, measure="total_investment").currency == "CNY"


@pytest.mark.parametrize(
    "text",
    [
        # Every sentence is about projects, so only the noise rule can keep the figure out.
        "项目投产后，预计年营收18亿元，年销售收入20亿元，年产值25亿元。",  # revenue, output
        "项目达产后年可实现利税3亿元，税收1.2亿元。",  # tax
        "帮助项目企业获得银行贷款4亿元，融资12亿元，授信30亿元。",  # loans and credit
        "开工项目带动企业研发投资5亿元。",  # R&D
        "开工项目带动研发经费38亿元，研发投入12亿元。",  # R&D spend without 投资
        "对新开工项目给予奖励80万元，发放补贴1500万元。",  # rewards and subsidies
        "为项目设立8亿元产业投资基金，争取专项资金3亿元。",  # funds
        "为项目争取基金投资2亿元。",  # fund money described as 投资
        "对投资500万元以上工业项目实行全覆盖包联。",  # threshold
        "其中，投资10亿元以上项目12个。",  # size class
        "重点项目撬动社会投资30亿元。",  # leverage, not project investment
        "重点项目拉动全市完成固定资产投资90亿元。",  # macro statistic
        "重点项目新增先进设备投资6亿元。",  # equipment spend
        "单体投资超10亿元的项目达8个。",  # threshold by project size
        "该项目累计完成投资1.5亿元。",  # 该项目 with nothing to refer to
    ],
)
def test_noise_is_rejected(text: str) -> None:
    assert run(text) == []


def test_duplicate_figure_is_one_fact() -> None:
    sentence = "今年以来，赵县开工项目30个，总投资52亿元。"
    text = f"开工项目30个 总投资52亿元\n\n{sentence}\n\n坚持项目为王，抓好服务。\n\n{sentence}"
    facts = run(text)
    assert len(facts) == 1
    assert facts[0].evidence == sentence


def test_headline_figures_are_not_facts() -> None:
    assert run("总投资52亿元 30个项目集中开工") == []


def test_same_amount_for_two_projects_is_two_facts() -> None:
    text = "总投资8亿元的恒远电池项目正在安装设备，总投资8亿元的嘉禾医疗项目已竣工投产。"
    names = {f.project_name for f in run(text)}
    assert names == {"恒远电池项目", "嘉禾医疗项目"}


def test_broken_number_keeps_offsets_into_original() -> None:
    text = "此次开工项目5个，总投资3.6\n\n亿元，进展顺利。"
    [f] = run(text)
    assert f.amount_cny == 360_000_000
    assert "\n\n" in f.evidence and text[f.char_start : f.char_end] == f.evidence


def test_each_city_in_a_provincial_list_gets_its_own_figure() -> None:
    text = (
        "本报讯 9月12日，全省重点项目集中开工活动在保定市举行。此次集中开工项目共520个，总投资2610.4亿元。"
        "其中，邢台市开工项目61个，总投资210亿元；沧州市开工项目47个，总投资198.5亿元。"
    )
    facts = run(text, newspaper="hbrb")
    assert one(facts, amount_cny=261_040_000_000).region == "河北省"
    xingtai = one(facts, amount_cny=21_000_000_000)
    assert (xingtai.region, xingtai.region_code, xingtai.project_count) == ("邢台市", "130500", 61)
    assert one(facts, amount_cny=19_850_000_000).region == "沧州市"


def test_national_figures_are_not_reported() -> None:
    assert run("今年以来，全国新开工项目完成投资6.2万亿元。", newspaper="hbrb") == []


def test_city_named_inside_a_company_name_keeps_the_county() -> None:
    text = "行唐县\n\n本报讯 近日，行唐县召开推进会。石家庄市恒信科技有限公司年产3万吨新材料项目总投资2.6亿元。"
    f = one(run(text), amount_cny=260_000_000)
    assert (f.region, f.subject) == ("行唐县", "project")


def test_projects_listed_with_enumeration_comma() -> None:
    facts = run("投资6亿元的恒昌物流项目、投资2.5亿元的瑞祥冷链项目已开工建设。")
    assert one(facts, amount_cny=600_000_000).project_name == "恒昌物流项目"
    assert one(facts, amount_cny=250_000_000).project_name == "瑞祥冷链项目"


def test_company_invests_to_build_a_named_project() -> None:
    f = one(run("远航集团投资18亿元建设的智能装备产业园项目今日开工。"))
    assert (f.subject, f.project_name) == ("project", "智能装备产业园项目")


def test_rate_against_annual_plan_and_until_month_end() -> None:
    f = one(run("截至7月底，全省省重点项目累计完成投资2210亿元，完成年度计划的71.4%。", newspaper="hbrb"))
    assert (f.completion_rate, f.period_start, f.period_end) == (71.4, "2024-01-01", "2024-07-31")


def test_bullet_item_with_place_is_not_a_byline() -> None:
    f = one(run("◆新乐市：开工项目13个，总投资9亿元。"))
    assert (f.region, f.project_count) == ("新乐市", 13)


def test_place_after_the_figure_as_venue() -> None:
    f = one(run("8月9日，总投资42亿元的16个项目在灵寿县集中开工。"))
    assert (f.region, f.project_count, f.period_start) == ("灵寿县", 16, "2024-08-09")


def test_later_figures_of_a_sentence_stay_with_its_project() -> None:
    facts = run("天宇光伏项目位于赞皇县，占地200亩。该项目总投资10亿元，年度计划投资3亿元。")
    planned = one(facts, measure="planned_investment")
    assert (planned.subject, planned.project_name, planned.region) == ("project", "天宇光伏项目", "赞皇县")
    assert one(facts, measure="total_investment").project_name == "天宇光伏项目"


def test_named_clause_without_figure_does_not_steal_the_batch_total() -> None:
    f = one(run("此次开工项目20个，其中包括恒大科技园项目，总投资50亿元。"))
    assert (f.subject, f.project_count) == ("portfolio", 20)


def test_names_starting_with_connector_characters_are_kept() -> None:
    assert one(run("如意纺织项目总投资3亿元。")).project_name == "如意纺织项目"


def test_short_brand_names_are_projects_but_batches_are_not() -> None:
    assert one(run("新华项目总投资3亿元。")).subject == "project"
    assert one(run("全市一批好项目总投资30亿元。")).subject == "portfolio"
    assert one(run("全市128项省市重点项目完成投资300亿元。")).project_count == 128


@pytest.mark.parametrize("case", filing_cases("facts"))
def test_fields_of_a_batch(case: dict) -> None:
    check_case(case)
