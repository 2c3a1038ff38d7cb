from __future__ import annotations

from extract_helpers import PUBLISHED, one, run

from xiangmu.extract.gazetteer import gazetteer
from xiangmu.extract.items import split_items
from xiangmu.extract.normalize import paragraphs

PAGE = """秋收时节项目忙

——访市发改委负责同志

9月5日，全市秋季重点项目集中开工，共开工项目150个，总投资321.5亿元。

高邑县

聚力招商促发展

本报讯（记者 孙八）9月5日，高邑县举行秋季重点项目集中开工活动。该县本次开工项目12个，总投资9.6亿元。

本报讯（记者 周九）9月5日，深泽县举行项目集中开工活动，此次开工项目6个，总投资4.2亿元，\
其中投资1.1亿元的康宁家具项目进展顺利。

经开区

经开区今年新签约项目15个，总投资48亿元。
"""


def test_items_split_at_place_headings_and_lead_paragraphs() -> None:
    items = split_items(paragraphs(PAGE), gazetteer("sjzrb"), PUBLISHED)
    assert [it.place for it in items] == [None, "高邑县", "深泽县", "石家庄经济技术开发区"]
    assert items[1].event_date is not None and items[1].event_date.isoformat() == "2024-09-05"


def test_facts_take_their_own_items_place() -> None:
    facts = run(PAGE)
    assert one(facts, amount_cny=32_150_000_000).region == "石家庄市"
    gaoyi = one(facts, amount_cny=960_000_000)
    assert (gaoyi.region, gaoyi.region_code, gaoyi.project_count) == ("高邑县", "130127", 12)
    assert one(facts, amount_cny=420_000_000).region == "深泽县"
    project = one(facts, amount_cny=110_000_000)
    assert (project.subject, project.region, project.project_name) == ("project", "深泽县", "康宁家具项目")
    zone = one(facts, amount_cny=4_800_000_000)
    assert (zone.region, zone.region_code, zone.stage) == ("石家庄经济技术开发区", None, "signed")


def test_place_named_in_the_sentence_beats_the_items_place() -> None:
    text = "高邑县\n\n本报讯 近日，高邑县召开推进会。据了解，今年上半年赞皇县共实施建设项目40个，总投资70.2亿元。"
    assert one(run(text), amount_cny=7_020_000_000).region == "赞皇县"


def test_default_places_for_city_and_provincial_paper() -> None:
    city = run("今年以来，我市重点项目完成投资88亿元，进展顺利。")
    assert city[0].region == "石家庄市" and city[0].region_code == "130100"
    prov = run("今年以来，全省省重点项目完成投资1520亿元，进展顺利。", newspaper="hbrb")
    assert prov[0].region == "河北省" and prov[0].region_code == "130000"


def test_continued_story_counts_once() -> None:
    front = "本报讯 9月5日，行唐县集中开工项目8个，总投资6.6亿元。（下转第三版）"
    back = "（上接第一版）行唐县集中开工项目8个，总投资6.6亿元。各项目进展顺利。"
    facts = run(front + "\n\n" + back)
    assert len([f for f in facts if f.amount_cny == 660_000_000]) == 1


def test_heading_with_short_name_sets_the_place() -> None:
    text = "新乐\n\n本报讯 近日，当地召开推进会。今年开工项目9个，总投资7.7亿元。"
    assert one(run(text), amount_cny=770_000_000).region == "新乐市"
