"""Walk one edition (newspaper x date) page by page.

A generator, so the loader can commit each page with its articles as soon as
it is fetched: an interrupted run keeps what it got, and memory stays small.
``EditionCrawl`` is the crawl policy the loader uses: which URL system to try
for a date, and when to ask the latest-edition page.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar
from urllib.parse import urljoin

from scrapers.base import ParseError, Source, System, date_from_url
from scrapers.http import RETRYABLE_STATUS, FetchResult, PoliteClient
from scrapers.model import PageLink, ParsedArticle, ParsedPage

T = TypeVar("T")

# Entry URL schemes tried in order: a date with no current-system edition may be
# on the older system (backfills of years before the sites moved).
SYSTEMS: tuple[System, ...] = ("current", "old")
# The latest-edition page is asked about a date only this close to today (it
# shows one edition: the newest), when the date's own URL is missing.
LATEST_WITHIN_DAYS = 3


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


class LayoutChanged(EditionUnavailable):
    """The entry page arrived (HTTP 200) but no page list was found in it: the markup changed."""


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


def _parse(parse: Callable[[str, str], T], result: FetchResult) -> tuple[T | None, FetchResult | None]:
    """Parse one fetched page or article; a failure is returned, never raised,
    because one bad page must not abort the rest of the edition."""
    if not result.ok or result.text is None:
        return None, result if result.error else _as_failure(result, "empty body")
    try:
        return parse(result.text, result.final_url or result.url), None
    except ParseError as exc:
        return None, _as_failure(result, f"parse error: {exc}")
    except Exception as exc:  # noqa: BLE001 - one page's crash must not abort the edition
        return None, _as_failure(result, f"parser crashed: {type(exc).__name__}: {exc}")


_META_REFRESH = re.compile(r"""<meta[^>]+http-equiv\s*=\s*["']?refresh["']?[^>]*>""", re.I)
_REFRESH_URL = re.compile(r"""url\s*=\s*['"]?([^'">\s]+)""", re.I)


def meta_refresh_target(html: str, url: str) -> str | None:
    """Where a <meta http-equiv="refresh" content="0; url=..."> sends the browser, if anywhere."""
    tag = _META_REFRESH.search(html)
    m = _REFRESH_URL.search(tag.group(0)) if tag else None
    return urljoin(url, m.group(1)) if m else None


def latest_entry(source: Source, base_url: str, client: PoliteClient) -> tuple[str, date] | None:
    """The latest edition's first page and date, from the site root (meta refresh) or the latest index.

    For a date whose URL is unknown (a new URL scheme): if the latest edition is
    that date, its first page is where the crawl starts.
    """
    latest = getattr(source, "latest_url", lambda _b: None)(base_url)
    if not latest:
        return None
    url: str | None = base_url.rstrip("/") + "/"
    for _ in range(3):  # root -> (refresh) -> index.html -> (refresh) -> node_01.html
        result = client.fetch(url)
        if not result.ok or result.text is None:
            url = latest if url != latest else None
            if url is None:
                return None
            continue
        target = meta_refresh_target(result.text, result.final_url or url)
        if target:
            url = target
            continue
        try:
            page = source.parse_page(result.text, result.final_url or url)
        except Exception:  # noqa: BLE001 - no usable latest page: the date stays unknown
            return None
        for link in page.pages:
            day = date_from_url(link.url)
            if day is not None:
                return link.url, day
        return None
    return None


def crawl_edition(
    source: Source,
    base_url: str,
    day: date,
    client: PoliteClient,
    system: System = "current",
    follow_latest: bool = False,
) -> Iterator[PageBundle]:
    """Yield one PageBundle per page (版) of the edition, in page-list order.

    Raises NoEdition (on first iteration) when the entry page says there is no
    edition, EditionUnavailable when it cannot be fetched at all, LayoutChanged
    when it was fetched but holds no page list. follow_latest: when the dated
    entry is missing, ask the paper's latest-edition page whether it is this date.
    """
    entry = source.entry_url(base_url, day, system)
    first = client.fetch(entry)
    if first.status is not None and first.status != 200 and first.status not in RETRYABLE_STATUS:
        found = latest_entry(source, base_url, client) if follow_latest else None
        if found is None or found[1] != day:
            raise NoEdition(entry, first.status, first)
        entry = found[0]
        first = client.fetch(entry)
    entry_page, entry_failure = _parse(source.parse_page, first)
    if entry_page is None:
        detail = entry_failure.error if entry_failure and entry_failure.error else "unknown error"
        if first.ok and detail.startswith(("parse error", "parser crashed")):
            raise LayoutChanged(entry, detail, entry_failure or first)
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
            page, failure = _parse(source.parse_page, fetch)
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
                parsed, failed = _parse(source.parse_article, result)
                if parsed is None:
                    bundle.failures.append(failed or _as_failure(result, "unknown error"))
                    continue
                bundle.articles.append(ArticleBundle(fetch=result, article=parsed))
        yield bundle


class EditionCrawl:
    """One edition crawled on whichever system has it: the current one first, then the older one.

    Why here and not in the loader: which system to try, and when to ask the
    latest-edition page, is knowledge of the sites; the loader only iterates
    and stages. Backfills reach dates before the sites moved to the current
    system; only when no system has the date is NoEdition raised (the first
    system's, its message naming every URL tried). ``entry_url`` is the entry
    page of the system in use, for the edition's record; after NoEdition it is
    the first system's.
    """

    def __init__(self, source: Source, base_url: str, day: date, client: PoliteClient, *, today: date) -> None:
        self.source, self.base_url, self.day, self.client = source, base_url, day, client
        self.systems: tuple[System, ...] = getattr(source, "systems", lambda: SYSTEMS)()
        self.recent = 0 <= (today - day).days <= LATEST_WITHIN_DAYS
        self.entry_url = source.entry_url(base_url, day, self.systems[0])

    def __iter__(self) -> Iterator[PageBundle]:
        missing: list[NoEdition] = []
        for system in self.systems:
            self.entry_url = self.source.entry_url(self.base_url, self.day, system)
            try:
                yield from crawl_edition(self.source, self.base_url, self.day, self.client, system,
                                         follow_latest=self.recent and system == self.systems[0])
                return
            except NoEdition as exc:
                missing.append(exc)
        first = missing[0]
        self.entry_url = first.url
        first.args = ("; ".join(str(exc) for exc in missing),)
        raise first
