"""Shapes a blind pool of real reporting failed on (issue 10), each in sentences written here.

Size bands, venues in other cities or in zones, companies' home cities, category subsets,
completion against a portfolio's plan, figures only a headline states, and names that must
stop at a clause boundary.
"""

from __future__ import annotations

import pytest
from extract_helpers import one, regions_by_amount, run

HB = "hbrb"


# 1. Size bands: a threshold is no amount; the batch's own total stays.
@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "本报讯 今年以来，邢台市新开工项目85个，总投资320亿元。其中，总投资超5亿元的项目17个、超10亿元的5个。",
            [32e9],
        ),
        ("本报讯 今年以来，邢台市新开工项目85个，总投资320亿元，其中投资超10亿元的项目达4个。", [32e9]),
        ("本报讯 今年以来，邢台市新开工项目85个，总投资320亿元，其中总投资超过20亿元的项目有3个。", [32e9]),
        ("本报讯 今年，邢台市实施重点项目120个，其中总投资过亿元的项目60个，10亿元以上项目9个。", []),
    ],
)
def test_size_bands_are_not_amounts(text: str, kept: list[float]) -> None:
    assert sorted(f.amount_cny for f in run(text, HB)) == kept


def test_band_in_the_sentence_after_a_larger_batch() -> None:
    text = "本报讯 今年以来，邢台市新开工项目85个，总投资320亿元。总投资超5亿元的项目17个，占比20%。"
    assert [f.amount_cny for f in run(text, HB)] == [32e9]


def test_a_larger_batch_after_a_smaller_one_is_still_a_total() -> None:
    text = "本报讯 今年，沧州市开工项目100个，总投资200亿元。谋划总投资超320亿元的重点项目439项。"
    assert sorted(f.amount_cny for f in run(text, HB)) == [20e9, 32e9]


def test_a_band_may_still_announce_a_batch_with_its_total() -> None:
    f = one(run("本报讯 今年，邢台市推进总投资10亿元以上项目53个，总投资1102.5亿元。", HB), amount_cny=110_250_000_000)
    assert (f.region, f.subject, f.project_count) == ("邢台市", "portfolio", 53)


def test_over_a_total_with_its_batch_after_it_is_still_a_total() -> None:
    f = one(run("本报讯 今年，沧州市谋划总投资超320亿元的重点项目439项。", HB), measure="total_investment")
    assert (f.amount_cny, f.project_count, f.approximate) == (32_000_000_000, 439, True)


# 2. A company's home city inside its name is not the project's place.
def test_firm_home_city_does_not_move_a_county_project() -> None:
    text = "本报讯 近日，威县又一批项目开工。由石家庄市华瑞科技有限公司投资1亿元打造的新能源电池项目正式开工建设。"
    f = one(run(text, HB), project_name="石家庄市华瑞科技有限公司新能源电池项目")
    assert f.region == "威县"


def test_firm_home_city_opening_a_paragraph_under_a_city_heading() -> None:
    text = (
        "# 邢台\n\n本报讯 近日，威县又一批项目开工。\n\n"
        "由邢台市华瑞科技有限公司投资1亿元打造的新能源电池项目正式开工建设。"
    )
    assert one(run(text, HB), amount_cny=100_000_000).region == "威县"


def test_firm_of_another_county_builds_in_the_county_it_lands_in() -> None:
    text = "本报讯 近日，威县又一批项目开工。清河县华瑞科技有限公司投资1亿元建设的新能源电池项目落户威县。"
    assert one(run(text, HB), amount_cny=100_000_000).region == "威县"


def test_a_county_firm_in_a_report_about_its_city_stays_the_county_s() -> None:
    text = "本报讯 近日，邢台市又一批项目开工。威县华瑞科技有限公司投资1亿元建设的新能源电池项目开工。"
    assert one(run(text, HB), amount_cny=100_000_000).region == "威县"


def test_firm_home_city_is_kept_when_the_text_names_no_other_place() -> None:
    f = one(run("本报讯 近日，石家庄市华瑞科技有限公司投资1亿元的新能源电池项目开工。", HB), amount_cny=100_000_000)
    assert f.region == "石家庄市"


