from __future__ import annotations

from xiangmu.extract.normalize import paragraphs


def _texts(text: str) -> list[str]:
    return [p.text for p in paragraphs(text)]


def test_joins_word_broken_across_paragraphs() -> None:
    text = "今年以来，全区上下聚焦产业升级，推动重点项\n\n目加快建设，成效明显。"
    assert _texts(text) == ["今年以来，全区上下聚焦产业升级，推动重点项目加快建设，成效明显。"]


def test_joins_number_broken_from_its_unit() -> None:
    text = "投资1.25\n\n亿元的东方包装项目开工。"
    assert _texts(text) == ["投资1.25亿元的东方包装项目开工。"]


def test_keeps_headings_separate() -> None:
    text = "栾城区\n\n多措并举促发展\n\n本报讯 9月2日，栾城区举行签约仪式，签约项目5个。"
    paras = paragraphs(text)
    assert [p.text for p in paras][:2] == ["栾城区", "多措并举促发展"]
    assert [p.heading for p in paras] == [True, True, False]


def test_does_not_join_body_to_following_headline() -> None:
    text = "此次活动在产业园现场设主会场，\n\n市召开创新工作会议\n\n本报讯 会议日前召开，部署工作。"
    assert _texts(text)[1] == "市召开创新工作会议"


def test_drops_repeated_paragraphs_and_bylines() -> None:
    body = "坚持项目为王，抓好要素保障，推动项目早日投产。"
    text = f"□本报记者 赵六\n\n{body}\n\n{body}\n\n本报记者 钱七 摄"
    assert _texts(text) == [body]


def test_offsets_map_back_to_original() -> None:
    text = "\u3000\u3000全市开工项目18个，总投资\n\n20.4亿元，进展顺利。"
    [p] = paragraphs(text)
    start, end = p.span(0, len(p.text))
    assert text[start:end].replace("\n", "") == p.text
    i = p.text.index("20.4")
    assert text[p.pos[i] : p.pos[i] + 4] == "20.4"
