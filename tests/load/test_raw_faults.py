"""Staging editions through a faulty site: the raw tables end up with exactly the expected rows.

Real PostgreSQL (a private embedded server), real HTTP server (the sample
archive with a fault table), real scrapers and loader. The expected rows are
taken from the archive itself (its files and manifest), never from the code
under test. Decisions this module pins down:

- Transient faults (5xx bursts, timeouts, Retry-After, truncated bodies) that
  recover within the retry budget leave no trace: the edition is complete and
  raw.fetch_log is empty.
- A truncated body (fewer bytes than Content-Length) is a transport error:
  retried; when it persists it is recorded with the status the server sent
  (200) and a "truncated body" error, like an oversized body.
- A redirected article is stored once, under the URL the page lists (the
  requested URL): that key does not change when the redirect comes and goes,
  so a rerun without it adds nothing.
- GBK pages (charset in the header, in <meta>, or nowhere) give the same
  text as the UTF-8 page, with no U+FFFD.
- Persistent failures make the edition 'partial' with one raw.fetch_log row
  per failed URL (status, error text, attempts); so do an oversized body and a
  URL robots.txt disallows (which is never requested, not even via a redirect).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from raw_loading import RAW_TABLES, query, stage

from scrapers.http import PoliteClient
from scrapers.registry import get_source
from xiangmu.load.raw import EditionIncomplete, latest_status
from xiangmu.local.sample_server import DEFAULT_ROOT, ArchiveServer, FaultRule, serve_archive
from xiangmu.warehouse import connect

MANIFEST = json.loads((DEFAULT_ROOT / "manifest.json").read_text("utf-8"))
PAPERS = ("sjzrb", "hbrb")


# ---------------------------------------------------------------- the archive as oracle
def _edition_dir(paper: str, day: dt.date, kind: str) -> tuple[Path, str]:
    """Folder and file glob of an edition's pages ('node') or articles ('article')."""
    if day.year < 2019:  # older system: html/YYYY-MM/DD/{node,content}_N.htm
        folder = DEFAULT_ROOT / paper / "html" / f"{day:%Y-%m}" / f"{day:%d}"
        return folder, "node_*.htm" if kind == "node" else "content_*.htm"
    prefix = {"sjzrb": "sjzrb/sjzrbpaper/pc", "hbrb": "hbrb/pc/paper"}[paper]
    sub = "layout" if kind == "node" else {"sjzrb": "content", "hbrb": "c"}[paper]
    return DEFAULT_ROOT / prefix / sub / f"{day:%Y%m}" / f"{day:%d}", "*.html"


def files(paper: str, day: dt.date, kind: str) -> dict[str, Path]:
    """URL path (as served, e.g. '/hbrb/pc/paper/c/…/c123456.html') -> file."""
    folder, pattern = _edition_dir(paper, day, kind)
    return {"/" + str(f.relative_to(DEFAULT_ROOT)): f for f in sorted(folder.glob(pattern))}


def article_names_on(node: Path) -> set[str]:
    """File names of the articles a page file links to (read with a regex, not the parser)."""
    return {m.group(1) for m in re.finditer(r'href="[^"]*/((?:c|content_)\d+\.html?)"', node.read_text("utf-8"))}


def current_dates(paper: str) -> list[dt.date]:
    return [dt.date.fromisoformat(d) for d in MANIFEST["papers"][paper]["edition_dates"]]


def old_dates(paper: str) -> list[dt.date]:
    return [dt.date.fromisoformat(d) for d in MANIFEST["papers"][paper]["old_system_dates"]]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------- fixtures and helpers
pytestmark = pytest.mark.usefixtures("clean_raw")


@pytest.fixture()
def make_client(make_client: Callable[..., PoliteClient]) -> Callable[..., PoliteClient]:
    """tests/conftest.py's fast clients with a retry budget the transient faults recover within."""
    return functools.partial(make_client, backoff_max=0.02, max_retries=3)


