"""The shared cue words and the pattern helpers of xiangmu/extract/lexicon.py."""

from __future__ import annotations

from xiangmu.extract.lexicon import DATELINE, closing, one_of, opening, words


def test_helpers_keep_the_order_of_the_alternatives() -> None:
    # The first alternative that matches wins: 共 before 共计 reads only 共.
    assert words("共", "共计").match("共计").group() == "共"
    assert words("共计", "共").match("共计").group() == "共计"
    assert one_of("甲", "乙") == "(?:甲|乙)"


def test_opening_and_closing_anchor_the_text() -> None:
    assert opening("属于", "是").match("属于新兴产业")
    assert not opening("属于", "是").match("它属于")
    assert closing("项目", "工程").search("甲乙物流项目")
    assert not closing("项目", "工程").search("项目建设")


def test_dateline_covers_both_forms() -> None:
    pattern = opening(DATELINE)
    assert pattern.match("本报讯 今年以来")
    assert pattern.match("本报北京5日电 今年以来")
    assert not pattern.match("据本报记者")
