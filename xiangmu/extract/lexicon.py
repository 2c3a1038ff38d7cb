"""Cue words the extraction rules share, and the three ways the rules turn word lists into patterns.

Why a module: the same words (where a ceremony is held, a dateline, the province or the city
as a whole) were spelt out again in each rule that needed them; here each list has one home,
and a rule says how it uses a list (any of the words, a text opening or ending with one)
instead of repeating the regular expression around it.  Alternatives are regex fragments,
tried in the order given: the order is part of what a rule means (共计 before 共).
"""

from __future__ import annotations

import re

# A newspaper's own dateline: 本报讯 / 本报北京5日电 (at most six characters between).
DATELINE = r"(?:本报讯|本报[^\s，。]{0,6}电)"
# Verbs saying where an event took place (……在某县举行).
HELD = ("举行", "举办", "召开")
PROVINCE_WORDS = ("全省", "我省", "本省")
CITY_WORDS = ("全市", "我市", "本市", "该市", "市内", "市直", "市本级")
LOCAL_WORDS = ("全县", "该县", "我县", "本县", "全区", "该区", "我区", "本区", "园区内")
NATION_WORDS = ("全国", "我国")


def one_of(*alternatives: str) -> str:
    """``(?:a|b|c)``: a group matching one of the alternatives."""
    return "(?:" + "|".join(alternatives) + ")"


def words(*alternatives: str) -> re.Pattern[str]:
    """A pattern finding any of the alternatives anywhere."""
    return re.compile("|".join(alternatives))


def opening(*alternatives: str) -> re.Pattern[str]:
    """A pattern for a text that opens with one of the alternatives."""
    return re.compile("^" + one_of(*alternatives))


def closing(*alternatives: str) -> re.Pattern[str]:
    """A pattern for a text that ends with one of the alternatives."""
    return re.compile(one_of(*alternatives) + "$")