def table_counts(db: str) -> dict[str, int]:
    return {t: query(db, f"select count(*) from raw.{t}")[0][0] for t in RAW_TABLES}


def urls(db: str, table: str, paper: str, day: dt.date) -> list[str]:
    """Every row's URL (a list, so a duplicate would show)."""
    rows = query(db, f"select url from raw.{table} where newspaper = %s and edition_date = %s order by url",
                 paper, day)
    return [r[0] for r in rows]


def fetch_log(db: str, paper: str, day: dt.date) -> dict[str, tuple[int | None, str, int]]:
    rows = query(db, "select url, http_status, error, attempts from raw.fetch_log"
                     " where newspaper = %s and edition_date = %s", paper, day)
    assert len(rows) == len({r[0] for r in rows}), rows
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def statuses(server: ArchiveServer, path_regex: str) -> list[int]:
    return [r.status for r in server.state.requests_for(path_regex)]


# ---------------------------------------------------------------- transient faults
def test_archive_oracle_agrees_with_manifest() -> None:
    """The expected rows below come from the files; they must agree with the manifest counts."""
    for paper in PAPERS:
        for day in current_dates(paper):
            iso = day.isoformat()
            assert len(files(paper, day, "node")) == len(MANIFEST["papers"][paper]["pages"][iso])
            assert len(files(paper, day, "article")) == MANIFEST["papers"][paper]["article_count"][iso]
        for day in old_dates(paper):
            assert len(files(paper, day, "node")) >= 2 and len(files(paper, day, "article")) >= 2


