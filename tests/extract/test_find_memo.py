"""Gazetteer.find remembers its answers within an article: the same answers as computing them."""

from __future__ import annotations

from xiangmu.extract.gazetteer import gazetteer


def test_remembered_answers_equal_computed_ones() -> None:
    gaz = gazetteer("hbrb")
    gaz.forget()
    texts = ["正定县集中开工项目12个，总投资30亿元", "高新区新开工项目12个", "全市重点项目", ""]
    for context in (None, "石家庄市", "保定市"):
        for text in texts:
            computed, _contextual = gaz._find(text, context)
            assert gaz.find(text, context) == computed
            assert gaz.find(text, context) == computed  # the remembered answer


def test_a_shared_zone_name_is_remembered_per_context() -> None:
    # 高新区 is several cities' zone: which one depends on the place the text is about.
    gaz = gazetteer("hbrb")
    gaz.forget()
    assert gaz.find("高新区新开工项目12个", "石家庄市") == [(0, 3, "石家庄高新技术产业开发区")]
    assert gaz.find("高新区新开工项目12个", "保定市") == [(0, 3, "保定高新技术产业开发区")]
    assert gaz.find("高新区新开工项目12个") == []


def test_callers_get_a_list_of_their_own() -> None:
    gaz = gazetteer("hbrb")
    gaz.forget()
    first = gaz.find("正定县集中开工项目12个")
    first.clear()
    assert gaz.find("正定县集中开工项目12个") == [(0, 3, "正定县")]
