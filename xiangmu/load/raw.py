"""Stage one newspaper edition into the `raw` schema.

Why it is shaped like this:
- Append-only and idempotent: every insert is keyed by (url, content_hash),
  so a rerun adds nothing and a changed article becomes a new version.
- One transaction per page: a crash loses at most the page in flight; every
  page committed before it stays.
- The edition outcome (complete / no_edition / partial / failed /
  layout_changed) is recorded, never guessed, and anything but complete or
  no_edition is surfaced to the caller so the Airflow task can fail loudly
  after saving what it could.
- Every page and article is isolated: one that fails to fetch, parse or load
  is recorded under its own URL in raw.fetch_log and the edition goes on.
  Text PostgreSQL refuses (NUL) is removed before staging, the hash of the
  raw bytes kept, and the removal (like undecodable bytes) is a warning on the row.
- An edition that does not look like one (scrapers.drift) is 'layout_changed':
  never complete, and its detail names the URL and the selectors tried.
- What to fetch (which URL system, when to ask the latest-edition page) is
  the scrapers' policy (scrapers.crawl.EditionCrawl); this module only stages
  what the crawl yields and records the outcome.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
from dataclasses import dataclass, field

import psycopg

from scrapers.base import Source
from scrapers.crawl import EditionCrawl, EditionUnavailable, LayoutChanged, NoEdition, PageBundle
from scrapers.drift import EditionStats, Thresholds
from scrapers.founder import describe_selectors
from scrapers.http import FetchResult, PoliteClient
from scrapers.text import pg_safe
from xiangmu import config

log = logging.getLogger(__name__)

# A no-edition answer this many days after the date is taken as final, so a
# rerun does not ask the site again (it may still be forced).
NO_EDITION_FINAL_AFTER_DAYS = 2


@dataclass
class EditionOutcome:
    newspaper: str
    edition_date: dt.date
    entry_url: str
    status: str  # complete | no_edition | partial | failed | layout_changed | skipped
    pages: int = 0
    articles: int = 0
    failures: list[str] = field(default_factory=list)
    detail: str | None = None

    @property
    def ok(self) -> bool:
        return self.status in ("complete", "no_edition", "skipped")

    def as_dict(self) -> dict:
        return {
            "newspaper": self.newspaper,
            "edition_date": self.edition_date.isoformat(),
            "status": self.status,
            "pages": self.pages,
            "articles": self.articles,
            "failures": self.failures,
            "detail": self.detail,
        }


class EditionIncomplete(RuntimeError):
    """Raised after recording a partial or failed edition, to fail the task loudly."""

    def __init__(self, outcome: EditionOutcome):
        self.outcome = outcome
        failures = "; ".join(outcome.failures[:10])
        super().__init__(
            f"{outcome.newspaper} {outcome.edition_date}: edition {outcome.status} "
            f"({outcome.pages} pages, {outcome.articles} articles staged; "
            f"{len(outcome.failures)} failures: {failures}) {outcome.detail or ''}".strip()
        )


def latest_status(conn: psycopg.Connection, newspaper: str, day: dt.date) -> str | None:
    row = conn.execute(
        """
        select status from raw.editions
        where newspaper = %s and edition_date = %s
        order by edition_outcome_id desc limit 1
        """,
        (newspaper, day),
    ).fetchone()
    return row[0] if row else None


def should_skip(conn: psycopg.Connection, newspaper: str, day: dt.date, today: dt.date) -> bool:
    status = latest_status(conn, newspaper, day)
    if status == "complete":
        return True
    return status == "no_edition" and (today - day).days >= NO_EDITION_FINAL_AFTER_DAYS


_ARTICLE_COLUMNS = (
    "newspaper", "edition_date", "page_no", "page_name", "url", "kicker", "title",
    "subtitle", "byline", "published_date", "body_text", "captions", "http_status",
    "content_hash", "raw_html", "fetched_at", "run_id", "warnings",
)


def _fetched_text(fetch: FetchResult) -> str:
    return fetch.text if fetch.text is not None else fetch.body.decode("utf-8", "replace")


class _Cleaner:
    """Makes every text field storable (pg_safe) and notes what it removed, per row."""

    def __init__(self, fetch: FetchResult) -> None:
        self.removed = 0
        self.fetch_warnings = list(fetch.warnings)

    def __call__(self, value: str | None) -> str | None:
        cleaned, n = pg_safe(value)
        self.removed += n
        return cleaned

    def warnings(self) -> str:
        out = list(self.fetch_warnings)
        if self.removed:
            out.append(f"removed {self.removed} characters PostgreSQL refuses (NUL); content_hash is of the raw bytes")
        return json.dumps(out, ensure_ascii=False)


def _page_row(newspaper: str, day: dt.date, bundle, run_id: str | None) -> tuple:
    fetch, page = bundle.fetch, bundle.page
    c = _Cleaner(fetch)
    return (newspaper, day, c(page.page_no), c(page.page_name), fetch.url, c(page.pdf_url),
            fetch.status, fetch.content_hash, c(_fetched_text(fetch)), fetch.fetched_at, run_id, c.warnings())


def _insert_page(conn: psycopg.Connection, newspaper: str, day: dt.date, bundle, run_id: str | None) -> None:
    if bundle.page is None:  # the page itself failed; its failure is in bundle.failures
        return
    conn.execute(
        """
        insert into raw.pages (newspaper, edition_date, page_no, page_name, url, pdf_url,
                               http_status, content_hash, raw_html, fetched_at, run_id, warnings)
        values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
        on conflict (url, content_hash) do nothing
        """,
        _page_row(newspaper, day, bundle, run_id),
    )


def _article_row(newspaper: str, day: dt.date, bundle, item, run_id: str | None) -> tuple:
    fetch, art = item.fetch, item.article
    c = _Cleaner(fetch)
    captions = [c(x) for x in art.captions]
    return (
        newspaper, day, c(art.page_no or bundle.link.page_no), c(art.page_name or bundle.link.page_name),
        fetch.url, c(art.kicker), c(art.title), c(art.subtitle), c(art.byline), art.published,
        c(art.body_text), json.dumps(captions, ensure_ascii=False), fetch.status,
        fetch.content_hash, c(_fetched_text(fetch)), fetch.fetched_at, run_id, c.warnings(),
    )


def _copy_articles(conn: psycopg.Connection, newspaper: str, day: dt.date, bundle, run_id: str | None) -> None:
    """COPY the page's articles into a temp table, then insert the new versions only.

    If the batch is refused, each article is loaded on its own (a savepoint
    each): the ones refused are moved to bundle.failures under their own URL.
    """
    if not bundle.articles:
        return
    cols = ", ".join(_ARTICLE_COLUMNS)
    if conn.execute("select to_regclass('pg_temp._articles_in')").fetchone()[0] is None:
        conn.execute(f"create temp table _articles_in as select {cols} from raw.articles with no data")

    def load(items: list) -> None:
        conn.execute("truncate _articles_in")
        with conn.cursor().copy(f"copy _articles_in ({cols}) from stdin") as copy:
            for item in items:
                copy.write_row(_article_row(newspaper, day, bundle, item, run_id))
        conn.execute(
            f"""
            insert into raw.articles ({cols})
            select distinct on (url, content_hash) {cols} from _articles_in
            order by url, content_hash
            on conflict (url, content_hash) do nothing
            """
        )

    try:
        with conn.transaction():
            load(bundle.articles)
        return
    except (psycopg.DataError, psycopg.IntegrityError, psycopg.errors.ProgramLimitExceeded, ValueError) as exc:
        log.warning("%s %s: a page's articles were refused together (%s); loading one by one", newspaper, day, exc)
    kept = []
    for item in bundle.articles:
        try:
            with conn.transaction():
                load([item])
            kept.append(item)
        except (psycopg.DataError, psycopg.IntegrityError, psycopg.errors.ProgramLimitExceeded, ValueError) as exc:
            bundle.failures.append(
                dataclasses.replace(item.fetch, error=f"not staged: {type(exc).__name__}: {exc}".strip())
            )
    bundle.articles = kept


def _record_failures(conn: psycopg.Connection, newspaper: str, day: dt.date,
                     failures: list[FetchResult], run_id: str | None) -> None:
    for f in failures:
        _record_failure(conn, newspaper, day, f.url, f.status, f.error or f"HTTP {f.status}", f.attempts, run_id)


def _record_failure(conn: psycopg.Connection, newspaper: str, day: dt.date, url: str,
                    status: int | None, error: str, attempts: int, run_id: str | None) -> None:
    conn.execute(
        """
        insert into raw.fetch_log (newspaper, edition_date, url, http_status, error, attempts, run_id)
        values (%s, %s, %s, %s, %s, %s, %s)
        on conflict (newspaper, edition_date, url, run_id) do nothing
        """,
        (newspaper, day, pg_safe(url)[0], status or None, pg_safe(error)[0], attempts, run_id),
    )


def _record_outcome(conn: psycopg.Connection, o: EditionOutcome, run_id: str | None) -> None:
    """Append the outcome unless it repeats the edition's latest one.

    Append-only history: complete, then partial, then complete again is three
    rows (the latest is current), while a rerun with the same outcome adds none.
    """
    with conn.transaction():
        conn.execute("select pg_advisory_xact_lock(hashtext(%s))", (f"edition:{o.newspaper}:{o.edition_date}",))
        conn.execute(
            """
            insert into raw.editions (newspaper, edition_date, entry_url, status, page_count,
                                      article_count, failure_count, detail, run_id)
            select %(n)s, %(d)s, %(url)s, %(status)s, %(pages)s, %(articles)s, %(failures)s, %(detail)s, %(run)s
            where not exists (
                select 1 from (
                    select status, page_count, article_count, failure_count from raw.editions
                    where newspaper = %(n)s and edition_date = %(d)s
                    order by edition_outcome_id desc limit 1
                ) latest
                where (latest.status, latest.page_count, latest.article_count, latest.failure_count)
                    = (%(status)s, %(pages)s, %(articles)s, %(failures)s)
            )
            """,
            {"n": o.newspaper, "d": o.edition_date, "url": o.entry_url, "status": o.status, "pages": o.pages,
             "articles": o.articles, "failures": len(o.failures), "detail": pg_safe(o.detail)[0], "run": run_id},
        )


def _stage_page(conn: psycopg.Connection, newspaper: str, day: dt.date, bundle: PageBundle,
                run_id: str | None) -> None:
    """One page with its articles in one transaction; a page the database refuses is recorded, not fatal."""
    try:
        with conn.transaction():
            _insert_page(conn, newspaper, day, bundle, run_id)
            _copy_articles(conn, newspaper, day, bundle, run_id)
            _record_failures(conn, newspaper, day, bundle.failures, run_id)
        return
    except psycopg.OperationalError:
        raise  # the warehouse itself is gone: nothing else can be staged either
    except (psycopg.Error, ValueError) as exc:
        log.exception("%s %s: page %s refused", newspaper, day, bundle.link.url)
        error = f"page not staged: {type(exc).__name__}: {exc}".strip()
    page_fetch = dataclasses.replace(bundle.fetch, error=error)
    articles = [dataclasses.replace(item.fetch, error=f"not staged with its page: {error}") for item in bundle.articles]
    bundle.failures = [page_fetch, *articles, *bundle.failures]
    bundle.page, bundle.articles = None, []
    with conn.transaction():
        _record_failures(conn, newspaper, day, bundle.failures, run_id)


def stage_edition(
    conn: psycopg.Connection,
    source: Source,
    day: dt.date,
    *,
    base_url: str,
    client: PoliteClient,
    run_id: str | None = None,
    force: bool = False,
    today: dt.date | None = None,
    thresholds: Thresholds | None = None,
) -> EditionOutcome:
    """Scrape and stage one edition; returns its outcome (already recorded).

    thresholds: what an edition must look like; the caller passes its settings (default:
    config.drift_thresholds(), read from the environment).
    """
    entry_url = source.entry_url(base_url, day)
    outcome = EditionOutcome(source.code, day, entry_url, "skipped")
    today = today or dt.date.today()
    if not force and should_skip(conn, source.code, day, today):
        outcome.detail = f"already {latest_status(conn, source.code, day)}"
        log.info("%s %s skipped: %s", source.code, day, outcome.detail)
        return outcome
    stats: EditionStats | None = None
    crawl = EditionCrawl(source, base_url, day, client, today=today)
    try:
        for bundle in crawl:
            stats = stats or EditionStats(crawl.entry_url)
            _stage_page(conn, source.code, day, bundle, run_id)
            stats.add(bundle)
            outcome.pages += bundle.page is not None
            outcome.articles += len(bundle.articles)
            outcome.failures += [f"{f.url} ({f.status or '-'}: {f.error or 'HTTP error'})" for f in bundle.failures]
        outcome.status = "partial" if outcome.failures else "complete"
        if outcome.pages == 0:
            outcome.status, outcome.detail = "failed", "entry page listed no pages"
        breaches = stats.breaches(thresholds or config.drift_thresholds()) if stats else []
        if breaches and stats is not None:
            outcome.status, outcome.detail = "layout_changed", stats.report(breaches)
    except NoEdition as exc:
        outcome.status, outcome.detail = "no_edition", str(exc)
    except LayoutChanged as exc:
        outcome.status = "layout_changed"
        outcome.detail = f"layout changed at {exc.url}: {exc.detail}. Selectors tried: {describe_selectors()}"
        with conn.transaction():
            _record_failure(conn, source.code, day, exc.url, exc.fetch.status if exc.fetch else None,
                            exc.detail, exc.fetch.attempts if exc.fetch else 1, run_id)
    except EditionUnavailable as exc:
        outcome.status, outcome.detail = "failed", str(exc)
        status = exc.fetch.status if exc.fetch else None
        attempts = exc.fetch.attempts if exc.fetch else 1
        with conn.transaction():
            _record_failure(conn, source.code, day, exc.url, status, exc.detail, attempts, run_id)
    except Exception as exc:  # noqa: BLE001 - recorded, then surfaced by the caller
        log.exception("%s %s: scrape aborted", source.code, day)
        outcome.status = "failed" if outcome.pages == 0 else "partial"
        outcome.detail = f"{type(exc).__name__}: {exc}"
        with conn.transaction():
            _record_failure(conn, source.code, day, entry_url, None, outcome.detail, 1, run_id)
    outcome.entry_url = crawl.entry_url  # the system actually crawled (scrapers.crawl.EditionCrawl)
    _record_outcome(conn, outcome, run_id)
    log.info("%s %s: %s", source.code, day, outcome.as_dict())
    return outcome
