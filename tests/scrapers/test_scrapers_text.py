"""Decoding and cleaning, without the network."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

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