def test_transient_faults_recover_to_exactly_the_expected_rows(private_warehouse, archive, make_client) -> None:
    server, base = archive
    db = private_warehouse
    sjz, hb = "/sjzrb/sjzrbpaper/pc", "/hbrb/pc/paper"
    redirected = f"{hb}/c/202308/09/c123480.html"
    gbk = {  # URL path -> where the charset is declared
        f"{hb}/c/202308/08/c123470.html": "header",
        f"{hb}/c/202308/08/c123471.html": "meta",
        f"{hb}/c/202308/08/c123472.html": "none",
        f"{hb}/layout/202308/08/node_02.html": "none",
        "/sjzrb/html/2018-05/14/content_102.htm": "meta",  # older system: http-equiv meta
        "/hbrb/html/2015-06/18/content_202.htm": "header",
    }
    limited = [  # faults that stop within the retry budget (max_retries=3)
        FaultRule(path=rf"{sjz}/content/202308/07/content_1002\.html$", kind="status", status=503, times=2),
        FaultRule(path=rf"{sjz}/layout/202308/07/node_02\.html$", kind="status", status=502, times=3),
        FaultRule(path=rf"{sjz}/content/202308/08/content_1012\.html$", kind="delay", delay=1.2, times=1),
        FaultRule(path=rf"{sjz}/layout/202308/08/node_03\.html$", kind="delay", delay=1.2, times=1),
        FaultRule(path=rf"{sjz}/content/202308/09/content_1021\.html$", kind="retry_after", status=429,
                  retry_after="1", times=1),
        FaultRule(path=rf"{sjz}/layout/202308/09/node_01\.html$", kind="status", status=503, times=1),
        FaultRule(path=rf"{hb}/c/202308/07/c123456\.html$", kind="truncate", times=2),
        FaultRule(path=rf"{hb}/layout/202308/07/node_02\.html$", kind="truncate", times=1),
        FaultRule(path=re.escape(redirected) + "$", kind="redirect", location=redirected + "?via=redirect", times=1),
        FaultRule(path=r"/sjzrb/html/2018-05/14/node_6\.htm$", kind="status", status=500, times=1),
    ]
    for rule in limited:
        server.state.add_rule(rule)
    gbk_rules = [server.state.add_rule(FaultRule(path=re.escape(p) + "$", kind="gbk", gbk_declare=d))
                 for p, d in gbk.items()]

    client = make_client(read_timeout=0.4)
    editions = [(p, d) for p in PAPERS for d in current_dates(p) + old_dates(p)]
    outcomes = {(p, d): stage(db, base, p, d, client, run_id="faulty") for p, d in editions}

    # Every fault really fired, as many times as intended.
    assert [r.hits for r in limited] == [r.times for r in limited]
    assert all(r.hits >= 1 for r in gbk_rules)
    assert statuses(server, r"content/202308/07/content_1002\.html$") == [503, 503, 200]
    assert statuses(server, r"layout/202308/07/node_02\.html$")[:4] == [502, 502, 502, 200]
    assert len(server.state.requests_for(r"content/202308/08/content_1012\.html$")) == 2  # timed out, then ok
    assert len(server.state.requests_for(r"c/202308/07/c123456\.html$")) == 3  # truncated twice
    throttled, retried = server.state.requests_for(r"content/202308/09/content_1021\.html$")
    assert (throttled.status, retried.status) == (429, 200)
    assert retried.at - throttled.at >= 0.95  # Retry-After: 1 honoured (backoff alone is ~0.01 s)
    assert statuses(server, re.escape(redirected) + "$") == [302, 200]

    # Exactly the expected rows: every edition complete, one row per page and article, no failures.
    for (paper, day), outcome in outcomes.items():
        pages, articles = files(paper, day, "node"), files(paper, day, "article")
        assert (outcome.status, outcome.pages, outcome.articles, outcome.failures) == (
            "complete", len(pages), len(articles), []), (paper, day, outcome)
        assert query(db, "select status, page_count, article_count, failure_count from raw.editions"
                         " where newspaper = %s and edition_date = %s", paper, day) == [
            ("complete", len(pages), len(articles), 0)]
        assert urls(db, "pages", paper, day) == sorted(base + p for p in pages)
        assert urls(db, "articles", paper, day) == sorted(base + p for p in articles)
    assert table_counts(db)["fetch_log"] == 0
    assert table_counts(db)["editions"] == len(editions)

    # Content as served: UTF-8 rows hash the file's bytes; GBK rows read exactly like the UTF-8 page.
    rows = query(db, "select url, content_hash, raw_html, kicker, title, subtitle, byline, body_text, captions,"
                     " newspaper from raw.articles")
    assert len(rows) == sum(len(files(p, d, "article")) for p, d in editions)
    for url, content_hash, raw_html, kicker, title, subtitle, byline, body_text, captions, paper in rows:
        path = url.removeprefix(base)
        file = DEFAULT_ROOT / path.lstrip("/")
        assert "\ufffd" not in raw_html + body_text + title, url
        if path not in gbk:
            assert content_hash == sha256(file) and raw_html == file.read_text("utf-8"), url
            continue
        assert content_hash != sha256(file), f"{url} was not served as GBK"
        utf8 = get_source(paper).parse_article(file.read_text("utf-8"), url)
        assert body_text == utf8.body_text and body_text, url
        assert (kicker, title, subtitle, byline, captions) == (
            utf8.kicker, utf8.title, utf8.subtitle, utf8.byline, utf8.captions), url
        assert "gbk" in raw_html.lower() or gbk[path] != "meta"
    gbk_page = base + f"{hb}/layout/202308/08/node_02.html"
    [(page_no, page_name, page_hash)] = query(
        db, "select page_no, page_name, content_hash from raw.pages where url = %s", gbk_page)
    assert (page_no, page_name) == ("02", MANIFEST["papers"]["hbrb"]["pages"]["2023-08-08"][1].split("：")[1])
    assert page_hash != sha256(DEFAULT_ROOT / gbk_page.removeprefix(base).lstrip("/"))

    # The redirected article: one row, under the URL the page lists; its content is the target's.
    assert query(db, "select count(*) from raw.articles where url like %s", "%c123480%") == [(1,)]
    assert query(db, "select count(*) from raw.articles where url like %s", "%via=redirect%") == [(0,)]

    # Forced reruns with the site healthy add nothing (same URL, same bytes) to the recovered editions.
    server.state.clear()
    before = table_counts(db)
    for paper, day in [("hbrb", dt.date(2023, 8, 9)), ("sjzrb", dt.date(2023, 8, 7)), ("sjzrb", dt.date(2023, 8, 9))]:
        assert stage(db, base, paper, day, client, run_id="healthy", force=True).status == "complete"
    assert table_counts(db) == before


