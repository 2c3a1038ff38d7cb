"""A figure whose place the text never says is refused and recorded, not filed under the city.

A county's own report speaks as 我县 (到我县观摩……共谋划N个项目，总投资X) and may never name
the county; other counties named in it are visitors.  Filing its figures under the city the
text mentions put a county's batch into the city's totals (issue 10): the reader now hands
such a figure to ``rejected.refuse`` with reason ``place_unknown``.  Sentences written here.
"""

from __future__ import annotations

import datetime as dt

import pytest

from xiangmu import vocabulary
from xiangmu.extract import extract_facts
from xiangmu.extract.gazetteer import gazetteer
from xiangmu.extract.rejected import collecting_refusals, refused_in

DAY = dt.date(2023, 10, 13)
OWN_TEXT = (
    "全市县城建设观摩组到我县观摩\n\n"
    "10月12日，全市县城建设观摩组一行到我县观摩。\n"
    "今年以来，我县全力推进县城建设。共谋划实施30个县城建设项目，总投资42.5亿元，年度计划投资20亿元。\n"
    "平山县、赞皇县政府分管负责同志参加观摩。"
)


@pytest.mark.parametrize("paper", ["sjzrb", "hbrb"])
def test_a_county_text_that_never_names_itself_gives_refusals_not_city_facts(paper: str) -> None:
    with collecting_refusals() as refusals:
        facts = extract_facts(OWN_TEXT, DAY, paper)
    assert [f for f in facts if f.amount_cny in (4.25e9, 2e9)] == []
    got = refused_in(OWN_TEXT, refusals)
    assert [(r.kind, r.reason, r.raw_text) for r in got] == [
        ("amount", "place_unknown", "42.5亿元"),
        ("amount", "place_unknown", "20亿元"),
    ]
    for r in got:
        assert OWN_TEXT[r.char_start : r.char_end] == r.raw_text
        assert "我县" in r.detail
    assert {r.reason for r in got} <= set(vocabulary.codes(vocabulary.REJECT_REASONS))


@pytest.mark.parametrize("paper", ["sjzrb", "hbrb"])
def test_the_county_its_lead_names_is_the_texts_among_visiting_counties(paper: str) -> None:
    text = OWN_TEXT.replace("一行到我县观摩。", "一行到元氏县观摩。")
    with collecting_refusals() as refusals:
        facts = extract_facts(text, DAY, paper)
    assert {(f.region, f.measure, f.amount_cny) for f in facts} == {
        ("元氏县", "total_investment", 4.25e9),
        ("元氏县", "planned_investment", 2e9),
    }
    assert refusals == []


def test_a_figure_with_its_own_county_in_such_a_text_is_kept() -> None:
    text = OWN_TEXT.replace("共谋划实施30个", "其中赞皇县谋划实施30个")
    with collecting_refusals() as refusals:
        facts = extract_facts(text, DAY, "sjzrb")
    assert ("赞皇县", 4.25e9) in {(f.region, f.amount_cny) for f in facts}
    assert all(r.raw_text != "42.5亿元" for _t, r in refusals)


@pytest.mark.parametrize("word", ["全县", "全区", "我县"])
def test_a_whole_county_of_no_name_in_the_citys_paper_is_refused(word: str) -> None:
    text = f"今年以来，{word}开工项目30个，总投资52亿元。"
    with collecting_refusals() as refusals:
        facts = extract_facts(text, DAY, "sjzrb")
    assert facts == []
    assert [(r.reason, r.raw_text) for r in refused_in(text, refusals)] == [("place_unknown", "52亿元")]


def test_the_whole_city_stays_the_citys() -> None:
    text = "今年以来，全市开工项目30个，总投资52亿元。"
    with collecting_refusals() as refusals:
        facts = extract_facts(text, DAY, "sjzrb")
    assert [(f.region, f.amount_cny) for f in facts] == [("石家庄市", 5.2e9)]
    assert refusals == []


def test_refusals_index_only_the_text_they_were_found_in() -> None:
    with collecting_refusals() as refusals:
        extract_facts(OWN_TEXT, DAY, "sjzrb")
        extract_facts("本报讯 赵县集中开工项目10个，总投资30亿元。", DAY, "sjzrb")
    assert len(refused_in(OWN_TEXT, refusals)) == 2
    assert refused_in("本报讯 赵县集中开工项目10个，总投资30亿元。", refusals) == []


def test_without_a_collector_nothing_is_kept() -> None:
    extract_facts(OWN_TEXT, DAY, "sjzrb")
    with collecting_refusals() as refusals:
        pass
    assert refusals == []


def test_a_city_short_name_before_kaifaqu_is_its_economic_zone() -> None:
    gaz = gazetteer("hbrb")
    assert [n for _s, _e, n in gaz.find("邢台开发区11个重点项目集中开工")] == ["河北邢台经济开发区"]
    text = "邢台开发区投资68.9亿元的11个重点项目集中开工\n本报讯 3月2日，我区举行春季重点项目集中开工仪式。"
    facts = extract_facts(text, dt.date(2017, 3, 6), "hbrb")
    assert {f.region for f in facts} == {"河北邢台经济开发区"}


def test_a_citys_own_text_in_the_provincial_paper_naming_no_city_is_refused() -> None:
    text = "我市15个重点项目集中开工\n此次集中开工项目共15个，全部位于开发区核心区，总投资41亿元。"
    with collecting_refusals() as refusals:
        facts = extract_facts(text, dt.date(2017, 11, 15), "hbrb")
    assert facts == []
    [r] = refused_in(text, refusals)
    assert (r.reason, r.raw_text) == ("place_unknown", "41亿元") and "city" in r.detail


def test_the_citys_own_paper_says_which_city_its_we_is() -> None:
    text = "我市15个重点项目集中开工\n此次集中开工项目共15个，涉及多个领域，总投资41亿元。"
    with collecting_refusals() as refusals:
        facts = extract_facts(text, dt.date(2017, 11, 15), "sjzrb")
    assert [f.region for f in facts] == ["石家庄市"] and refusals == []
