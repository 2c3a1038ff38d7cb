"""河北日报 (Hebei Daily) on hbrb.hebnews.cn — not 湖北日报, which shares the short name."""

from __future__ import annotations

import re
from datetime import date

from scrapers.base import System
from scrapers.founder import FounderSource, Selectors

# The one place where this paper's markup is described (see shared/epaper.md).
SELECTORS = {
    "current": Selectors(
        page_links=("#layoutlist li a",),
        article_links=("#articlelist li a",),
        pdf_link=("#pdfUrl[href]", "a.pdf[href]"),
        pdf_text=("#pdfUrl",),
        kicker=("#PreTitle", "h3"),
        title=("#Title",),
        subtitle=("#SubTitle", "h2"),
        byline=("p.sec > span.reporter", "p.sec > span:not(.date):not(.newstime)"),
        page_label=("p.sec span.newstime",),
        date_text=("p.sec span.newstime",),
        body=("#ozoom founder-content p", "div.content p"),
    ),
    "old": Selectors(
        page_links=("a#pageLink",),
        article_links=("#main-ed-articlenav-list a[href*='content_']", "a[href^='content_']"),
        pdf_link=("a[href$='.pdf']",),
        pdf_text=(),
        title=("td[width='572'] > strong",),
        page_label=(".epaper_title",),
        date_text=(".epaper_date",),
        byline=("td.byline",),
        body=("#ozoom p",),
        title_cell="td[width='572']",
    ),
}

# A relative "../../c/..." href written for a page one level up resolves to
# /pc/paper/layout/c/...; the article really lives at /pc/paper/c/....
_LAYOUT_C = re.compile(r"/pc/paper/layout/c/")


class Hbrb(FounderSource):
    code = "hbrb"
    name = "河北日报"
    home_city = "河北省"
    allowed_domains = ("hebnews.cn",)
    current = SELECTORS["current"]
    old = SELECTORS["old"]

    def entry_url(self, base_url: str, day: date, system: System = "current") -> str:
        self.host_check(base_url)
        base = base_url.rstrip("/")
        if system == "old":
            return f"{base}/html/{day:%Y-%m}/{day:%d}/node_2.htm"
        return f"{base}/pc/paper/layout/{day:%Y%m}/{day:%d}/node_01.html"

    def canonical_url(self, url: str) -> str:
        return _LAYOUT_C.sub("/pc/paper/c/", url)

    def path_markers(self) -> tuple[str, ...]:
        return ("/pc/paper/", "/html/")


SOURCE = Hbrb()
