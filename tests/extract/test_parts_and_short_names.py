"""Parts of a batch, lists read 分别, counties by their short names and mirror punctuation
(issue 10), each in sentences written here.

- ``A项目和B项目分别完成投资X、Y``: one figure per category (or per project), none of them the
  place's whole portfolio;
- a part of a batch named by its kind (……开工项目中，战略新兴项目86项) carries that kind as its
  category and the batch's stage; status, level and size words are no kind;
- 元氏签约项目12个: a county's short name before an event or measure word is the county, never
  a common word (兴隆) nor the tail of a longer word;
- a lead whose motto ends with ASCII ``!`` or ``?`` (mirror pages) reads like one ending with ``！``.
"""

from __future__ import annotations

import pytest
from extract_helpers import one, run

HB = "hbrb"


# 1. Categories read 分别: one figure each, none filed as the whole.
@pytest.mark.parametrize(
    ("text", "measure", "want"),
    [
        (
            "本报讯 今年以来，正定县工业项目和服务业项目分别完成投资12.5亿元、8.3亿元。",
            "completed_investment",
            {1_250_000_000: "工业", 830_000_000: "服务业"},
        ),
        (
            "本报讯 今年正定县实施重点项目50个，总投资120亿元。其中，工业项目和服务业项目总投资分别为70亿元、40亿元。",
            "total_investment",
            {7_000_000_000: "工业", 4_000_000_000: "服务业"},
        ),
        (
            "本报讯 今年正定县实施重点项目50个，总投资120亿元。其中，工业项目和服务业项目总投资分别是70亿元和40亿元。",
            "total_investment",
            {7_000_000_000: "工业", 4_000_000_000: "服务业"},
        ),
        (
            "本报讯 今年以来，正定县工业项目、服务业项目和基础设施项目分别完成投资12.5亿元、8.3亿元和4亿元。",
            "completed_investment",
            {1_250_000_000: "工业", 830_000_000: "服务业", 400_000_000: "基础设施"},
        ),
        (
            "本报讯 今年，正定县先进制造业项目和现代服务业项目年度计划投资分别为12.5亿元、8.3亿元。",
            "planned_investment",
            {1_250_000_000: "先进制造业", 830_000_000: "现代服务业"},
        ),
    ],
)
def test_categories_read_respectively(text: str, measure: str, want: dict[float, str]) -> None:
    facts = run(text, HB)
    for amount, category in want.items():
        f = one(facts, amount_cny=amount)
        assert (f.region, f.subject, f.measure, f.category, f.project_count) == (
            "正定县", "portfolio", measure, category, None,
        )
    assert all(f.category or f.amount_cny == 12_000_000_000 for f in facts), facts  # no part is the whole


def test_the_whole_batch_keeps_its_own_total_beside_its_parts() -> None:
    text = "本报讯 今年，正定县实施重点项目50个，总投资120亿元，其中工业项目和服务业项目分别完成投资30亿元、20亿元。"
    facts = run(text, HB)
    whole = one(facts, amount_cny=12_000_000_000)
    assert (whole.project_count, whole.category, whole.stage) == (50, None, "key_project")
    assert [(f.category, f.stage) for f in facts if f.amount_cny != 12_000_000_000] == [
        ("工业", "key_project"), ("服务业", "key_project"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "本报讯 近日，正定县华瑞新材料项目和博远智能装备项目分别总投资12.5亿元、8.3亿元。",
        "本报讯 近日，正定县华瑞新材料项目和博远智能装备项目集中开工，总投资分别为12.5亿元、8.3亿元。",
    ],
)
def test_projects_read_respectively(text: str) -> None:
    facts = run(text, HB)
    assert [(f.subject, f.project_name, f.region) for f in facts] == [
        ("project", "正定县华瑞新材料项目", "正定县"),
        ("project", "博远智能装备项目", "正定县"),
    ]
    assert [f.amount_cny for f in facts] == [1_250_000_000, 830_000_000]


# 2. A part of a batch named by its kind.
def test_parts_named_by_kind_take_the_batch_stage() -> None:
    text = (
        "本报讯 今年一季度集中开工的120个项目中，产业项目80个，总投资300亿元。"
        "其中，战略新兴项目30个，总投资120亿元；民生补短板项目12个，总投资40亿元。"
    )
    facts = run(text, HB)
    for amount, kind, count in ((30e9, "产业", 80), (12e9, "战略新兴", 30), (4e9, "民生补短板", 12)):
        f = one(facts, amount_cny=amount)
        assert (f.category, f.project_count, f.stage) == (kind, count, "groundbreaking"), f


def test_a_list_by_trade_files_each_figure_under_its_own_trade() -> None:
    text = "本报讯 秦皇岛市谋划储备项目30个。按行业分：现代服务业2项，总投资6亿元；优势特色产业11项，总投资27亿元。"
    f = one(run(text, HB), amount_cny=2_700_000_000)
    assert (f.category, f.project_count) == ("优势特色产业", 11)


