"""Bytes -> clean text, shared by every paper.

The e-papers declare UTF-8 but older pages and some proxies serve GBK/GB2312,
sometimes with no charset anywhere; GB18030 is a superset of both, so it is
the fallback that never loses a character. Text is NFC-normalised so that the
same article fetched twice hashes and matches the same way.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from bs4 import BeautifulSoup, Tag

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.I)
# Characters that only indent or pad a paragraph: ideographic space, nbsp, ZWSP, BOM.
_PAD = "\u3000\u00a0\u200b\ufeff \t\r\n"
_SPACES = re.compile(r"[ \t\r\n\u00a0\u200b\ufeff]+")


def _normalise_charset(name: str | None) -> str | None:
    """Map declared charsets to a codec, widening the GB family to GB18030."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None
    if codec in {"gb2312", "gbk", "gb18030", "hz"}:
        return "gb18030"
    return codec


def charset_from_headers(content_type: str | None) -> str | None:
    if not content_type:
        return None
    m = _HEADER_CHARSET.search(content_type)
    return _normalise_charset(m.group(1)) if m else None


def charset_from_meta(body: bytes) -> str | None:
    m = _META_CHARSET.search(body[:4096])
    return _normalise_charset(m.group(1).decode("ascii", "ignore")) if m else None


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Decode with header charset, then <meta>, then UTF-8 if valid, then GB18030.

    A declared charset that fails strictly is not trusted (sites mislabel GBK as
    UTF-8); we then try the other candidates before decoding with replacement.
    """
    return decode_html_checked(body, content_type)[0]


def decode_html_checked(body: bytes, content_type: str | None = None) -> tuple[str, list[str]]:
    """decode_html, plus a warning when some bytes could be decoded by no candidate (U+FFFD stored)."""
    if body.startswith(codecs.BOM_UTF8):
        text = body[3:].decode("utf-8", "replace")
        return unicodedata.normalize("NFC", text), _replacement_warning(text, "utf-8")
    candidates = [charset_from_headers(content_type), charset_from_meta(body), "utf-8", "gb18030"]
    seen: list[str] = []
    for cs in candidates:
        if not cs or cs in seen:
            continue
        seen.append(cs)
        try:
            return unicodedata.normalize("NFC", body.decode(cs)), []
        except (UnicodeDecodeError, LookupError):
            pass
        if cs == "utf-8":
            # A few stray bytes in a UTF-8 page: keep UTF-8 (with U+FFFD and a warning) rather than
            # read the whole page as GB18030 mojibake; many invalid bytes mean a mislabelled GBK page.
            text = body.decode("utf-8", "replace")
            if text.count("\ufffd") * 200 < len(body):
                return unicodedata.normalize("NFC", text), _replacement_warning(text, "utf-8")
    first = seen[0] if seen else "gb18030"
    text = body.decode(first, "replace")
    return unicodedata.normalize("NFC", text), _replacement_warning(text, first)


def _replacement_warning(text: str, charset: str) -> list[str]:
    n = text.count("\ufffd")
    return [f"undecodable bytes: {n} replaced with U+FFFD (decoded as {charset})"] if n else []


_PG_REFUSED = re.compile("[\x00\ud800-\udfff]")


def pg_safe(text: str | None) -> tuple[str | None, int]:
    """Text PostgreSQL accepts: NUL (and lone surrogates, unencodable in UTF-8) removed; returns the count."""
    if text is None:
        return None, 0
    cleaned, n = _PG_REFUSED.subn("", text)
    return cleaned, n


def soup(html: str) -> BeautifulSoup:
    """lxml tolerates the unclosed tags and custom <founder-content> element of these pages."""
    return BeautifulSoup(html, "lxml")


def clean(text: str | None) -> str:
    """NFC, strip indentation/padding, collapse runs of Latin whitespace.

    Ideographic spaces inside a line are kept (they separate a name in a byline),
    only the leading/trailing ones are layout.
    """
    if text is None:
        return ""
    text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", text)
    return text.strip(_PAD)


def node_text(node: Tag | None) -> str:
    if node is None:
        return ""
    return clean(node.get_text())


def table_lines(table: Tag) -> list[str]:
    """A <table> as text, one line per row with its cells between ``|`` (``| 项目名称 | 总投资(万元) |``).

    Why rows: a list of projects printed as a table states its unit once, in the header; read
    cell by cell, a row's name and figure were separate lines nobody could pair again.  The
    extractor's table reader (``xiangmu.extract.tables``) reads these lines.  Only for a data table
    (``is_data_table``).  ``|`` inside a cell becomes ``｜``.
    """
    return ["| " + " | ".join(r) + " |" for r in _rows(table)]


def _rows(table: Tag) -> list[list[str]]:
    rows = []
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue  # a nested table's rows are its own
        cells = [clean(td.get_text(" ")).replace("|", "｜") for td in tr.find_all(["td", "th"], recursive=False)]
        if any(cells):
            rows.append(cells)
    return rows


def is_data_table(table: Tag) -> bool:
    """Whether ``table`` holds data (two rows or more of two filled cells or more), not layout:
    the pages' layout tables (a photo beside its text, the old system's frames) stay prose."""
    return sum(1 for r in _rows(table) if sum(1 for c in r if c) >= 2) >= 2


def optional_text(node: Tag | None) -> str | None:
    value = node_text(node)
    return value or None
