"""Where a figure is filed: the paragraph-level place model (issue 10, wrong-place classes).

Every sentence here is invented for the test; none is copied from a newspaper.  Each
test is one failure class: a right figure that used to go under the wrong place.
"""

from __future__ import annotations

from extract_helpers import one, regions_by_amount, run

from xiangmu.extract import gazetteer
from xiangmu.extract.items import article_place, lead_place

HB = "hbrb"


def test_ranking_list_paragraph_does_not_become_the_section_place() -> None:
    # A section heading, its totals, then a ranking of counties: the next section's
    # totals are the city's, not the first-ranked county's.
    text = (
        "本报讯 近日，石家庄市发布重点项目进展情况，完成投资900亿元。\n"
        "重点建设项目进展情况\n"
        "今年，省市重点建设项目300项，总投资2500亿元。\n"
        "从投资完成总量看，平山县(60.1亿元)、藁城区(55.2亿元)投资完成总量较大。\n"
        "重点前期项目储备情况\n"
        "截至10月底，重点前期项目共储备200个，总投资1500亿元。"
    )
    regions = regions_by_amount(run(text))
    assert regions[2.5e11] == "石家庄市"
    assert regions[1.5e11] == "石家庄市"
    assert (regions[6.01e9], regions[5.52e9]) == ("平山县", "藁城区")


def test_list_paragraph_is_not_carried_to_the_next_paragraph() -> None:
    text = (
        "本报讯 9月5日，保定市召开项目建设推进会，部署下一步工作。\n"
        "涞水县今年谋划重点项目30个，总投资90亿元。\n"
        "按县区划分：易县12项，总投资8.1亿元；涿州市6项，总投资6.2亿元。\n"
        "全年共谋划重点项目120个，总投资860亿元。"
    )
    regions = regions_by_amount(run(text, HB))
    assert (regions[9e9], regions[8.1e8], regions[6.2e8]) == ("涞水县", "易县", "涿州市")
    assert regions[8.6e10] == "保定市"  # not the county of the paragraph before the list


def test_lead_listing_one_citys_counties_is_about_that_city() -> None:
    # 我市 in a provincial outlet: the listed places all lie in one city, which is "我市".
    place = lead_place("2月12日，我市信都区、襄都区、沙河市、柏乡县4个区县32个项目集中开工。", gazetteer(HB))
    assert place == "邢台市"
    # A list across cities is about no one place.
    assert lead_place("2月12日，信都区、涿州市集中开工。", gazetteer(HB)) is None


def test_lead_after_a_motto_is_read() -> None:
    text = (
        "本报讯 鼓足干劲，开局冲刺。3月2日，我市丛台区、复兴区、永年区项目集中开工。\n"
        "这次集中开工的项目共40个，总投资210亿元。"
    )
    f = one(run(text, HB), measure="total_investment")
    assert (f.region, f.project_count) == ("邯郸市", 40)


def test_unknown_zone_paragraph_does_not_take_the_previous_paragraphs_county() -> None:
    # 云杉新区 is no place we know: its batch is not the county's before it.
    text = (
        "本报讯 2月12日，我市南宫市、柏乡县、云杉新区项目集中开工。\n"
        "南宫市总投资12亿元的8个项目集中开工，涉及新材料等领域。\n"
        "云杉新区总投资22亿元的7个项目集中开工，涵盖现代服务业项目。"
    )
    regions = regions_by_amount(run(text, HB))
    assert regions[1.2e9] == "南宫市"
    assert regions[2.2e9] == "邢台市"  # the city the lead's list lies in, not the county before


def test_zone_without_statistical_code_is_its_own_place() -> None:
    regions = regions_by_amount(run("本报讯 2月12日，邢东新区总投资22.4亿元的7个项目集中开工。", HB))
    assert regions[2.24e9] == "邢东新区"
    gaz = gazetteer(HB)
    assert gaz.parent("邢东新区") == "邢台市"
    assert gaz.find("南堡开发区") == [(0, 5, "唐山南堡经济开发区")]


def test_city_as_subject_of_its_paragraph_stays_the_city_under_a_county_heading() -> None:
    # A heading naming a county (a speaker's title), then a paragraph whose subject is the city.
    text = (
        "河北电视台记者：\n"
        "这里是位于石家庄鹿泉区的甲产业园项目，现场一片忙碌。\n"
        "鹿泉区甲产业园项目经理 张三：\n"
        "石家庄锚定发展目标，今年共谋划总投资3200亿元的重点项目400项。"
    )
    f = one(run(text, HB), amount_cny=3.2e11)
    assert (f.region, f.project_count) == ("石家庄市", 400)


