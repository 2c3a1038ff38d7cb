"""Where a figure is filed: the paragraph-level place model (issue 10, wrong-place classes).

Every sentence here is invented for the test; none is copied from a newspaper.  Each
case is one failure class: a right figure that used to go under the wrong place.
"""

from __future__ import annotations

import pytest
from extract_helpers import check_case, filing_cases, one, regions_by_amount, run

from xiangmu.extract import gazetteer
from xiangmu.extract.items import article_place, lead_place

HB = "hbrb"

@pytest.mark.parametrize("case", filing_cases("places"))
def test_figure_is_filed_under_its_place(case: dict) -> None:
    check_case(case)


def test_lead_listing_one_citys_counties_is_about_that_city() -> None:
    # 我市 in a provincial outlet: the listed places all lie in one city, which is "我市".
    place = lead_place("2月12日，我市信都区、襄都区、沙河市、柏乡县4个区县32个项目集中开工。", gazetteer(HB))
    assert place == "邢台市"
    # A list across cities is about no one place.
    assert lead_place("2月12日，信都区、涿州市集中开工。", gazetteer(HB)) is None


def test_zone_without_statistical_code_is_its_own_place() -> None:
    regions = regions_by_amount(run("本报讯 2月12日，邢东新区总投资22.4亿元的7个项目集中开工。", HB))
    assert regions[2.24e9] == "邢东新区"
    gaz = gazetteer(HB)
    assert gaz.parent("邢东新区") == "邢台市"
    assert gaz.find("南堡开发区") == [(0, 5, "唐山南堡经济开发区")]


def test_article_place_needs_a_clear_majority() -> None:
    gaz = gazetteer(HB)
    assert article_place("图为张家口经开区现场。张家口经开区项目。", gaz) == "张家口经济开发区"
    assert article_place("唐山市和保定市", gaz) is None


def test_first_item_after_fenbiewei_is_a_named_project_even_with_a_long_name() -> None:
    text = (
        "本报讯 10月20日，卢龙县举行集中开工仪式，总投资30亿元的3个项目集中开工。"
        "这3个项目分别为：总投资20.8亿元的河北甲乙科技发展有限公司年产800万平方米新型节能超薄岩板和8万套整体橱柜生产线项目；"
        "总投资6亿元的丙丁公司新材料项目。"
    )
    facts = run(text, HB)
    first = one(facts, amount_cny=2.08e9)
    assert first.subject == "project"
    assert first.project_name is not None and first.project_name.endswith("橱柜生产线项目")
    assert one(facts, amount_cny=6e8).subject == "project"


def test_after_a_paragraph_per_place_a_placeless_paragraph_is_the_whole_again() -> None:
    text = (
        "本报讯 唐山市、秦皇岛市两地今日集中开工。\n"
        "唐山市开工项目50个，总投资300亿元。\n"
        "秦皇岛市开工项目30个，总投资120亿元。\n"
        "两地共开工项目80个，总投资420亿元。"
    )
    regions = regions_by_amount(run(text, HB))
    assert (regions[3e10], regions[1.2e10]) == ("唐山市", "秦皇岛市")
    assert regions[4.2e10] not in ("唐山市", "秦皇岛市")  # neither city alone (the province here)
