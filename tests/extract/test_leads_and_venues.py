"""Leads, headlines and venue mentions that used to misplace a city's figures (issue 10).

Each case is a made-up report of a real shape: a headline crying out (再掀热潮！……), a source
line between headline and lead, a photo caption written as a sentence, a firm whose name opens
with another city, a lead whose places come only in its second sentence, and leaders attending
at a district's venue.
"""

from __future__ import annotations

from extract_helpers import one, run

from xiangmu.extract.normalize import paragraphs

HB = "hbrb"


def test_an_exclaimed_headline_is_a_headline_and_the_source_line_opens_no_new_item() -> None:
    text = (
        "热潮再起！2024年云州市三季度60个项目集中开工\n\n"
        "来源: 某某网   作者:某某\n"
        "2024-09-08 09:13:00\n\n"
        "9月6日，2024年云州市三季度项目集中开工活动举行。此次集中开工项目60项，总投资88.8亿元。\n\n"
        "2024年青山区三季度项目集中开工现场。\n\n"
        "据悉，开工项目中产业项目40项，总投资66.6亿元。"
    )
    facts = run(text.replace("云州市", "衡水市").replace("青山区", "桃城区"), HB)
    assert one(facts, amount_cny=88.8e8).region == "衡水市"
    assert one(facts, amount_cny=66.6e8).region == "衡水市"


def test_an_exclaimed_headline_is_a_heading_and_an_exclaimed_sentence_is_not() -> None:
    headline, sentence, cry = paragraphs("热潮再起！云州市三季度60个项目集中开工\n\n好消息，项目开工了！\n\n加油！")
    assert headline.heading
    assert not sentence.heading
    assert not cry.heading


def test_a_photo_scene_sentence_between_paragraphs_sets_no_place() -> None:
    text = (
        "本报讯 9月6日，衡水市三季度项目集中开工活动举行，共开工项目60项，总投资88.8亿元。\n\n"
        "桃城区三季度项目集中开工现场。\n\n"
        "开工项目中，产业项目40项，总投资66.6亿元。"
    )
    facts = run(text, HB)
    assert one(facts, amount_cny=66.6e8).region == "衡水市"


def test_a_sentence_of_the_headline_kind_with_a_comma_stays_a_sentence() -> None:
    text = "本报讯 好消息！衡水市，开工项目60项，总投资88.8亿元。"
    assert one(run(text, HB), amount_cny=88.8e8).region == "衡水市"


def test_a_firm_named_after_another_city_is_not_the_paragraphs_subject() -> None:
    text = (
        "本报讯 今年以来，沧州市全力推进重点项目建设。\n\n"
        "55项省重点项目完成投资140.5亿元，完成年计划的76.9%。"
        "保定某某集团汽车零部件园、某某新材料等18个项目实现全部开工。"
    )
    fact = one(run(text, HB), amount_cny=140.5e8)
    assert fact.region == "沧州市"
    assert fact.measure == "completed_investment"


def test_a_place_a_later_sentence_names_as_subject_still_counts() -> None:
    """The control: without a firm after it, the later place is the paragraph's subject."""
    text = (
        "本报讯 今年以来，沧州市全力推进重点项目建设。\n\n"
        "55项省重点项目完成投资40.5亿元，同比增长12%。这得益于泊头市持续优化营商环境。"
    )
    assert one(run(text, HB), amount_cny=40.5e8).region == "泊头市"


def test_a_lead_listing_the_citys_districts_in_its_second_sentence_is_the_citys() -> None:
    text = (
        "9月28日上午，我市举行三季度重点项目开工活动。市领导分赴海港区、卢龙县和北戴河新区出席开工活动。\n\n"
        "市长在海港区会场出席了某某冷链物流项目开工活动。\n\n"
        "丁某在北戴河新区会场出席了北戴河新区产业港项目开工活动。他指出，本次开工的重点项目涉及多个产业。\n\n"
        "此次开工活动共涉及重点项目99个，总投资318.5亿元。"
    )
    fact = one(run(text, HB), amount_cny=318.5e8)
    assert fact.region == "秦皇岛市"
    assert fact.project_count == 99


def test_a_district_that_opens_its_own_report_keeps_its_figures() -> None:
    """The control: 邢台市任泽区举行…… is the district's event, not an object of a verb."""
    text = "本报讯 2月2日，邢台市任泽区举行一季度重点项目集中开工仪式，集中开工项目18个，总投资42.5亿元。"
    assert one(run(text, HB), amount_cny=42.5e8).region == "任泽区"


def test_projects_landing_in_a_district_are_the_districts() -> None:
    text = "本报讯 记者从河北省唐山市政府了解到，总投资61.6亿元的17个项目日前签约落户曹妃甸区。"
    fact = one(run(text, HB), amount_cny=61.6e8)
    assert (fact.region, fact.stage, fact.project_count) == ("曹妃甸区", "signed", 17)


def test_a_county_short_name_after_the_provinces_is_that_county() -> None:
    text = "本报讯 总投资61.6亿元的17个项目日前签约落户河北曹妃甸。"
    assert one(run(text, HB), amount_cny=61.6e8).region == "曹妃甸区"


def test_landing_outside_the_place_named_before_changes_nothing() -> None:
    """The control: a place the projects land in that is not inside the subject is no override."""
    text = "本报讯 唐山市总投资61.6亿元的17个项目日前签约，其中一批项目落户邢台市。"
    assert one(run(text, HB), amount_cny=61.6e8).region == "唐山市"


def test_a_list_opened_by_fenbieshi_with_no_colon_gives_each_project_its_figure() -> None:
    text = (
        "本报讯 据了解，此次5个集中开工重点项目分别是甲乙高端装备研发基地项目，总投资18亿元；"
        "丙丁隧道智能装备项目，总投资1.7亿元。"
    )
    facts = run(text.replace("本报讯 ", "本报讯 衡水高新区："), HB)
    assert one(facts, amount_cny=18e8).project_name == "甲乙高端装备研发基地项目"
    assert one(facts, amount_cny=1.7e8).project_name == "丙丁隧道智能装备项目"


def test_a_batch_total_before_a_fenbieshi_list_stays_the_batchs() -> None:
    text = (
        "本报讯 衡水市集中开工重点项目5个，总投资30亿元，"
        "分别是甲乙高端装备研发基地项目，总投资18亿元；丙丁隧道项目，总投资1.7亿元。"
    )
    facts = run(text, HB)
    batch = one(facts, amount_cny=30e8)
    assert (batch.subject, batch.project_count) == ("portfolio", 5)
    assert one(facts, amount_cny=18e8).project_name == "甲乙高端装备研发基地项目"
