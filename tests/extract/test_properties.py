"""Arbitrary text must never crash the extractor or break the evidence offsets."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xiangmu.extract import extract_facts

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


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=_text,
    day=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2035, 12, 31)),
    paper=st.sampled_from(["sjzrb", "hbrb", "other"]),
)
def test_never_crashes_and_offsets_hold(text: str, day: dt.date, paper: str) -> None:
    for fact in extract_facts(text, day, paper):
        assert text[fact.char_start : fact.char_end] == fact.evidence
        assert fact.subject in ("portfolio", "project")
        assert (fact.subject == "project") == (fact.project_name is not None)
        assert (fact.amount_cny is None) == (fact.currency != "CNY")
        fact.to_dict()
