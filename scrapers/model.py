"""Plain data passed from the parsers to the crawler and the warehouse loader.

Kept free of any parsing or HTTP logic so the loader can depend on it without
pulling in bs4 or requests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from xiangmu.vocabulary import CN_DIGITS as _CN_DIGITS
from xiangmu.vocabulary import CONTINUED_FROM_OPEN, CONTINUED_TO_OPEN

_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_LETTERED = re.compile(r"^([A-Za-z])(\d+)$")
# The jump markers' words are the extractor's (xiangmu.vocabulary); the page part is ours.
_CONT_PAGE = r"\s*第?\s*([0-9一二三四五六七八九十〇零两A-Za-z]+)\s*版\s*[）)]"
_CONT_FROM = re.compile(CONTINUED_FROM_OPEN + _CONT_PAGE)
_CONT_TO = re.compile(CONTINUED_TO_OPEN + _CONT_PAGE)


def page_no_of(label: str) -> str:
    """'第一版'/'二'/'06'/'A03' -> '01'/'02'/'06'/'A03', the form of PageLink.page_no."""
    label = label.strip().translate(_FULLWIDTH)
    if label.isdigit():
        return f"{int(label):02d}"
    lettered = _LETTERED.match(label)
    if lettered:  # "a1" / "A001" -> "A01"
        return f"{lettered.group(1).upper()}{int(lettered.group(2)):02d}"
    if label and all(ch in _CN_DIGITS or ch == "十" for ch in label):
        if "十" in label:
            tens, _, ones = label.partition("十")
            value = (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
        else:
            value = int("".join(str(_CN_DIGITS[ch]) for ch in label))
        return f"{value:02d}"
    return label.upper()


@dataclass(frozen=True)
class PageLink:
    """One entry of an edition's page list (版面导航)."""

    page_no: str
    page_name: str
    url: str


@dataclass(frozen=True)
class ArticleLink:
    """One article listed on a page; the title is the list text, not the article's own."""

    title: str
    url: str


@dataclass
class ParsedPage:
    url: str
    page_no: str
    page_name: str
    pdf_url: str | None
    pages: list[PageLink] = field(default_factory=list)
    articles: list[ArticleLink] = field(default_factory=list)
    #: Which selector (or structural rule) found the page list and the article list.
    matched: dict[str, str] = field(default_factory=dict)


@dataclass
class ParsedArticle:
    url: str
    kicker: str | None
    title: str
    subtitle: str | None
    byline: str | None
    page_no: str | None
    page_name: str | None
    published: date | None
    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    #: Which selector (or structural rule) gave the title and the body.
    matched: dict[str, str] = field(default_factory=dict)

    @property
    def body_text(self) -> str:
        """Blank-line separated so character offsets of extracted facts stay stable."""
        return "\n\n".join(self.paragraphs)

    @property
    def continued_from(self) -> str | None:
        """Page number this part continues from (（上接第一版） -> '01'), to link the parts of a story."""
        m = _CONT_FROM.search(self.body_text)
        return page_no_of(m.group(1)) if m else None

    @property
    def continued_to(self) -> str | None:
        """Page number the story continues on (（下转第二版）/（下转 06 版） -> '02'/'06')."""
        m = _CONT_TO.search(self.body_text)
        return page_no_of(m.group(1)) if m else None