# 3 and 4. The organiser owns an event wherever it is held.
@pytest.mark.parametrize(
    "text",
    [
        "本报讯 9月5日，威县在石家庄市举行招商推介会，12个项目集中签约，总投资56亿元。",
        "本报讯 9月5日，威县招商推介会在石家庄市举行，12个项目集中签约，总投资56亿元。",
        "本报讯 9月5日，威县在邢台市举行的全市招商引资大会上，12个项目集中签约，总投资56亿元。",
        "本报讯 9月5日，威县举行项目集中签约仪式，来自北京、石家庄市等地的12个项目集中签约，总投资56亿元。",
    ],
)
def test_a_county_signing_held_elsewhere_is_the_county_s(text: str) -> None:
    f = one(run(text, HB), amount_cny=5_600_000_000)
    assert (f.region, f.subject, f.project_count, f.stage) == ("威县", "portfolio", 12, "signed")


def test_a_city_event_in_another_city_and_the_project_after_it() -> None:
    text = (
        "本报讯 9月5日，邢台市投资环境说明会在石家庄市举行，15个项目现场签约，总投资86亿元。"
        "\n\n签约项目中，总投资20亿元的新能源装备制造项目备受关注。"
    )
    facts = run(text, HB)
    assert regions_by_amount(facts) == {8_600_000_000: "邢台市", 2_000_000_000: "邢台市"}
    assert one(facts, amount_cny=2_000_000_000).project_name == "新能源装备制造项目"


@pytest.mark.parametrize(
    "lead",
    [
        "本报讯 9月5日，在石家庄市举行的邢台市投资说明会上，15个项目现场签约，总投资86亿元。",
        "本报讯 9月5日，邢台市代表团赴石家庄市开展招商活动，15个项目现场签约，总投资86亿元。",
        "本报讯 9月5日，2024邢台（石家庄）投资说明会举行，15个项目现场签约，总投资86亿元。",
    ],
)
def test_other_ways_of_naming_the_venue_of_a_city_s_event(lead: str) -> None:
    facts = run(lead + "\n\n签约项目中，总投资20亿元的新能源装备制造项目备受关注。", HB)
    assert regions_by_amount(facts) == {8_600_000_000: "邢台市", 2_000_000_000: "邢台市"}


def test_a_city_ceremony_held_in_its_county_stays_the_city_s() -> None:
    text = "本报讯 9月5日，邢台市招商引资项目集中签约仪式在威县举行，15个项目现场签约，总投资86亿元。"
    assert one(run(text, HB), amount_cny=8_600_000_000).region == "邢台市"


# 5. A main venue in a zone does not capture the city's figures.
@pytest.mark.parametrize(
    "text",
    [
        "本报讯 9月5日，我市第三季度重点项目集中开工活动举行，主会场设在邢台经济开发区，此次集中开工项目56个，"
        "总投资120亿元。\n\n今年全市共安排市重点项目300个，年度计划投资800亿元。去年，全市重点项目完成投资700亿元。",
        "本报讯 9月5日，全市第三季度重点项目集中开工活动举行，主会场设在邢台经济开发区。此次集中开工项目56个，"
        "总投资120亿元。今年全市共安排重点项目300个，年度计划投资800亿元。去年全市重点项目完成投资700亿元。",
    ],
)
def test_main_venue_in_a_zone(text: str) -> None:
    facts = run(text, "xtrb")
    assert {f.region for f in facts} == {"邢台市"}
    assert {f.subject for f in facts} == {"portfolio"}
    assert sorted(f.amount_cny for f in facts) == [12e9, 70e9, 80e9]


# 6. Categories are a part of the batch, not a project.
def test_category_subset_is_a_portfolio_figure() -> None:
    text = "本报讯 今年，邢台市实施重点项目120个，总投资900亿元。其中，先进制造业项目和现代服务业项目总投资400亿元。"
    f = one(run(text, HB), amount_cny=40_000_000_000)
    assert (f.subject, f.project_name, f.region, f.category) == ("portfolio", None, "邢台市", "先进制造业、现代服务业")


