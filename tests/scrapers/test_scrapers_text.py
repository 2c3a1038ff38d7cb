"""Decoding and cleaning, without the network."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from scrapers.registry import get_source
from scrapers.text import clean, decode_html

PAGE = '<html><head><meta charset="{cs}"></head><body>石家庄日报 重点项目 𠀀</body></html>'


def test_header_charset_wins() -> None:
    body = PAGE.format(cs="utf-8").replace("𠀀", "").encode("gbk")
    assert "重点项目" in decode_html(body, "text/html; charset=GBK")


def test_meta_charset_used_without_header() -> None:
    body = PAGE.format(cs="gb2312").replace("𠀀", "").encode("gb2312")
    assert "石家庄日报" in decode_html(body, "text/html")


def test_gb18030_fallback_without_any_declaration() -> None:
    body = "<p>河北日报 重点项目 𠀀</p>".encode("gb18030")
    assert decode_html(body, None) == "<p>河北日报 重点项目 𠀀</p>"


def test_wrongly_declared_utf8_falls_back() -> None:
    body = PAGE.format(cs="utf-8").encode("gb18030")
    assert "石家庄日报" in decode_html(body, "text/html; charset=utf-8")


def test_nfc_and_indentation() -> None:
    decomposed = unicodedata.normalize("NFD", "café")
    assert clean("\u3000\u3000" + decomposed + "\u00a0 ") == "café"
    assert clean("记者\u3000赵艺") == "记者\u3000赵艺"  # inner ideographic space is content
    assert clean(" a \n\t b ") == "a b"


@given(st.text())
def test_clean_is_idempotent_and_trimmed(s: str) -> None:
    once = clean(s)
    assert clean(once) == once
    assert not once.startswith(("\u3000", " ")) and not once.endswith(("\u3000", " "))


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_utf8_roundtrip(s: str) -> None:
    assert decode_html(s.encode("utf-8"), "text/html; charset=utf-8") == unicodedata.normalize("NFC", s)


SJZRB_URL = "http://sjzrb.sjzdaily.com.cn/sjzrbpaper/pc/content/202409/12/content_1.html"


def test_a_data_table_in_the_body_is_one_line_per_row_in_place() -> None:
    html = (
        "<html><body><h1>重点项目清单</h1><div id='ozoom'><p>今年重点项目如下表。</p>"
        "<table><tr><th>项目名称</th><th><p>项目总投资</p><p>(万元)</p></th></tr>"
        "<tr><td><p>甲县乙项目</p></td><td>593</td></tr><tr><td>丙|丁项目</td><td>1,186</td></tr></table>"
        "<p>以上项目年内全部开工。</p></div></body></html>"
    )
    art = get_source("sjzrb").parse_article(html, SJZRB_URL)
    assert art.paragraphs == [
        "今年重点项目如下表。",
        "| 项目名称 | 项目总投资 (万元) |",
        "| 甲县乙项目 | 593 |",
        "| 丙｜丁项目 | 1,186 |",
        "以上项目年内全部开工。",
    ]


def test_a_layout_table_stays_prose() -> None:
    html = (
        "<html><body><h1>题目</h1><div id='ozoom'><table><tr><td><img src='a.jpg'></td>"
        "<td><p>图为新建的厂房。</p></td></tr></table><p>正文一段文字。</p></div></body></html>"
    )
    art = get_source("sjzrb").parse_article(html, SJZRB_URL)
    assert art.paragraphs == ["图为新建的厂房。", "正文一段文字。"]


def test_a_table_in_a_body_of_br_lines_keeps_its_rows() -> None:
    table = "<table><tr><td>项目名称</td><td>总投资(亿元)</td></tr><tr><td>甲项目</td><td>1.5</td></tr></table>"
    html = f"<html><body><h1>题目</h1><div id='ozoom'>第一行<br>第二行{table}末行</div></body></html>"
    art = get_source("sjzrb").parse_article(html, SJZRB_URL)
    assert art.paragraphs == ["第一行", "第二行", "| 项目名称 | 总投资(亿元) |", "| 甲项目 | 1.5 |", "末行"]