def test_quanqu_resolves_to_the_district_named_only_late() -> None:
    text = (
        "张家口这个区的变化\n"
        "关键词：产业\n"
        "2018年，全区实施重点项目50项，总投资180亿元。\n"
        "2019年，谋划实施区级重点项目52项，总投资190亿元。\n"
        "下花园区不断提高园区平台支撑力度。"
    )
    regions = regions_by_amount(run(text, HB))
    assert regions[1.8e10] == "下花园区"
    assert regions[1.9e10] == "下花园区"  # the next paragraph goes on about the same district


def test_zone_short_name_resolved_by_the_city_in_a_photo_caption() -> None:
    text = (
        "经开区重点项目集中开工仪式\n"
        "图为张家口经开区重点项目集中开工仪式现场。  通讯员王五摄\n"
        "河北新闻网讯 4月8日，经开区举行重点项目集中开工仪式。今年经开区谋划实施重点项目90个，总投资1800亿元。"
    )
    f = one(run(text, HB), measure="total_investment")
    assert f.region == "张家口经济开发区"


def test_article_place_needs_a_clear_majority() -> None:
    gaz = gazetteer(HB)
    assert article_place("图为张家口经开区现场。张家口经开区项目。", gaz) == "张家口经济开发区"
    assert article_place("唐山市和保定市", gaz) is None


def test_photo_numbers_and_captions_do_not_move_the_place() -> None:
    text = (
        "廊坊聚焦十大领域开展项目建设攻坚\n"
        "10\n"
        "三河市某养护中心，老人们在排练。\n"
        "11\n"
        "位于永清县的某物流基地车间。\n"
        "大道至简。今年，廊坊市实施重点项目200个，年度计划投资650亿元。"
    )
    f = one(run(text, HB), measure="planned_investment")
    assert f.region == "廊坊市"


def test_event_at_a_zone_venue_is_the_citys_batch() -> None:
    text = (
        "我市举行春季重点项目集中开工活动\n"
        "3月26日上午，春季重点项目集中开工活动在秦皇岛经济技术开发区甲产业园项目现场举行。\n"
        "本次集中开工的300个项目，总投资865亿元。"
    )
    f = one(run(text, HB), measure="total_investment")
    assert (f.region, f.project_count) == ("秦皇岛市", 300)


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


def test_shiji_completed_investment_follows_the_batch() -> None:
    text = "本报讯 今年，石家庄市安排产业类项目265项，总投资2000亿元。截至11月底，实际完成投资837亿元。"
    f = one(run(text, HB), measure="completed_investment")
    assert (f.region, f.project_count) == ("石家庄市", 265)


def test_places_joined_as_one_subject_are_their_city() -> None:
    f = one(run("本报讯 正定县、藁城区两地集中开工重点项目20个，总投资80亿元。"), measure="total_investment")
    assert (f.region, f.project_count) == ("石家庄市", 20)
    # Without a word joining them (两地, 等地, 共) the latest place keeps the figure.
    g = one(run("本报讯 正定县、藁城区开工重点项目20个，总投资80亿元。"), measure="total_investment")
    assert g.region == "藁城区"


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


def test_a_zoom_into_a_county_still_carries_to_the_next_paragraph() -> None:
    # City, then one of its counties, then a placeless paragraph: still the county.
    text = (
        "本报讯 9月5日，保定市召开项目建设推进会，部署下一步工作。\n"
        "涞水县今年谋划重点项目30个，总投资90亿元。\n"
        "截至目前，这些项目已完成投资41亿元。"
    )
    regions = regions_by_amount(run(text, HB))
    assert regions[9e9] == "涞水县"
    assert regions[4.1e9] == "涞水县"


def test_county_named_only_in_a_photo_caption() -> None:
    text = (
        "项目建设跑出加速度\n"
        "图为赵县某食品项目施工现场。  记者 甲乙摄\n"
        "本报讯 今年以来，该县坚持项目为王，谋划重点项目40个，总投资95亿元。"
    )
    f = one(run(text, HB), measure="total_investment")
    assert (f.region, f.project_count) == ("赵县", 40)


def test_a_short_lead_is_not_taken_for_a_caption() -> None:
    text = "石家庄市项目建设\n正定县项目建设提速。\n今年谋划重点项目60个，总投资200亿元。"
    f = one(run(text, HB), measure="total_investment")
    assert f.region == "正定县"
