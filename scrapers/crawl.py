"""Walk one edition (newspaper x date) page by page.

A generator, so the loader can commit each page with its articles as soon as
it is fetched: an interrupted run keeps what it got, and memory stays small.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from scrapers.base import ParseError, Source, System
from scrapers.http import RETRYABLE_STATUS, FetchResult, PoliteClient
from scrapers.model import PageLink, ParsedArticle, ParsedPage


class NoEdition(Exception):
    """The paper did not publish on that date (entry page 404 / non-retryable non-200).

    Expected outcome, recorded as status 'no_edition', not a failure.
    """

    def __init__(self, url: str, status: int | None, fetch: FetchResult | None = None) -> None:
        self.url = url
        self.status = status
        self.fetch = fetch
        super().__init__(f"no edition at {url} (HTTP {status})")


class EditionUnavailable(Exception):
    """The entry page could not be fetched or parsed even after retries: the run 'failed'."""

    def __init__(self, url: str, detail: str, fetch: FetchResult | None = None) -> None:
        self.url = url
        self.detail = detail
        self.fetch = fetch
        super().__init__(f"edition unavailable at {url}: {detail}")


@dataclass
class ArticleBundle:
    fetch: FetchResult
    article: ParsedArticle


@dataclass
class PageBundle:
    link: PageLink
    fetch: FetchResult
    page: ParsedPage | None
    articles: list[ArticleBundle] = field(default_factory=list)
    #: Fetches that failed or did not parse (error says which), for raw.fetch_log.
    failures: list[FetchResult] = field(default_factory=list)


def _as_failure(result: FetchResult, error: str) -> FetchResult:
    return dataclasses.replace(result, error=error)


def _parse_page(source: Source, result: FetchResult) -> tuple[ParsedPage | None, FetchResult | None]:
    if not result.ok or result.text is None:
        return None, result if result.error else _as_failure(result, "empty body")
    try:
        return source.parse_page(result.text, result.final_url or result.url), None
    except ParseError as exc:
        return None, _as_failure(result, f"parse error: {exc}")


def crawl_edition(
    source: Source,
    base_url: str,
    day: date,
    client: PoliteClient,
    system: System = "current",
) -> Iterator[PageBundle]:
    """Yield one PageBundle per page (版) of the edition, in page-list order.

    Raises NoEdition (on first iteration) when the entry page says there is no
    edition, EditionUnavailable when it cannot be fetched/parsed at all.
    """
    entry = source.entry_url(base_url, day, system)
    first = client.fetch(entry)
    if first.status is not None and first.status != 200 and first.status not in RETRYABLE_STATUS:
        raise NoEdition(entry, first.status, first)
    entry_page, entry_failure = _parse_page(source, first)
    if entry_page is None:
        detail = entry_failure.error if entry_failure and entry_failure.error else "unknown error"
        raise EditionUnavailable(entry, detail, entry_failure or first)

    links = [p for p in entry_page.pages if source.belongs_to(p.url, day)] or [
        PageLink(entry_page.page_no, entry_page.page_name, entry_page.url)
    ]
    if not any(p.url == entry_page.url for p in links):
        links.insert(0, PageLink(entry_page.page_no, entry_page.page_name, entry_page.url))
    seen_articles: set[str] = set()
    for link in links:
        if link.url == entry_page.url:
            fetch, page, failure = first, entry_page, None
        else:
            fetch = client.fetch(link.url)
            page, failure = _parse_page(source, fetch)
        bundle = PageBundle(link=link, fetch=fetch, page=page)
        if failure is not None:
            bundle.failures.append(failure)
        if page is not None:
            urls = []
            for a in page.articles:
                if a.url in seen_articles or not source.belongs_to(a.url, day):
                    continue
                seen_articles.add(a.url)
                urls.append(a.url)
            for result in client.fetch_many(urls):
                if not result.ok or result.text is None:
                    bundle.failures.append(result if result.error else _as_failure(result, "empty body"))
                    continue
                try:
                    parsed = source.parse_article(result.text, result.final_url or result.url)
                except ParseError as exc:
                    bundle.failures.append(_as_failure(result, f"parse error: {exc}"))
                    continue
                bundle.articles.append(ArticleBundle(fetch=result, article=parsed))
        yield bundle
