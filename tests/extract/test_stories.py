"""Linking the parts of a continued story (上接/下转) within one edition; invented texts."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from xiangmu.extract import extract_story, stories
from xiangmu.extract.stories import (
    StoryPart,
    continued_from,
    continued_to,
    extract_part,
    extract_parts,
    link_parts,
    page_number,
)

DAY = dt.date(2024, 5, 6)
HEAD = "本报讯 5月5日，赵县集中开工项目10个，总投资30亿元。各项目加快推进，（下转第三版）"
TAIL = "（上接第一版）其中，投资8亿元的某某食品项目主要建设生产线。"


def part(key: str, page: str, body: str, title: str = "赵县项目集中开工") -> StoryPart:
    return StoryPart(key, "sjzrb", DAY, page, title, body)


def test_markers_and_page_numbers() -> None:
    assert (continued_from(TAIL), continued_to(HEAD)) == (1, 3)
    assert continued_from("(上接 03 版)正文") == 3
    assert continued_to("正文（下转第十二版）") == 12
    assert (page_number("第02版：要闻"), page_number("A3"), page_number(None)) == (2, 3, None)


def test_links_head_and_continuation_and_reads_once() -> None:
    parts = [part("a", "01", HEAD), part("x", "03", "本报讯 其他新闻。"), part("b", "03", TAIL)]
    assert [[p.key for p in s] for s in link_parts(parts)] == [["a", "b"], ["x"]]
    facts = extract_parts(parts)
    f = facts["b"][0]
    assert (f.region, f.stage, f.period_start) == ("赵县", "groundbreaking", "2024-05-05")
    assert TAIL[f.char_start : f.char_end] == f.evidence
    assert facts["x"] == []


def test_one_part_is_read_with_its_own_story_only(monkeypatch) -> None:
    """A continued part's facts are those of the whole-edition reading, and no other story is extracted."""
    others = [part(f"o{i}", "02", f"本报讯 某县签约项目{i + 2}个，总投资{i + 5}亿元。") for i in range(5)]
    parts = [part("a", "01", HEAD), *others, part("b", "03", TAIL)]
    whole = extract_parts(parts)
    read: list[list[str]] = []
    real = stories.extract_story

    def counted(texts, published, newspaper):
        read.append(list(texts))
        return real(texts, published, newspaper)

    monkeypatch.setattr(stories, "extract_story", counted)
    assert extract_part(parts, "b") == whole["b"] and whole["b"]
    assert extract_part(parts, "o3") == whole["o3"] and whole["o3"]
    assert read == [[HEAD, TAIL], [others[3].body_text]]
    assert extract_part(parts, "missing") == []


def test_ambiguous_heads_are_resolved_by_title_or_left_alone() -> None:
    other = part("c", "01", "本报讯 另一篇文章。（下转第三版）", title="别的标题")
    parts = [part("a", "01", HEAD), other, part("b", "03", TAIL)]
    assert [[p.key for p in s] for s in link_parts(parts)] == [["a", "b"], ["c"]]
    same_title = part("c", "01", "本报讯 另一篇文章。（下转第三版）")
    parts = [part("a", "01", HEAD), same_title, part("b", "03", TAIL)]
    assert sorted(len(s) for s in link_parts(parts)) == [1, 1, 1]


def test_other_edition_or_wrong_page_is_not_linked() -> None:
    later = StoryPart("b", "sjzrb", DAY + dt.timedelta(days=1), "03", "赵县项目集中开工", TAIL)
    assert all(len(s) == 1 for s in link_parts([part("a", "01", HEAD), later]))
    assert all(len(s) == 1 for s in link_parts([part("a", "01", HEAD), part("b", "04", TAIL)]))


_ALPHABET = "（）上接下转第一二版本报讯总投资项目个亿元。，其中1234赵县\n"
# Digit runs and huge numbers once crashed the reader (OverflowError) in any part of a story.
_RUN = st.builds(lambda d, n: d * n, st.sampled_from("1239一二九"), st.integers(1, 600))
_FIGURE = st.builds(
    lambda kw, run, unit: kw + run + unit,
    st.sampled_from(["总投资", "开工项目", "5月", ""]),
    _RUN,
    st.sampled_from(["亿元", "个", "日", ""]),
)
_NOISE = st.lists(st.one_of(st.text(alphabet=_ALPHABET, max_size=30), _FIGURE), max_size=6).map("".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(_NOISE, max_size=3))
def test_story_offsets_point_at_evidence(noise: list[str]) -> None:
    # HEAD's 30亿 and TAIL's 8亿 cannot come out of the noise (no 0 or 8 in it): both must be read.
    texts = [HEAD, *noise, TAIL]
    results = extract_story(texts, DAY, "sjzrb")
    assert len(results) == len(texts)
    for text, facts in zip(texts, results, strict=True):
        for f in facts:
            assert text[f.char_start : f.char_end] == f.evidence
            assert f.project_count is None or f.project_count <= 10_000
    assert [f.amount_cny for f in results[0]] == [3_000_000_000]
    assert 800_000_000 in [f.amount_cny for f in results[-1]]
