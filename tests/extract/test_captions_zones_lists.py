"""Issue 10, classes seen on held-out text: photo captions, zones we do not know, signings,
leads across cities and a paragraph whose place comes second.

Every sentence here is invented for the test; none is copied from a newspaper.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extract_helpers import one, regions_by_amount, run

from xiangmu.extract.gazetteer import gazetteer
from xiangmu.extract.normalize import paragraphs

HB = "hbrb"
_LEAD = "本报讯 今年以来，晋州市坚持项目为王，重点项目建设全面提速。\n晋州市今年安排重点项目50个，总投资200亿元。\n"
_CITY_LEAD = "本报讯 今年以来，石家庄市重点项目建设全面提速，全市安排重点项目500个，总投资3000亿元。\n"
_PROJECT = "该项目总投资20亿元，主要建设生产线5条。"


# 1. Photo captions -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        ("▲ 辛集市甲乙项目建设现场", True),
        ("图为辛集市甲乙项目施工现场。（记者 张三 摄）", True),
        ("上图：甲乙项目车间一角", True),
        ("正定县丙丁项目施工现场（通讯员 李四摄）", True),
        ("▲赵县", False),  # a marked place heading, not a picture
        ("晋州市今年安排重点项目50个，总投资200亿元。", False),
        # a body paragraph that ends with a credit stays body
        (
            "本报讯 今年以来，晋州市坚持项目为王，重点项目建设全面提速，全市安排重点项目50个，总投资200亿元，"
            "年度计划投资80亿元，截至8月底已完成投资60亿元，各项目进展顺利。（记者 张三 摄）",
            False,
        ),
    ],
)
def test_caption_lines_are_marked(line: str, caption: bool) -> None:
    (para,) = paragraphs(line)
    assert para.caption is caption
    assert para.heading or not caption  # a caption is never read as prose


@pytest.mark.parametrize(
    "caption",
    ["▲ 辛集市甲乙项目建设现场", "图为辛集市甲乙项目施工现场。（记者 张三 摄）"],
)
def test_caption_does_not_set_the_place_of_the_next_paragraph(caption: str) -> None:
    text = _LEAD + caption + "\n截至8月底，全市重点项目完成投资80亿元。"
    facts = run(text, "sjzrb")
    assert {f.region for f in facts} == {"晋州市"}
    assert one(facts, measure="completed_investment").project_count == 50


@pytest.mark.parametrize(
    "text",
    [
        _CITY_LEAD + "图为正定县丙丁新材料项目施工现场。（记者 张三 摄）\n" + _PROJECT,
        _CITY_LEAD + "▲ 正定县丙丁新材料项目建设现场\n" + _PROJECT,
        _CITY_LEAD + _PROJECT + "\n▲ 正定县丙丁新材料项目建设现场",  # the caption under the paragraph
    ],
)
def test_caption_beside_a_gai_xiangmu_paragraph_names_its_project_and_place(text: str) -> None:
    f = one(run(text, "sjzrb"), amount_cny=2e9)
    assert (f.subject, f.project_name, f.region) == ("project", "正定县丙丁新材料项目", "正定县")


def test_caption_does_not_replace_a_project_named_before() -> None:
    text = "本报讯 鹿泉区戊己物流项目日前开工。\n" + _PROJECT + "\n▲ 正定县丙丁新材料项目建设现场"
    f = one(run(text, "sjzrb"), amount_cny=2e9)
    assert (f.project_name, f.region) == ("鹿泉区戊己物流项目", "鹿泉区")


def test_caption_names_no_project_of_a_paragraph_that_names_its_own() -> None:
    text = _CITY_LEAD + "▲ 正定县丙丁新材料项目建设现场\n鹿泉区戊己物流项目总投资8亿元。"
    f = one(run(text, "sjzrb"), amount_cny=8e8)
    assert (f.project_name, f.region) == ("鹿泉区戊己物流项目", "鹿泉区")


def test_caption_yields_no_fact_but_one_it_states() -> None:
    plain = run(_LEAD + "▲ 辛集市甲乙项目建设现场，项目总投资", "sjzrb")
    assert {f.amount_cny for f in plain} == {2e10}
    stated = run(_LEAD + "▲ 总投资6亿元的辛集市甲乙项目建设现场", "sjzrb")
    f = one(stated, amount_cny=6e8)
    assert (f.project_name, f.region) == ("辛集市甲乙项目", "辛集市")
    assert one(stated, amount_cny=2e10).region == "晋州市"


@pytest.mark.parametrize("credit", ["（记者 张三 摄）", "本报记者 张三 摄", "通讯员 李四 王五摄"])
def test_line_above_a_photo_credit_is_a_caption(credit: str) -> None:
    text = _LEAD + "辛集市甲乙项目建设现场\n" + credit + "\n截至8月底，全市重点项目完成投资80亿元。"
    assert regions_by_amount(run(text, "sjzrb")) == {2e10: "晋州市", 8e9: "晋州市"}


def test_a_line_naming_a_photo_scene_between_paragraphs_is_a_caption() -> None:
    text = _LEAD + "辛集市甲乙项目施工现场\n截至8月底，全市重点项目完成投资80亿元。"
    assert regions_by_amount(run(text, "sjzrb")) == {2e10: "晋州市", 8e9: "晋州市"}
    # above the text it is the article's title, which names its place
    title = "辛集市甲乙项目建设现场\n本报讯 今年，甲乙项目总投资30亿元。"
    assert one(run(title, "sjzrb")).region == "辛集市"


def test_a_place_heading_without_a_credit_still_opens_an_item() -> None:
    text = _LEAD + "辛集市\n今年辛集市安排重点项目30个，总投资90亿元。"
    assert regions_by_amount(run(text, "sjzrb")) == {2e10: "晋州市", 9e9: "辛集市"}


def test_caption_opens_no_item() -> None:
    text = _LEAD + "▲ 辛集市甲乙项目建设现场\n同时，全市重点项目完成投资80亿元。"
    assert regions_by_amount(run(text, "sjzrb")) == {2e10: "晋州市", 8e9: "晋州市"}


# 2. Zones we do not know ------------------------------------------------------------------

_ELSEWHERE = "本报讯 今年以来，全省重点项目建设提速。\n唐山市曹妃甸区加快建设，总投资50亿元的甲乙项目开工。\n"


@pytest.mark.parametrize(
    ("paragraph", "region"),
    [
        # a known zone's short name inside the name of another zone, after its county or city
        ("定州市北方循环化工园区今年实施项目20个，总投资80亿元。", "定州市"),
        ("衡水市冀东循环化工园区今年实施项目20个，总投资80亿元。", "衡水市"),
        # an unknown zone opening the paragraph: the place the paragraph names for it
        ("北方循环化工园区今年实施项目20个，总投资80亿元，园区位于定州市东部。", "定州市"),
        ("华北高新技术产业开发区今年实施项目20个，总投资80亿元。该开发区地处衡水市桃城区。", "桃城区"),
        ("华北经济开发区今年实施项目20个，总投资80亿元，该区位于衡水市桃城区。", "桃城区"),
        ("北方循环化工园区位于定州市东部，今年园区实施项目20个，总投资80亿元。", "定州市"),
        # a zone named by its county's short name is the county's
        ("河北安平高新技术产业开发区今年实施项目20个，总投资80亿元。", "安平县"),
    ],
)
def test_unknown_zone_goes_to_the_place_named_with_it(paragraph: str, region: str) -> None:
    facts = run(_ELSEWHERE + paragraph, HB)
    assert one(facts, amount_cny=8e9).region == region
    assert one(facts, amount_cny=5e9).region == "曹妃甸区"


def test_known_zone_short_name_still_resolves() -> None:
    gaz = gazetteer(HB)
    assert [n for _s, _e, n in gaz.find("石家庄循环化工园区今年开工")] == ["石家庄循环化工园区"]
    assert [n for _s, _e, n in gaz.find("今年循环化工园区开工", "石家庄市")] == ["石家庄循环化工园区"]
    assert [n for _s, _e, n in gaz.find("定州市北方循环化工园区")] == ["定州市"]


# 3. Signings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "本报讯 近日，甲乙集团与涞源县签约仪式在保定市举行，项目总投资30亿元。",
        "本报讯 9月5日，涞源县与甲乙集团签约仪式在石家庄举行，项目计划总投资30亿元。",
        "本报讯 9月5日，甲乙集团与涞源县签约仪式在石家庄市举行。项目总投资30亿元，主要建设风电场。",
        "本报讯 近日，甲乙集团与涞源县在石家庄签署合作协议，项目总投资30亿元。",  # the venue of the signing
    ],
)
def test_unnamed_signed_deal_belongs_to_the_county_that_signed(text: str) -> None:
    f = one(run(text, HB))
    assert (f.region, f.subject, f.stage, f.measure) == ("涞源县", "portfolio", "signed", "total_investment")
    assert (f.project_name, f.project_count) == (None, None)


def test_signing_parties_are_no_part_of_the_project_name() -> None:
    text = "本报讯 9月5日，甲乙集团与涞源县新能源项目签约仪式在石家庄市举行。项目总投资30亿元。"
    f = one(run(text, HB))
    assert (f.subject, f.project_name, f.region, f.stage) == ("project", "涞源县新能源项目", "涞源县", "signed")


def test_bare_xiangmu_outside_a_signing_stays_out() -> None:
    assert run("本报讯 近日，涞源县召开座谈会，项目总投资30亿元。", HB) == []


# 4. Leads across cities -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("本报讯 今年以来，石家庄、唐山、邯郸等市集中开工项目100个，总投资500亿元。", "河北省"),
        ("本报讯 今年以来，衡水市、邢台市等地加快重点项目建设，开工项目300个，总投资500亿元。", "河北省"),
        ("本报讯 9月5日，石家庄、唐山、邯郸集中开工一批重点项目，其中唐山开工项目30个，总投资500亿元。", "唐山市"),
        ("本报讯 9月5日，石家庄、唐山、邯郸集中开工一批重点项目。\n唐山市开工项目30个，总投资500亿元。", "唐山市"),
        (
            "石家庄、唐山、邯郸：项目建设跑出加速度\n"
            "本报讯 今年以来，各地加快重点项目建设。在唐山，重点项目完成投资500亿元。",
            "唐山市",
        ),
        # places of one city joined as one: still their city
        ("本报讯 正定县、藁城区等地集中开工重点项目20个，总投资500亿元。", "石家庄市"),
    ],
)
def test_list_of_places_across_cities(text: str, region: str) -> None:
    assert one(run(text, HB), amount_cny=5e10).region == region


def test_title_across_cities_sets_no_item_place() -> None:
    text = "石家庄、唐山、邯郸：项目建设跑出加速度\n本报讯 今年以来，重点项目加快建设，全省完成投资500亿元。"
    assert one(run(text, HB)).region == "河北省"


# 5. A paragraph whose place comes second ---------------------------------------------------

_HS = "本报讯 今年以来，衡水市重点项目建设提速，全市重点项目完成投资300亿元。\n"


@pytest.mark.parametrize(
    ("paragraph", "region"),
    [
        ("前8个月，重点项目完成投资52亿元，同比增长12%。这得益于枣强县持续优化营商环境。", "枣强县"),
        ("今年以来，全县重点项目累计完成投资52亿元。这是枣强县坚持项目为王的成果。", "枣强县"),
        # a part singled out, a place with its own figure, a venue, two places: not the subject
        ("前8个月，重点项目完成投资52亿元。其中，枣强县进度最快。", "衡水市"),
        ("前8个月，重点项目完成投资52亿元。枣强县完成投资10亿元。", "衡水市"),
        ("前8个月，重点项目完成投资52亿元。推进会在枣强县召开。", "衡水市"),
        ("前8个月，重点项目完成投资52亿元。枣强县、武邑县进度较快。", "衡水市"),
        ("前8个月，重点项目完成投资52亿元。枣强县甲乙新材料项目已经投产。", "衡水市"),
    ],
)
def test_paragraph_place_named_in_its_second_sentence(paragraph: str, region: str) -> None:
    assert one(run(_HS + paragraph, HB, dt.date(2024, 9, 10)), amount_cny=5.2e9).region == region
