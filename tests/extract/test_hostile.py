"""Hostile input: figures that would overflow, implausible values, unbounded runs, the time budget.

Every text here is invented.  Each case once crashed the extractor (OverflowError) or let an
absurd value through to the warehouse; the tests pin the bounded behaviour.
"""

from __future__ import annotations

import datetime as dt

import pytest

from xiangmu.extract import extract_facts
from xiangmu.extract.limits import (
    MAX_SENTENCE_CHARS,
    ExtractionTimeout,
    bounded_sentences,
    check_deadline,
    time_budget,
)
from xiangmu.extract.numbers import (
    MAX_AMOUNT,
    MAX_PROJECT_COUNT,
    FigureRejected,
    find_money,
    parse_count,
    parse_number,
)
from xiangmu.extract.periods import find_period
from xiangmu.extract.rejected import find_rejected

DAY = dt.date(2024, 5, 6)
GOOD = "赵县开工项目12个，总投资30亿元。"

CRASHERS = {
    "amount_400_digits": "本报讯 赵县项目总投资" + "9" * 400 + "亿元。",
    "count_400_digits": "本报讯 赵县开工项目" + "9" * 400 + "个，总投资5亿元。",
    "numeral_400_chars": "本报讯 赵县开工项目" + "九" * 400 + "个，总投资5亿元。",
    "amount_numeral_400": "本报讯 赵县项目总投资" + "九" * 400 + "亿元。",
    "day_20_digits": "本报讯 5月" + "9" * 20 + "日，赵县开工项目3个，总投资5亿元。",
    "month_20_digits": "本报讯 " + "9" * 20 + "月6日，赵县开工项目3个，总投资5亿元。",
    "rate_400_digits": "本报讯 赵县项目完成投资5亿元，占年度计划的" + "9" * 400 + "%。",
}


@pytest.mark.parametrize("name", sorted(CRASHERS))
def test_crash_shapes_extract_without_error_and_without_absurd_facts(name: str) -> None:
    text = CRASHERS[name] + "\n\n" + GOOD
    facts = extract_facts(text, DAY, "sjzrb")
    assert any(f.amount_cny == 3e9 and f.project_count == 12 for f in facts), "the good sentence is still read"
    for f in facts:
        assert text[f.char_start : f.char_end] == f.evidence
        assert f.project_count is None or 0 <= f.project_count <= MAX_PROJECT_COUNT
        assert 0 <= f.amount_original <= MAX_AMOUNT
        assert f.completion_rate is None or f.completion_rate < 10_000


def test_project_count_of_two_to_the_31_is_not_a_fact() -> None:
    text = "本报讯 赵县开工项目2147483648个，总投资5亿元。"
    assert all(f.project_count != 2147483648 for f in extract_facts(text, DAY, "sjzrb"))
    [rej] = [r for r in find_rejected(text) if r.kind == "project_count"]
    assert (rej.reason, rej.raw_text) == ("count_too_large", "2147483648个")
    assert text[rej.char_start : rej.char_end] == rej.raw_text


def test_numbers_are_parsed_with_bounds() -> None:
    with pytest.raises(FigureRejected) as info:
        parse_number("9" * 400)
    assert info.value.reason == "number_too_long"
    with pytest.raises(FigureRejected):
        parse_number("九" * 400)
    with pytest.raises(FigureRejected):
        parse_number("1" + "0" * 30 + ".5")
    assert parse_number("1,234.5") == 1234.5
    assert parse_number("九千九百九十九") == 9999
    assert parse_count("9" * 400) is None
    assert parse_count("10001") is None
    assert parse_count("10000") == 10_000
    assert parse_count("三十") == 30


def test_amount_above_100_trillion_yuan_is_not_money() -> None:
    assert find_money("总投资100万亿元")[0].value == 1e14  # the bound itself is allowed
    assert find_money("总投资100.5万亿元") == []
    assert find_money("总投资" + "9" * 30 + "元") == []


def test_impossible_days_give_no_period() -> None:
    assert find_period("5月" + "9" * 20 + "日", DAY) is None
    assert find_period("9" * 20 + "月6日", DAY) is None
    assert find_period("2月30日", DAY) is None
    assert find_period("5月6日", DAY) == (dt.date(2024, 5, 6), dt.date(2024, 5, 6))