# ---------------------------------------------------------------- persistent faults
def test_persistent_failures_are_partial_with_each_error_recorded(private_warehouse, archive, make_client) -> None:
    server, base = archive
    db = private_warehouse
    paper, day = "hbrb", dt.date(2023, 8, 9)
    c = "/hbrb/pc/paper/c/202308/09/"
    broken_page = "/hbrb/pc/paper/layout/202308/09/node_04.html"
    faults = {  # URL path -> (rule, expected (status, error pattern, attempts) in raw.fetch_log)
        c + "c123480.html": (FaultRule(path="c123480", kind="status", status=503), (503, r"^HTTP 503$", 3)),
        c + "c123481.html": (FaultRule(path="c123481", kind="truncate"), (200, r"^truncated body: \d+ of \d+ ", 3)),
        c + "c123482.html": (FaultRule(path="c123482", kind="delay", delay=1.0), (None, r"^timeout: ", 3)),
        c + "c123484.html": (FaultRule(path="c123484", kind="status", status=404), (404, r"^HTTP 404$", 1)),
        c + "content_304737.html": (  # asks for longer than a run waits: given up at once
            FaultRule(path="content_304737", kind="retry_after", status=503, retry_after="3600"),
            (503, r"^HTTP 503$", 1)),
        broken_page: (FaultRule(path="node_04", kind="status", status=500), (500, r"^HTTP 500$", 3)),
    }
    for rule, _ in faults.values():
        server.state.add_rule(rule)
    client = make_client(max_retries=2, read_timeout=0.3)

    outcome = stage(db, base, paper, day, client, run_id="faulty")

    all_pages, all_articles = files(paper, day, "node"), files(paper, day, "article")
    lost_with_page = {p for p in all_articles if Path(p).name in article_names_on(all_pages[broken_page])}
    assert lost_with_page, "the broken page must carry articles for this test to mean anything"
    expected_pages = sorted(base + p for p in all_pages if p != broken_page)
    expected_articles = sorted(base + p for p in all_articles if p not in faults and p not in lost_with_page)
    assert outcome.status == "partial" and not outcome.ok
    assert (outcome.pages, outcome.articles, len(outcome.failures)) == (
        len(expected_pages), len(expected_articles), len(faults))
    assert urls(db, "pages", paper, day) == expected_pages
    assert urls(db, "articles", paper, day) == expected_articles
    assert query(db, "select status, page_count, article_count, failure_count, run_id from raw.editions"
                     " where newspaper = %s and edition_date = %s", paper, day) == [
        ("partial", len(expected_pages), len(expected_articles), len(faults), "faulty")]
    logged = fetch_log(db, paper, day)
    assert set(logged) == {base + p for p in faults}
    for path, (_, (status, error, attempts)) in faults.items():
        got_status, got_error, got_attempts = logged[base + path]
        assert (got_status, got_attempts) == (status, attempts), path
        assert re.search(error, got_error), (path, got_error)
    # Retried exactly as often as recorded; a 404 and an over-long Retry-After are not retried.
    assert len(server.state.requests_for("c123480")) == 3
    assert len(server.state.requests_for("c123484")) == 1
    assert len(server.state.requests_for("content_304737")) == 1
    assert not server.state.requests_for("c123487|c123488")  # on the page that never arrived
    message = str(EditionIncomplete(outcome))
    assert "partial" in message and "c123480.html (503: HTTP 503)" in message

    # The site recovers: a plain rerun (partial is never skipped) completes the edition exactly.
    server.state.clear()
    again = stage(db, base, paper, day, client, run_id="recovered")
    assert (again.status, again.pages, again.articles) == ("complete", len(all_pages), len(all_articles))
    assert urls(db, "pages", paper, day) == sorted(base + p for p in all_pages)
    assert urls(db, "articles", paper, day) == sorted(base + p for p in all_articles)
    assert set(fetch_log(db, paper, day)) == {base + p for p in faults}  # the first run's errors stay
    assert latest_status_of(db, paper, day) == "complete"

    # It breaks the same way again (forced): the latest outcome is partial again, not the old 'complete'.
    for rule, _ in faults.values():
        server.state.add_rule(FaultRule(path=rule.path, kind="status", status=404))
    assert stage(db, base, paper, day, client, run_id="again", force=True).status == "partial"
    assert latest_status_of(db, paper, day) == "partial"
    server.state.clear()
    assert stage(db, base, paper, day, client, run_id="fixed").status == "complete"  # not skipped
    assert latest_status_of(db, paper, day) == "complete"
    assert stage(db, base, paper, day, client, run_id="noop").status == "skipped"
    assert urls(db, "articles", paper, day) == sorted(base + p for p in all_articles)