@pytest.mark.parametrize("part", ["前期项目20个", "一般性项目2个", "亿元以上项目9个", "省级项目6个"])
def test_status_level_and_size_words_are_no_kind(part: str) -> None:
    text = f"本报讯 今年，邢台市集中开工的60个项目中，{part}，总投资25亿元。"
    assert one(run(text, HB), amount_cny=2_500_000_000).category is None


def test_a_count_after_the_words_plan_or_arrange() -> None:
    text = "本报讯 日前，邢台市下达市重点项目计划340项，总投资2600亿元，年度计划投资600亿元。"
    assert {f.project_count for f in run(text, HB)} == {340}


def test_the_part_a_clause_ends_with_owns_the_figures() -> None:
    text = "本报讯 5月30日，唐山市举行集中开工活动，此次集中开工的300个项目包括省市重点项目40个，总投资400亿元。"
    assert one(run(text, HB), amount_cny=40_000_000_000).project_count == 40


# 3. A county by its short name in running text.
@pytest.mark.parametrize(
    ("text", "paper", "region"),
    [
        ("本报讯 元氏签约项目12个，总投资30亿元。", HB, "元氏县"),
        ("本报讯 日前，元氏举行秋季集中开工，8个项目总投资12亿元。", HB, "元氏县"),
        ("本报讯 近日，定州集中签约项目20个，总投资80亿元。", HB, "定州市"),
        ("本报讯 元氏签约项目12个，总投资30亿元。", "sjzrb", "元氏县"),
    ],
)
def test_a_county_short_name_before_an_event(text: str, paper: str, region: str) -> None:
    assert [f.region for f in run(text, paper)] == [region]


def test_a_county_short_name_inside_a_city_report() -> None:
    text = "本报讯 今年以来，石家庄市签约项目50个，总投资300亿元。其中，元氏签约项目12个，总投资30亿元。"
    facts = run(text, HB)
    assert one(facts, amount_cny=30_000_000_000).region == "石家庄市"
    assert one(facts, amount_cny=3_000_000_000).region == "元氏县"


@pytest.mark.parametrize(
    "text",
    [
        "本报讯 兴隆签约项目12个，总投资30亿元。",  # 兴隆: a common word too
        "本报讯 正定贡献突出，签约项目12个，总投资30亿元。",  # no event word after it
        "本报讯 单元氏签约项目12个，总投资30亿元。",  # the tail of a longer word
    ],
)
def test_no_county_from_a_short_name_elsewhere(text: str) -> None:
    assert [f.region for f in run(text, HB)] == ["河北省"]


# 4. Mirror punctuation in a lead.
@pytest.mark.parametrize("mark", ["!", "！", "?", "？"])
def test_a_motto_ending_in_ascii_marks_opens_the_lead(mark: str) -> None:
    text = f"本报讯 全省项目建设如火如荼{mark}9月5日，正定县举行集中开工活动。\n\n此次集中开工项目12个，总投资36亿元。"
    f = one(run(text, HB), amount_cny=3_600_000_000)
    assert (f.region, f.period_start) == ("正定县", "2024-09-05")


# 5. A sentence that only details the batch before it passes the batch's stage on.
def test_a_list_of_parts_without_figures_keeps_the_stage_for_the_next_parts() -> None:
    text = (
        "本报讯 今天，沧州市举行项目建设推进会，300个重点项目开工，总投资800亿元。"
        "此次开工的项目中，包括传统产业升级项目120个、现代服务业项目20个。"
        "其中，1至5亿元项目150个，总投资290亿元；5至10亿元项目30个，总投资210亿元。"
    )
    facts = run(text, HB)
    assert [(f.project_count, f.stage) for f in facts] == [
        (300, "groundbreaking"), (150, "groundbreaking"), (30, "groundbreaking"),
    ]


def test_the_projects_a_batch_lists_share_its_event() -> None:
    text = (
        "9月5日，卢龙县举行秋季重点项目集中开工仪式，总投资35亿元的2个项目集中开工。"
        "这2个项目分别为：总投资20亿元的华瑞科技有限公司年产5万吨新型板材项目；"
        "总投资15亿元的博远文化有限公司山谷综合开发项目。"
    )
    facts = [f for f in run(text, HB) if f.subject == "project"]
    assert [(f.project_name, f.stage, f.period_start) for f in facts] == [
        ("华瑞科技有限公司年产5万吨新型板材项目", "groundbreaking", "2024-09-05"),
        ("博远文化有限公司山谷综合开发项目", "groundbreaking", "2024-09-05"),
    ]


def test_a_batch_counted_after_its_figure_takes_the_verb_later_in_the_sentence() -> None:
    text = "本报讯 4月29日，总投资150亿元的华瑞新材料产业园、博远物流园等11个项目，在邯山区项目推介会上顺利签约。"
    f = one(run(text, HB), amount_cny=15_000_000_000)
    assert (f.project_count, f.stage, f.region) == (11, "signed", "邯山区")