@pytest.mark.parametrize(
    ("text", "kind", "reason", "raw"),
    [
        ("项目总投资120万亿元。", "amount", "amount_too_large", "120万亿元"),
        ("项目总投资" + "9" * 30 + "亿元。", "amount", "number_too_long", "9" * 30 + "亿元"),
        ("项目总投资" + "9" * 400 + "亿元。", "amount", "number_too_long", "9" * 400 + "亿元"),
        ("项目总投资" + "九" * 40 + "亿元。", "amount", "number_too_long", "九" * 40 + "亿元"),
        ("开工项目20000个。", "project_count", "count_too_large", "20000个"),
        ("共有" + "9" * 50 + "个项目开工。", "project_count", "number_too_long", "9" * 50 + "个"),
        ("2023年2月29日，项目开工。", "day", "day_not_exist", "2023年2月29日"),
        ("4月31日，项目开工。", "day", "day_not_exist", "4月31日"),
        ("13月5日，项目开工。", "day", "day_not_exist", "13月5日"),
        ("5月" + "9" * 20 + "日，项目开工。", "day", "number_too_long", "5月" + "9" * 20 + "日"),
    ],
)
def test_rejected_figures_name_kind_reason_and_offsets(text: str, kind: str, reason: str, raw: str) -> None:
    found = find_rejected(text)
    assert [(r.kind, r.reason) for r in found] == [(kind, reason)]
    rej = found[0]
    assert text[rej.char_start : rej.char_end] == raw
    assert rej.raw_text == raw[:120]
    assert rej.detail


def test_plausible_figures_are_not_rejected() -> None:
    text = "2024年2月29日，全市开工项目9999个，总投资99万亿元，其中赵县项目总投资3.5亿元，12月31日竣工。"
    assert find_rejected(text) == []


def test_amounts_outside_investment_context_are_not_recorded() -> None:
    assert find_rejected("全国国内生产总值达126万亿元。") == []


def _check_cover(text: str, spans: list[tuple[int, int]]) -> None:
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a < b and b - a <= MAX_SENTENCE_CHARS for a, b in spans)
    assert all(p[1] == q[0] for p, q in zip(spans, spans[1:], strict=False))


def test_long_sentences_are_read_in_bounded_chunks_that_cover_the_text() -> None:
    text = "，".join(["总投资5亿元"] * 2000) + "。"
    spans = bounded_sentences(text, [(0, len(text))])
    _check_cover(text, spans)
    assert len(spans) > 1
    # cut right after a clause boundary when there is one: no figure split in two
    assert all(text[b - 1] == "，" for _, b in spans[:-1])
    runs = "1" * 5000 + "九" * 3000
    _check_cover(runs, bounded_sentences(runs, [(0, len(runs))]))
    short = "短句。另一句。"
    assert bounded_sentences(short, [(0, 3), (3, 7)]) == [(0, 3), (3, 7)]


def test_a_long_list_of_figures_still_yields_its_facts_with_exact_offsets() -> None:
    text = "赵县开工项目3个，" + "，".join(["某某项目总投资5亿元"] * 400) + "。"
    facts = extract_facts(text, DAY, "sjzrb")
    assert facts, "the list's figure is read"
    for f in facts:
        assert text[f.char_start : f.char_end] == f.evidence


def test_time_budget_is_cooperative_and_nests() -> None:
    check_deadline()  # no budget: never raises
    with time_budget(0.0):
        with pytest.raises(ExtractionTimeout):
            check_deadline()
        with time_budget(60.0), pytest.raises(ExtractionTimeout):  # an inner budget cannot extend the outer one
            check_deadline()
    check_deadline()


def test_extraction_over_budget_raises_timeout_instead_of_running_on() -> None:
    text = "\n\n".join([GOOD] * 50)
    with time_budget(0.0), pytest.raises(ExtractionTimeout):
        extract_facts(text, DAY, "sjzrb")


def test_nul_and_control_characters_are_plain_text() -> None:
    text = "本报讯\x00 赵县开工项目12个，\x07总投资30亿元。\x1b[31m\ufffe"
    for f in extract_facts(text, DAY, "sjzrb"):
        assert text[f.char_start : f.char_end] == f.evidence