def latest_status_of(db: str, paper: str, day: dt.date) -> str | None:
    with connect(db) as conn:
        return latest_status(conn, paper, day)


def test_entry_page_failing_is_failed_and_recorded(private_warehouse, archive, make_client) -> None:
    server, base = archive
    db = private_warehouse
    paper, day = "sjzrb", dt.date(2023, 8, 8)
    server.state.add_rule(FaultRule(path=r"layout/202308/08/node_01\.html$", kind="status", status=503))
    outcome = stage(db, base, paper, day, make_client(max_retries=1), run_id="down")
    entry = f"{base}/sjzrb/sjzrbpaper/pc/layout/202308/08/node_01.html"
    assert (outcome.status, outcome.pages, outcome.articles) == ("failed", 0, 0)
    assert fetch_log(db, paper, day) == {entry: (503, "HTTP 503", 2)}
    assert query(db, "select status, entry_url from raw.editions") == [("failed", entry)]
    assert urls(db, "pages", paper, day) == [] and urls(db, "articles", paper, day) == []
    assert not server.state.requests_for("/html/")  # a 5xx is not 'no edition': the older system is not tried


def test_404_dates_are_no_edition_and_older_system_is_tried(private_warehouse, archive, make_client) -> None:
    server, base = archive
    db = private_warehouse
    client = make_client()
    for paper in PAPERS:
        for iso in MANIFEST["papers"][paper]["no_edition_dates"]:
            day = dt.date.fromisoformat(iso)
            outcome = stage(db, base, paper, day, client, run_id="empty")
            assert outcome.status == "no_edition" and outcome.ok
            assert "404" in (outcome.detail or "") and "/html/" in (outcome.detail or "")
            assert query(db, "select status, page_count, article_count, failure_count from raw.editions"
                             " where newspaper = %s and edition_date = %s", paper, day) == [("no_edition", 0, 0, 0)]
            # Both URL schemes were asked, once each: current first, then the older system.
            asked = [r.path for r in server.state.requests_for(f"/{paper}/") if "robots" not in r.path]
            assert len(asked) == 2 and "/html/" in asked[1], asked
            server.state.clear()
    assert {t: n for t, n in table_counts(db).items() if t != "editions"} == {
        "pages": 0, "articles": 0, "fetch_log": 0}


