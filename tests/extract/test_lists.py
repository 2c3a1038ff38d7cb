"""Lists: one fact per item, each with its own place or project (sentences invented for the test)."""

from __future__ import annotations

from extract_helpers import one, regions_by_amount, run

HB = "hbrb"


def test_bracketed_figures_in_a_ranking_list() -> None:
    facts = run("本报讯 1-8月，完成投资较多的有邢台市宁晋县(8.2亿元)、唐山市丰南区（7.6亿元）。", HB)
    assert {(f.region, f.measure, f.amount_cny) for f in facts} == {
        ("宁晋县", "completed_investment", 820_000_000),
        ("丰南区", "completed_investment", 760_000_000),
    }
    assert all(f.subject == "portfolio" and f.period_end == "2024-08-31" for f in facts)


def test_bracketed_ranking_after_inverted_keyword_takes_the_batch_stage() -> None:
    text = (
        "本报讯 今年我市安排市重点项目340个。从投资完成情况看，排名前两位的分别为：藁城区(41.2亿元)、正定县(38.6亿元)，"
        "后两位的分别为：赞皇县(5.4亿元)、高邑县(9.9亿元)。"
    )
    facts = run(text, "sjzrb")
    assert {f.region for f in facts} == {"藁城区", "正定县", "赞皇县", "高邑县"}
    assert {f.stage for f in facts} == {"key_project"}


def test_brackets_without_an_investment_keyword_are_not_facts() -> None:
    assert run("本报讯 营业收入较多的有宁晋县(8.2亿元)、丰南区(7.6亿元)。", HB) == []


def test_per_place_counts_and_totals() -> None:
    text = "本报讯 今年，唐山市重点项目建设加速。按县区划分：丰润区3项，总投资12.5亿元；滦南县2项，总投资4亿元。"
    facts = run(text, HB)
    assert {(f.region, f.project_count, f.amount_cny) for f in facts} == {
        ("丰润区", 3, 1_250_000_000),
        ("滦南县", 2, 400_000_000),
    }


def test_per_category_counts_and_totals() -> None:
    text = (
        "本报讯 秦皇岛市争列省重点项目共32项。"
        "按行业分：战略性新兴产业9项，总投资44.3亿元；现代服务业3项，总投资8.1亿元。"
    )
    facts = run(text, HB)
    a = one(facts, amount_cny=4_430_000_000)
    b = one(facts, amount_cny=810_000_000)
    assert (a.project_count, a.category) == (9, "战略性新兴产业")
    assert (b.project_count, b.category) == (3, "现代服务业")


def test_amounts_before_several_named_projects_share_the_keyword() -> None:
    facts = run("本报讯 唐山市今年实施投资3亿元的甲乙风电站、1.2亿元的丙丁制氢等项目。", HB)
    assert {(f.project_name, f.amount_cny) for f in facts} == {("甲乙风电站", 300_000_000), ("丙丁制氢", 120_000_000)}


def test_fenbieshi_list_of_company_projects() -> None:
    facts = run(
        "本报讯 保定市本次开工的项目分别是：甲公司智能装备项目，总投资2亿元；乙公司新材料项目，总投资1.5亿元。", HB
    )
    assert {(f.project_name, f.amount_cny) for f in facts} == {
        ("甲公司智能装备项目", 200_000_000),
        ("乙公司新材料项目", 150_000_000),
    }


def test_one_items_place_never_carries_onto_the_next() -> None:
    text = "本报讯 今年，沧州市集中开工总投资9亿元的渤海新区甲项目、总投资6亿元的乙项目、总投资5亿元的献县丙项目。"
    assert regions_by_amount(run(text, HB)) == {900_000_000: "沧州渤海新区", 600_000_000: "沧州市", 500_000_000: "献县"}


def test_place_inside_an_earlier_items_name_does_not_leak() -> None:
    text = (
        "本报讯 今年，沧州市开工项目共3个，分别是：总投资4.4亿元的甲石化有限公司渤海新区服务中心项目、"
        "总投资3.2亿元的黄骅市乙铁路有限公司仓储项目、总投资2.8亿元的吴桥县丙农业示范园项目。"
    )
    regions = regions_by_amount(run(text, HB))
    assert (regions[320_000_000], regions[280_000_000]) == ("黄骅市", "吴桥县")


def test_etc_with_count_after_named_examples_is_the_batch() -> None:
    facts = run("本报讯 4月29日，总投资80多亿元的甲产业园、乙产业园等9个项目在邯山区集中签约。", HB)
    f = one(facts)
    assert (f.subject, f.project_count, f.region) == ("portfolio", 9, "邯山区")


def test_enumerated_projects_then_gongji_count() -> None:
    text = (
        "本报讯"
        " 这次秋季集中开工项目为甲公司标识制作项目、乙医药物流园项目三期、丙路综合管廊工程，共计3个，总投资12.35亿元。"
    )
    f = one(run(text, HB))
    assert (f.subject, f.project_count, f.stage) == ("portfolio", 3, "groundbreaking")


def test_respectively_list_of_projects_splits_the_names() -> None:
    facts = run("本报讯 正定县甲乙项目、栾城区丙丁项目总投资分别为5亿元、3亿元。", HB)
    expected = {("正定县", "正定县甲乙项目", 500_000_000), ("栾城区", "栾城区丙丁项目", 300_000_000)}
    assert {(f.region, f.project_name, f.amount_cny) for f in facts} == expected
