"""石家庄日报 (Shijiazhuang Daily) on sjzrb.sjzdaily.com.cn."""

from __future__ import annotations

from datetime import date

from scrapers.base import System
from scrapers.founder import FounderSource, Selectors

# The one place where this paper's markup is described (see shared/epaper.md).
SELECTORS = {
    "current": Selectors(
        page_links=("li.posRelative > a",),
        article_links=("li.clearfix > a",),
        pdf_link=("div.pull-right > a[href]",),
        pdf_text=("#pdfUrl",),
        kicker=("div.newsdetatit h3", "h3"),
        title=("div.newsdetatit h1", "h1"),
        subtitle=("div.newsdetatit h2", "h2"),
        byline=("p.sec > span.reporter", "p.sec > span:not(.date):not(.newstime)"),
        page_label=("p.sec span.newstime",),
        date_text=("p.sec span.newstime",),
        body=("#ozoom founder-content p",),
    ),
    "old": Selectors(
        page_links=("a#pageLink",),
        article_links=("#main-ed-articlenav-list a[href*='content_']", "a[href^='content_']"),
        pdf_link=("a[href$='.pdf']",),
        pdf_text=(),
        kicker=("td.yinti",),
        title=("td.font01 > strong", "strong"),
        subtitle=("td.futi",),
        byline=("td.byline",),
        page_label=(".epaper_title",),
        date_text=(".epaper_date",),
        body=("td#ozoom p", "#ozoom p"),
    ),
}


class Sjzrb(FounderSource):
    code = "sjzrb"
    name = "石家庄日报"
    home_city = "石家庄市"
    allowed_domains = ("sjzdaily.com.cn",)
    current = SELECTORS["current"]
    old = SELECTORS["old"]

    def entry_url(self, base_url: str, day: date, system: System = "current") -> str:
        self.host_check(base_url)
        base = base_url.rstrip("/")
        if system == "old":
            return f"{base}/html/{day:%Y-%m}/{day:%d}/node_5.htm"
        return f"{base}/sjzrbpaper/pc/layout/{day:%Y%m}/{day:%d}/node_01.html"

    def path_markers(self) -> tuple[str, ...]:
        return ("/sjzrbpaper/", "/html/")


SOURCE = Sjzrb()