# ---------------------------------------------------------------- refused bodies and URLs
def test_oversized_body_is_a_recorded_failure_not_a_crash(private_warehouse, archive, make_client) -> None:
    server, base = archive
    db = private_warehouse
    limit = 64 * 1024
    client = make_client(max_body_bytes=limit)
    paper, day = "sjzrb", dt.date(2023, 8, 8)
    big = "/sjzrb/sjzrbpaper/pc/content/202308/08/content_1013.html"
    server.state.add_rule(FaultRule(path=re.escape(big) + "$", kind="pad", pad_bytes=4 * limit))

    outcome = stage(db, base, paper, day, client, run_id="big")

    articles = files(paper, day, "article")
    assert (outcome.status, outcome.articles) == ("partial", len(articles) - 1)
    [(status, error, attempts)] = fetch_log(db, paper, day).values()
    assert fetch_log(db, paper, day).keys() == {base + big}
    assert (status, attempts) == (200, 1) and error.startswith("body too large") and str(limit) in error
    assert len(server.state.requests_for(re.escape(big))) == 1  # not retried: it would be as big again
    assert urls(db, "articles", paper, day) == sorted(base + p for p in articles if p != big)

    # An oversized entry page: the edition is 'failed', recorded, and nothing else is staged.
    server.state.add_rule(FaultRule(path=r"/hbrb/pc/paper/layout/202308/07/node_01\.html$", kind="pad",
                                    pad_bytes=4 * limit))
    failed = stage(db, base, "hbrb", dt.date(2023, 8, 7), client, run_id="big")
    assert failed.status == "failed"
    [(status, error, _)] = fetch_log(db, "hbrb", dt.date(2023, 8, 7)).values()
    assert status == 200 and error.startswith("body too large")
    assert query(db, "select count(*) from raw.articles where newspaper = 'hbrb'") == [(0,)]


@pytest.fixture()
def strict_archive(tmp_path: Path) -> Iterator[tuple[ArchiveServer, str]]:
    """A copy of the archive whose robots.txt also disallows one listed article."""
    root = tmp_path / "archive"
    shutil.copytree(DEFAULT_ROOT, root)
    robots = root / "robots.txt"
    robots.write_text(robots.read_text("utf-8").rstrip("\n")
                      + "\nDisallow: /sjzrb/sjzrbpaper/pc/content/202308/09/content_1022.html\n", "utf-8")
    server, base = serve_archive(root)
    yield server, base
    server.shutdown()
    server.server_close()


def test_robots_disallowed_urls_are_not_fetched_and_recorded(private_warehouse, strict_archive, make_client) -> None:
    server, base = strict_archive
    db = private_warehouse
    paper, day = "sjzrb", dt.date(2023, 8, 9)
    content = "/sjzrb/sjzrbpaper/pc/content/202308/09/"
    disallowed, sneaky = content + "content_1022.html", content + "content_1023.html"
    # A listed article redirects into /sjzrb/private/, which the sample robots.txt disallows.
    server.state.add_rule(FaultRule(path=re.escape(sneaky) + "$", kind="redirect",
                                    location="/sjzrb/private/content_1023.html"))

    outcome = stage(db, base, paper, day, make_client(respect_robots=True), run_id="robots")

    assert outcome.status == "partial"
    assert not server.state.requests_for(re.escape(disallowed))  # never asked for
    assert not server.state.requests_for("/private/")  # the redirect was not followed into it
    assert len(server.state.requests_for("robots.txt")) == 1
    assert fetch_log(db, paper, day) == {
        base + disallowed: (None, "disallowed by robots.txt", 0),
        base + sneaky: (None, f"redirect to {base}/sjzrb/private/content_1023.html disallowed by robots.txt", 1),
    }
    articles = files(paper, day, "article")
    assert urls(db, "articles", paper, day) == sorted(base + p for p in articles if p not in {disallowed, sneaky})
    assert query(db, "select status, failure_count from raw.editions") == [("partial", 2)]
