"""Does a crawled edition look like an edition? Catches a site redesign the day it happens.

Why: after a markup change the parser may still "succeed" on every page and
yield nothing (no article links, empty bodies, pages without names), which
would be staged as if the paper had printed nothing. The figures collected
here are compared with thresholds (``xiangmu.config.DriftThresholds``, any
object with the same attributes) and a breach is reported with the URL and
the selectors the parser tried.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Protocol

from scrapers.crawl import PageBundle
from scrapers.founder import describe_selectors, is_advert


class Thresholds(Protocol):
    min_pages: int
    min_articles_per_page: float
    max_empty_page_share: float
    min_median_body_chars: int
    max_missing_share: float
    min_named_page_share: float


@dataclass
class EditionStats:
    """Figures of one crawled edition, accumulated page by page."""

    entry_url: str
    pages_listed: int = 0  # entries of the page list (版面导航)
    pages_named: int = 0
    pages_parsed: int = 0
    article_links: list[int] = field(default_factory=list)  # per parsed non-advert page
    body_lengths: list[int] = field(default_factory=list)
    articles_unparsed: int = 0  # fetched (HTTP 200) but no title or no body
    rules: set[str] = field(default_factory=set)  # which selector found what

    def add(self, bundle: PageBundle) -> None:
        page = bundle.page
        if page is not None:
            self.pages_parsed += 1
            if not self.pages_listed:
                self.pages_listed = len(page.pages)
                self.pages_named = sum(1 for p in page.pages if p.page_name)
            if not is_advert(page.page_name):
                self.article_links.append(len(page.articles))
            self.rules.update(f"{k}={v}" for k, v in page.matched.items() if v)
        for item in bundle.articles:
            self.body_lengths.append(len(item.article.body_text))
            self.rules.update(f"{k}={v}" for k, v in item.article.matched.items() if v)
        self.articles_unparsed += sum(1 for f in bundle.failures if (f.error or "").startswith("parse error"))

    def breaches(self, th: Thresholds) -> list[str]:
        """What does not look like an edition (empty when all is well)."""
        out: list[str] = []
        if self.pages_listed < th.min_pages:
            out.append(f"{self.pages_listed} pages found (minimum {th.min_pages})")
        if self.pages_listed and self.pages_named / self.pages_listed < th.min_named_page_share:
            share = th.min_named_page_share
            out.append(f"{self.pages_named} of {self.pages_listed} pages named (minimum share {share})")
        if self.article_links:
            mean = sum(self.article_links) / len(self.article_links)
            if mean < th.min_articles_per_page:
                out.append(f"{mean:.2f} articles per non-advert page (minimum {th.min_articles_per_page})")
            empty = sum(1 for n in self.article_links if n == 0) / len(self.article_links)
            if empty > th.max_empty_page_share:
                out.append(f"{empty:.0%} of non-advert pages list no article (maximum {th.max_empty_page_share:.0%})")
        attempted = len(self.body_lengths) + self.articles_unparsed
        if attempted and self.articles_unparsed / attempted > th.max_missing_share:
            out.append(
                f"{self.articles_unparsed} of {attempted} articles without title or body "
                f"(maximum share {th.max_missing_share})"
            )
        if self.body_lengths and statistics.median(self.body_lengths) < th.min_median_body_chars:
            median = statistics.median(self.body_lengths)
            out.append(f"median body {median:.0f} characters (minimum {th.min_median_body_chars})")
        return out

    def report(self, breaches: list[str]) -> str:
        """One line for the edition's detail and the alert: URL, what broke, what was tried and found."""
        found = ", ".join(sorted(self.rules)) or "nothing"
        return (
            f"layout changed at {self.entry_url}: {'; '.join(breaches)}. "
            f"Selectors tried: {describe_selectors()}. Matched: {found}"
        )
