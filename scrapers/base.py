"""What every paper module provides, and the helpers they share.

A paper module declares its selectors in one table at the top and implements
``parse_page``/``parse_article`` with the helpers here. Parsers fail loudly with
``ParseError`` (URL + selector) instead of returning empty data, because a
silent empty parse after a site redesign would look like "no investment news".
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from datetime import date
from typing import ClassVar, Literal
from urllib.parse import urljoin, urlsplit, urlunsplit

from scrapers.model import ParsedArticle, ParsedPage
from scrapers.text import clean

System = Literal["current", "old"]

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})

_NUM = r"[A-Za-z]?[0-9０-９一二三四五六七八九十〇零两]{1,4}"
# Page labels of the family, most specific first: "第01版：要闻", "第01版 头版", "第005版",
# "01版：要闻", "（2026年09月16日 05版）", "A01：要闻", "A01版：要闻".
_PAGE_LABELS = (
    re.compile(rf"第\s*({_NUM})\s*版\s*[:：]?\s*(.*)$"),
    re.compile(rf"(?<![0-9A-Za-z０-９])({_NUM})\s*版\s*[:：]?\s*(.*)$"),
    re.compile(r"^\s*([A-Za-z][0-9]{1,3})\s*(?:[:：]\s*|\s+)(.*)$"),
    re.compile(r"^\s*([0-9]{1,3})\s*[:：]\s*(.*)$"),
)
_NAME_TRIM = "\u3000 \t\r\n:：()（）[]【】<>《》|｜-—·,，"
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






def page_label(text: str | None) -> tuple[str, str] | None:
    """'第01版：要闻' / '01版：要闻' / '第01版 头版' / 'A01：要闻' -> ('01'|'A01', '要闻'); None if no label.

    The number is normalised ('005' -> '05', '一' -> '01') and the name never
    keeps the number or brackets ('（2026年09月16日 05版）' -> ('05', '')).
    """
    from scrapers.model import page_no_of

    text = clean(text)
    if not text:
        return None
    for pattern in _PAGE_LABELS:
        m = pattern.search(text)
        if m:
            return page_no_of(m.group(1)), page_name_of(m.group(2))
    return None


def page_name_of(text: str | None) -> str:
    """A page name without the brackets and punctuation around it."""
    return clean(text).strip(_NAME_TRIM)


def split_page_label(label: str) -> tuple[str, str]:
    """Like page_label, but unlabelled text is taken as the name: ('', text)."""
    found = page_label(label)
    return found if found is not None else ("", page_name_of(label))


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
