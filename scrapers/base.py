"""What every paper module provides, and the helpers they share.

A paper module declares its selectors in one table at the top and implements
``parse_page``/``parse_article`` with the helpers here. Parsers fail loudly with
``ParseError`` (URL + selector) instead of returning empty data, because a
silent empty parse after a site redesign would look like "no investment news".
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from datetime import date
from typing import ClassVar, Literal
from urllib.parse import urljoin, urlsplit, urlunsplit

from bs4 import BeautifulSoup, Tag

from scrapers.model import ParsedArticle, ParsedPage
from scrapers.text import clean

System = Literal["current", "old"]

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})

_PAGE_LABEL = re.compile(r"第\s*([A-Za-z]?\d+)\s*版\s*[:：]?\s*(.*)$")
_DATE_PATTERNS = (
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
    re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"),
)
_URL_DATE = re.compile(r"/(\d{4})-?(\d{2})/(\d{2})/")


class ParseError(Exception):
    """A required element is missing: the markup is not what the selectors expect."""

    def __init__(self, url: str, selector: str, detail: str = "") -> None:
        self.url = url
        self.selector = selector
        msg = f"selector {selector!r} matched nothing at {url}"
        super().__init__(f"{msg}: {detail}" if detail else msg)


class HostMismatch(ValueError):
    """The base URL points at a host this source must not be scraped from."""


def select_required(doc: BeautifulSoup | Tag, selectors: str | Sequence[str], url: str) -> list[Tag]:
    """First selector (of alternatives) that matches anything wins; none -> ParseError."""
    alternatives = [selectors] if isinstance(selectors, str) else list(selectors)
    for sel in alternatives:
        found = doc.select(sel)
        if found:
            return found
    raise ParseError(url, " | ".join(alternatives))


def select_optional(doc: BeautifulSoup | Tag, selectors: str | Sequence[str]) -> Tag | None:
    alternatives = [selectors] if isinstance(selectors, str) else list(selectors)
    for sel in alternatives:
        found = doc.select_one(sel)
        if found is not None:
            return found
    return None


def split_page_label(label: str) -> tuple[str, str]:
    """'第01版：要闻' / '第01版 头版' -> ('01', '要闻'); unlabelled text -> ('', text)."""
    label = clean(label)
    m = _PAGE_LABEL.search(label)
    if not m:
        return "", label
    return m.group(1).upper(), clean(m.group(2))


def parse_cn_date(text: str | None) -> date | None:
    if not text:
        return None
    for pattern in _DATE_PATTERNS:
        m = pattern.search(text)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None


def date_from_url(url: str) -> date | None:
    m = _URL_DATE.search(urlsplit(url).path)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def strip_fragment(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))


def resolve(page_url: str, href: str, site_root: str | None = None) -> str:
    """Resolve an href; a root-relative one is re-based onto the site root.

    The site root can carry a path prefix (the sample archive is served under
    ``/sjzrb``), where a plain urljoin of ``/pc/...`` would drop the prefix.
    """
    href = href.strip()
    if site_root and href.startswith("/") and not href.startswith("//"):
        return strip_fragment(site_root.rstrip("/") + href)
    return strip_fragment(urljoin(page_url, href))


def meta_content(doc: BeautifulSoup, name: str) -> str | None:
    tag = doc.find("meta", attrs={"name": re.compile(f"^{re.escape(name)}$", re.I)})
    if tag is None:
        return None
    value = clean(str(tag.get("content") or ""))
    return value or None


def paragraphs_from(nodes: Iterable[Tag]) -> list[str]:
    """Non-empty cleaned paragraphs; a <p> holding only an image is layout, not text."""
    out = []
    for node in nodes:
        text = clean(node.get_text())
        if text:
            out.append(text)
    return out


def captions_from(doc: BeautifulSoup | Tag, selector: str) -> list[str]:
    out: list[str] = []
    for img in doc.select(selector):
        caption = clean(str(img.get("data-original-title") or ""))
        if caption and caption not in out:
            out.append(caption)
    return out


class Source(ABC):
    """One newspaper's e-paper. Subclasses are stateless and cheap to build."""

    code: ClassVar[str]
    name: ClassVar[str]
    home_city: ClassVar[str]
    #: Registrable domain suffixes the live site may be on (e.g. "hebnews.cn").
    allowed_domains: ClassVar[tuple[str, ...]]

    def host_check(self, base_url: str) -> None:
        """Refuse a base URL on a foreign host (湖北日报 is also "hbrb"); localhost is the sample archive."""
        host = (urlsplit(base_url).hostname or "").lower()
        if host in LOCAL_HOSTS:
            return
        if any(host == d or host.endswith("." + d) for d in self.allowed_domains):
            return
        raise HostMismatch(f"{self.code}: host {host!r} is not one of {self.allowed_domains}")

    @abstractmethod
    def entry_url(self, base_url: str, day: date, system: System = "current") -> str:
        """URL of page 1 of the edition of ``day``."""

    @abstractmethod
    def parse_page(self, html: str, url: str) -> ParsedPage: ...

    @abstractmethod
    def parse_article(self, html: str, url: str) -> ParsedArticle: ...

    def system_of(self, url: str) -> System:
        """The older Founder system lives under /html/YYYY-MM/DD/*.htm."""
        path = urlsplit(url).path
        return "old" if re.search(r"/html/\d{4}-\d{2}/\d{2}/[^/]+\.htm$", path) else "current"

    def belongs_to(self, url: str, day: date) -> bool:
        """Only links of the same edition are followed (no drifting to other dates)."""
        return date_from_url(url) == day

    def site_root(self, url: str) -> str:
        """Scheme+host (+ any path prefix) that the paper's paths hang under."""
        parts = urlsplit(url)
        path = parts.path
        for marker in self.path_markers():
            idx = path.find(marker)
            if idx >= 0:
                return urlunsplit((parts.scheme, parts.netloc, path[:idx], "", ""))
        return urlunsplit((parts.scheme, parts.netloc, "", "", ""))

    def path_markers(self) -> tuple[str, ...]:
        return ("/html/",)
