"""Leads, headlines and venue mentions that used to misplace a city's figures (issue 10).

Each case is a made-up report of a real shape: a headline crying out (再掀热潮！……), a source
line between headline and lead, a photo caption written as a sentence, a firm whose name opens
with another city, a lead whose places come only in its second sentence, leaders attending at a
district's venue, projects landing in a district, and lists opened by 分别是 with no colon.
"""

from __future__ import annotations

import pytest
from extract_helpers import one, run

from xiangmu.extract.normalize import paragraphs

HB = "hbrb"

_QHD_LEAD = (
    "9月28日上午，我市举行三季度重点项目开工活动。市领导分赴海港区、卢龙县和北戴河新区出席开工活动。\n\n"
    "市长在海港区会场出席了某某冷链物流项目开工活动。\n\n"
    "丁某在北戴河新区会场出席了北戴河新区产业港项目开工活动。他指出，本次开工的重点项目涉及多个产业。\n\n"
)


@pytest.mark.parametrize(
    ("text", "amount", "region"),
    [
        pytest.param(  # the title's cry, then a source line and a date line: one item, the city's
            "热潮再起！2024年衡水市三季度60个项目集中开工\n\n来源: 某某网   作者:某某\n2024-09-08 09:13:00\n\n"
            "9月6日，2024年衡水市三季度项目集中开工活动举行。此次集中开工项目60项，总投资88.8亿元。\n\n"
            "2024年桃城区三季度项目集中开工现场。\n\n据悉，开工项目中产业项目40项，总投资66.6亿元。",
            66.6e8, "衡水市", id="exclaimed-title-source-line-scene-caption",
        ),
        pytest.param(
            "本报讯 9月6日，衡水市三季度项目集中开工活动举行，共开工项目60项，总投资88.8亿元。\n\n"
            "桃城区三季度项目集中开工现场。\n\n开工项目中，产业项目40项，总投资66.6亿元。",
            66.6e8, "衡水市", id="scene-caption-between-paragraphs",
        ),
        pytest.param("本报讯 好消息！衡水市，开工项目60项，总投资88.8亿元。", 88.8e8, "衡水市", id="cry-in-a-sentence"),
        pytest.param(
            "本报讯 今年以来，沧州市全力推进重点项目建设。\n\n55项省重点项目完成投资140.5亿元，完成年计划的76.9%。"
            "保定某某集团汽车零部件园、某某新材料等18个项目实现全部开工。",
            140.5e8, "沧州市", id="firm-named-after-another-city",
        ),
        pytest.param(  # the control: without a firm after it, the later place is the subject
            "本报讯 今年以来，沧州市全力推进重点项目建设。\n\n"
            "55项省重点项目完成投资40.5亿元，同比增长12%。这得益于泊头市持续优化营商环境。",
            40.5e8, "泊头市", id="later-place-still-the-subject",
        ),
        pytest.param(
            _QHD_LEAD + "此次开工活动共涉及重点项目99个，总投资318.5亿元。",
            318.5e8, "秦皇岛市", id="lead-lists-districts",
        ),
        pytest.param(  # the control: 邢台市任泽区举行…… is the district's event, no object of a verb
            "本报讯 2月2日，邢台市任泽区举行一季度重点项目集中开工仪式，集中开工项目18个，总投资42.5亿元。",
            42.5e8, "任泽区", id="district-opens-its-report",
        ),
        pytest.param(
            "本报讯 记者从河北省唐山市政府了解到，总投资61.6亿元的17个项目日前签约落户曹妃甸区。",
            61.6e8, "曹妃甸区", id="landing-in-a-district",
        ),
        pytest.param(
            "本报讯 总投资61.6亿元的17个项目日前签约落户河北曹妃甸。", 61.6e8, "曹妃甸区", id="province-and-short-name"
        ),
        pytest.param(  # the control: landing outside the place named before overrides nothing
            "本报讯 唐山市总投资61.6亿元的17个项目日前签约，其中一批项目落户邢台市。",
            61.6e8, "唐山市", id="landing-elsewhere",
        ),
    ],
)
def test_the_figure_goes_to_the_place_the_report_is_about(text: str, amount: float, region: str) -> None:
    assert one(run(text, HB), amount_cny=amount).region == region


def test_an_exclaimed_headline_is_a_heading_and_an_exclaimed_sentence_is_not() -> None:
    headline, sentence, cry = paragraphs("热潮再起！云州市三季度60个项目集中开工\n\n好消息，项目开工了！\n\n加油！")
    assert (headline.heading, sentence.heading, cry.heading) == (True, False, False)


def test_batch_details_keep_their_count_and_stage() -> None:
    fact = one(run(_QHD_LEAD + "此次开工活动共涉及重点项目99个，总投资318.5亿元。", HB), amount_cny=318.5e8)
    assert fact.project_count == 99
    signed = one(run("本报讯 总投资61.6亿元的17个项目日前签约落户曹妃甸区。", HB), amount_cny=61.6e8)
    assert (signed.stage, signed.project_count) == ("signed", 17)


@pytest.mark.parametrize(
    ("text", "batch"),
    [
        pytest.param(
            "本报讯 衡水高新区：此次5个集中开工重点项目分别是甲乙高端装备研发基地项目，总投资18亿元；"
            "丙丁隧道智能装备项目，总投资1.7亿元。",
            None, id="opened-in-the-batch-clause",
        ),
        pytest.param(
            "本报讯 衡水市集中开工重点项目5个，总投资30亿元，"
            "分别是甲乙高端装备研发基地项目，总投资18亿元；丙丁隧道智能装备项目，总投资1.7亿元。",
            30e8, id="opened-after-the-batch-total",
        ),
    ],
)
def test_a_list_opened_by_fenbieshi_without_a_colon(text: str, batch: float | None) -> None:
    facts = run(text, HB)
    assert one(facts, amount_cny=18e8).project_name == "甲乙高端装备研发基地项目"
    assert one(facts, amount_cny=1.7e8).project_name == "丙丁隧道智能装备项目"
    if batch is not None:
        total = one(facts, amount_cny=batch)
        assert (total.subject, total.project_count) == ("portfolio", 5)


def test_a_figure_before_where_and_by_whom_the_project_is_built_is_the_projects() -> None:
    text = "本报讯 由某某新能源有限公司总投资17.4亿元在康保县建设的甲乙风光制氢(一期)示范项目，包括风电和光伏两部分。"
    fact = one(run(text, HB), amount_cny=17.4e8)
    assert (fact.subject, fact.project_name, fact.region) == ("project", "甲乙风光制氢(一期)示范项目", "康保县")