@pytest.mark.parametrize("name", ["威县智能制造产业园项目", "华瑞农业项目", "恒泰新材料产业项目"])
def test_a_named_project_is_not_a_category(name: str) -> None:
    f = one(run(f"本报讯 今年，威县{name}总投资4亿元。", HB), amount_cny=400_000_000)
    assert f.subject == "project" and f.project_name.endswith(name) and f.category is None


# 7. 完成<batch>投资X is the batch's completed investment.
def test_completion_against_plan_is_the_portfolio_s() -> None:
    f = one(run("本报讯 今年上半年，邢台市完成市以上重点项目投资350亿元，占全年计划的56%。", HB))
    assert (f.subject, f.project_name, f.measure, f.region) == ("portfolio", None, "completed_investment", "邢台市")
    assert (f.completion_rate, f.period_start, f.period_end) == (56.0, "2024-01-01", "2024-06-30")


def test_planned_completion_of_a_batch() -> None:
    f = one(run("本报讯 今年，邢台市计划完成省重点项目投资500亿元。", HB))
    assert (f.subject, f.measure, f.region) == ("portfolio", "planned_investment", "邢台市")


# 8. A figure only the headline states.
def test_figure_only_in_the_headline() -> None:
    title = "邢台市15个项目集中开工 总投资86亿元"
    text = f"# {title}\n\n本报讯 9月5日，邢台市举行重点项目集中开工活动，15个项目集中开工。"
    [f] = run(text, HB)
    assert (f.region, f.subject, f.project_count, f.amount_cny, f.stage) == (
        "邢台市", "portfolio", 15, 8_600_000_000, "groundbreaking"
    )
    assert title in f.evidence


def test_headline_rounding_the_body_s_figure_is_not_a_second_fact() -> None:
    text = (
        "# 邢台市15个项目集中开工 总投资86亿元\n\n"
        "本报讯 9月5日，邢台市举行重点项目集中开工活动，15个项目集中开工，总投资86.3亿元。"
    )
    assert [f.amount_cny for f in run(text, HB)] == [8_630_000_000]


def test_figure_in_a_subtitle_reads_with_the_kicker_and_title() -> None:
    text = "# 威县\n\n# 12个项目集中签约\n\n# 总投资56亿元\n\n本报讯 9月5日，威县举行招商引资项目集中签约仪式。"
    [f] = run(text, HB)
    assert (f.region, f.project_count, f.amount_cny, f.stage) == ("威县", 12, 5_600_000_000, "signed")


def test_headline_slogan_without_digits_is_no_figure() -> None:
    assert run("# 威县签约项目总投资超百亿元\n\n本报讯 9月5日，威县举行项目签约活动，推动项目落地。", HB) == []


# 9. A name stops at the clause boundary and drops the visitors' verbs.
@pytest.mark.parametrize(
    "text",
    [
        "本报讯 9月5日,邢台经济开发区举行项目观摩活动,先后来到邢台港区,实地察看智能装备产业园项目建设现场。"
        "该项目总投资10亿元。",
        "本报讯 9月5日，邢台经济开发区举行项目观摩活动，观摩团来到港区，实地察看智能装备产业园项目建成投产情况。"
        "该项目总投资10亿元。",
    ],
)
def test_zone_project_name_has_no_junk(text: str) -> None:
    f = one(run(text, HB), amount_cny=1_000_000_000)
    assert f.project_name == "智能装备产业园项目"


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("本报讯 今年以来，邢台市重点项目完成年度投资120亿元，占年度计划的80%。", "completed_investment"),
        ("本报讯 今年以来，邢台市重点项目累计完成年度投资120亿元。", "completed_investment"),
        ("本报讯 今年，邢台市重点项目计划完成年度投资120亿元。", "planned_investment"),
        ("本报讯 今年，邢台市重点项目年度投资120亿元。", "planned_investment"),
    ],
)
def test_done_of_the_years_investment_is_completed(text: str, measure: str) -> None:
    assert one(run(text, HB), amount_cny=12e9).measure == measure
