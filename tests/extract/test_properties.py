"""Arbitrary text must never crash the extractor or break the evidence offsets."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xiangmu.extract import extract_facts
from xiangmu.extract.rejected import find_rejected

# Fragments that exercise the rules, mixed with arbitrary characters.
_PIECES = [
    "总投资",
    "投资",
    "完成投资",
    "年度计划投资",
    "利用外资",
    "项目",
    "个",
    "项",
    "亿元",
    "万元",
    "美元",
    "的",
    "，",
    "。",
    "；",
    "\n\n",
    "\n",
    "其中",
    "全市",
    "全省",
    "赵县",
    "高新区",
    "经开区",
    "本报讯",
    "（上接第一版）",
    "约",
    "余",
    "以上",
    "12.5",
    "3",
    "三十",
    "8月6日",
    "上半年",
    "1-8月",
    "工业类",
    "该项目",
    "集中开工",
    "签约",
    "“",
    "”",
    "□本报记者 某某",
    "#",
    " ",
    "\u3000",
]
_text = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=6)), max_size=60).map("".join)

# The shapes that once crashed or stalled the extractor: runs of digits and numerals, huge
# numbers, comma lists of figures, unit lines, control characters and NUL.
_UNITS = ["亿元", "万元", "元", "亿", "个", "项", "月", "日", "%", "万亿元", "美元", ""]
_digit_run = st.builds(lambda d, n: d * n, st.sampled_from("0123456789"), st.integers(1, 3000))
_numeral_run = st.builds(lambda d, n: d * n, st.sampled_from("零〇一二两三四五六七八九十百千点"), st.integers(1, 800))
_huge = st.integers(min_value=10**9, max_value=10**400).map(str)
_figure = st.builds(
    lambda kw, n, u: kw + n + u,
    st.sampled_from(["总投资", "投资", "完成投资", "项目", "开工项目", "5月", "占计划的", ""]),
    st.one_of(_huge, _digit_run, _numeral_run, st.integers(0, 10**6).map(str), st.just("2147483648")),
    st.sampled_from(_UNITS),
)
_comma_list = st.builds(
    lambda figs, sep: sep.join(figs), st.lists(_figure, min_size=2, max_size=40), st.sampled_from([",", "，", "、", ""])
)
_controls = st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Co", "Cn"]), max_size=8)
_hostile_piece = st.one_of(
    _figure, _comma_list, _digit_run, _numeral_run, _controls, st.just("\x00"), st.just("亿1\n" * 50),
    st.sampled_from(_PIECES), st.text(max_size=6),
)
_hostile = st.lists(_hostile_piece, max_size=25).map("".join)

# A sentence that must survive whatever precedes it, in its own paragraph.  37.77亿 cannot come
# out of the hostile pieces (no decimals), so the fact is not dropped as a repeat.
ANCHOR = "赵县开工项目12个，总投资37.77亿元。"
MAX_COUNT, MAX_AMOUNT = 10_000, 1e14


def _check(text: str, facts) -> None:
    for fact in facts:
        assert text[fact.char_start : fact.char_end] == fact.evidence
        assert fact.subject in ("portfolio", "project")
        assert (fact.subject == "project") == (fact.project_name is not None)
        assert (fact.amount_cny is None) == (fact.currency != "CNY")
        assert fact.project_count is None or 0 <= fact.project_count <= MAX_COUNT
        assert 0 <= fact.amount_original <= MAX_AMOUNT
        assert fact.completion_rate is None or 0 <= fact.completion_rate < 10_000
        fact.to_dict()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=_text,
    day=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2035, 12, 31)),
    paper=st.sampled_from(["sjzrb", "hbrb", "other"]),
)
def test_never_crashes_and_offsets_hold(text: str, day: dt.date, paper: str) -> None:
    _check(text, extract_facts(text, day, paper))
    _check_anchored(text, day, paper)


def _check_anchored(noise: str, day: dt.date, paper: str) -> None:
    """Noise around a known sentence: the checks above run on at least one fact."""
    text = noise + "。\n\n" + ANCHOR + "\n\n" + noise
    facts = extract_facts(text, day, paper)
    _check(text, facts)
    anchor_at = len(noise) + 3
    anchored = [f for f in facts if f.amount_cny == 3_777_000_000]
    assert anchored, "the anchor sentence's fact is read"
    assert any(anchor_at <= f.char_start and f.char_end <= anchor_at + len(ANCHOR) for f in anchored)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    noise=_hostile,
    day=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2035, 12, 31)),
    paper=st.sampled_from(["sjzrb", "hbrb"]),
)
def test_hostile_text_never_crashes_and_the_good_fact_survives(noise: str, day: dt.date, paper: str) -> None:
    _check(noise, extract_facts(noise, day, paper))
    for r in find_rejected(noise):
        assert noise[r.char_start : r.char_end][:120] == r.raw_text
        assert r.reason in ("number_too_long", "amount_too_large", "count_too_large", "day_not_exist")
    _check_anchored(noise, day, paper)
