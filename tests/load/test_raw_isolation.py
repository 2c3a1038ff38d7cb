"""Pages and articles isolated in the crawl, hostile bytes, and markup drift caught.

Real PostgreSQL (embedded, this module's own), real HTTP (the sample archive,
with faults injected by xiangmu.local.sample_server), real scrapers and loader. The
expected rows come from the archive's files and manifest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from raw_loading import query, stage
from receivers import WebhookReceiver, serve_webhook

from scrapers.registry import get_source
from xiangmu import alerts, config, pipeline
from xiangmu.load import raw as raw_module
from xiangmu.load.raw import EditionIncomplete
from xiangmu.local.sample_server import DEFAULT_ROOT, ArchiveServer, FaultRule, serve_archive

MANIFEST = json.loads((DEFAULT_ROOT / "manifest.json").read_text("utf-8"))
HB = "/hbrb/pc/paper"


pytestmark = pytest.mark.usefixtures("clean_raw")


def article_files(paper: str, day: dt.date) -> dict[str, Path]:
    sub = {"sjzrb": "sjzrb/sjzrbpaper/pc/content", "hbrb": "hbrb/pc/paper/c",
           "yzwb": "yzwb/yzwbpaper/pc/content", "yzdsb": "yzdsb/pc/paper/c"}[paper]
    folder = DEFAULT_ROOT / sub / f"{day:%Y%m}" / f"{day:%d}"
    return {"/" + str(f.relative_to(DEFAULT_ROOT)): f for f in sorted(folder.glob("*.html"))}


# ---------------------------------------------------------------- hostile bytes
def test_nul_byte_in_one_article_stages_everything_and_records_it(private_warehouse, archive, client) -> None:
    server, base = archive
    db, paper, day = private_warehouse, "hbrb", dt.date(2023, 8, 8)
    bad = f"{HB}/c/202308/08/c123471.html"
    rule = server.state.add_rule(FaultRule(path=bad + "$", kind="nul"))

    outcome = stage(db, base, paper, day, client, run_id="nul")

    assert rule.hits == 1
    files = article_files(paper, day)
    assert (outcome.status, outcome.pages, outcome.articles) == (
        "complete", len(MANIFEST["papers"][paper]["pages"][day.isoformat()]), len(files))
    assert sorted(r[0] for r in query(db, "select url from raw.articles")) == sorted(base + p for p in files)
    [(body, raw_html, content_hash, warnings)] = query(
        db, "select body_text, raw_html, content_hash, warnings from raw.articles where url = %s", base + bad)
    served = files[bad].read_bytes()  # what the fault server sent ...
    at = served.rfind(b"<p>") + 3
    served = served[:at] + b"\x00" + served[at:]
    assert content_hash == hashlib.sha256(served).hexdigest()  # ... its hash kept, its NUL gone
    assert "\x00" not in body + raw_html and raw_html == served.decode("utf-8").replace("\x00", "")
    assert len(warnings) == 1 and "NUL" in warnings[0]
    others = query(db, "select count(*) from raw.articles where url <> %s and warnings <> '[]'::jsonb", base + bad)
    assert others == [(0,)]


def test_undecodable_bytes_are_a_warning_on_the_article(private_warehouse, archive, client) -> None:
    server, base = archive
    db, paper, day = private_warehouse, "sjzrb", dt.date(2023, 8, 8)
    bad = "/sjzrb/sjzrbpaper/pc/content/202308/08/content_1012.html"
    server.state.add_rule(FaultRule(path=bad + "$", kind="badbytes"))

    assert stage(db, base, paper, day, client, run_id="bytes").status == "complete"

    [(body, warnings)] = query(db, "select body_text, warnings from raw.articles where url = %s", base + bad)
    assert len(warnings) == 1 and warnings[0].startswith("undecodable bytes: 2 replaced") and "utf-8" in warnings[0]
    # UTF-8 kept (two U+FFFD), not the whole page misread as GB18030
    expected = get_source(paper).parse_article(DEFAULT_ROOT.joinpath(bad[1:]).read_text("utf-8"), base + bad)
    assert body.count("\ufffd") == 2
    assert [p.replace("\ufffd", "").strip("\u3000") for p in body.split("\n\n")] == expected.paragraphs


def test_an_article_the_database_refuses_is_recorded_and_the_rest_staged(
    private_warehouse, archive, client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the NUL removal PostgreSQL refuses the article: only that one is lost, under its own URL."""
    server, base = archive
    db, paper, day = private_warehouse, "hbrb", dt.date(2023, 8, 8)
    bad = f"{HB}/c/202308/08/c123471.html"
    server.state.add_rule(FaultRule(path=bad + "$", kind="nul"))
    monkeypatch.setattr(raw_module, "pg_safe", lambda text: (text, 0))

    outcome = stage(db, base, paper, day, client, run_id="refused")

    files = article_files(paper, day)
    assert (outcome.status, outcome.articles) == ("partial", len(files) - 1)
    assert sorted(r[0] for r in query(db, "select url from raw.articles")) == sorted(
        base + p for p in files if p != bad)
    [(url, status, error)] = query(db, "select url, http_status, error from raw.fetch_log")
    assert (url, status) == (base + bad, 200) and error.startswith("not staged:")
    assert query(db, "select count(*) from raw.pages") == [(len(MANIFEST["papers"][paper]["pages"]["2023-08-08"]),)]


def test_a_parser_crash_on_one_article_or_page_is_recorded_under_its_url(
    private_warehouse, archive, client, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, base = archive
    db, paper, day = private_warehouse, "sjzrb", dt.date(2023, 8, 9)
    source = get_source(paper)
    crash_article, crash_page = "content_1022.html", "node_03.html"
    real_article, real_page = source.parse_article, source.parse_page

    def article(html: str, url: str):
        if url.endswith(crash_article):
            raise RecursionError("maximum recursion depth exceeded")
        return real_article(html, url)

    def page(html: str, url: str):
        if url.endswith(crash_page):
            raise AttributeError("'NoneType' object has no attribute 'get'")
        return real_page(html, url)

    monkeypatch.setattr(source, "parse_article", article)
    monkeypatch.setattr(source, "parse_page", page)
    outcome = stage(db, base, paper, day, client, run_id="crash")

    assert outcome.status == "partial"
    logged = {u.rsplit("/", 1)[-1]: e for u, e in query(db, "select url, error from raw.fetch_log")}
    assert set(logged) == {crash_article, crash_page}
    assert logged[crash_article].startswith("parser crashed: RecursionError")
    assert logged[crash_page].startswith("parser crashed: AttributeError")
    pages = len(MANIFEST["papers"][paper]["pages"]["2023-08-09"])
    assert query(db, "select count(*) from raw.pages") == [(pages - 1,)]
    assert outcome.articles >= 1 and outcome.pages == pages - 1


# ---------------------------------------------------------------- sister papers, latest entry
@pytest.mark.parametrize("paper", ["yzwb", "yzdsb"])
def test_sister_paper_edition_is_staged_complete(private_warehouse, archive, client, paper: str) -> None:
    _, base = archive
    info = MANIFEST["sister_papers"][paper]
    day = dt.date.fromisoformat(info["edition_dates"][0])
    outcome = stage(private_warehouse, base, paper, day, client, run_id="sister")
    assert (outcome.status, outcome.pages, outcome.articles) == (
        "complete", len(info["pages"][day.isoformat()]), info["article_count"][day.isoformat()])
    assert outcome.entry_url.endswith(info["first_page"])


def test_recent_date_with_unknown_url_follows_the_latest_edition(private_warehouse, archive, client) -> None:
    server, base = archive
    day = dt.date.fromisoformat(MANIFEST["papers"]["hbrb"]["latest_edition"])
    server.state.add_rule(FaultRule(path=rf"layout/{day:%Y%m}/{day:%d}/node_01\.html$", kind="status", status=404,
                                    times=1))
    outcome = stage(private_warehouse, base, "hbrb", day, client, run_id="latest", today=day + dt.timedelta(days=1))
    assert (outcome.status, outcome.articles) == ("complete", MANIFEST["papers"]["hbrb"]["article_count"][str(day)])
    assert server.state.requests_for(r"^/hbrb/pc/paper/layout/index\.html$")


# ---------------------------------------------------------------- drift
@pytest.fixture()
def changed_archive(tmp_path: Path) -> Iterator[tuple[ArchiveServer, str]]:
    """The sample archive where sjzrb's 2023-08-08 pages lost their article links (links became scripts)."""
    root = tmp_path / "archive"
    shutil.copytree(DEFAULT_ROOT, root)
    for node in (root / "sjzrb/sjzrbpaper/pc/layout/202308/08").glob("node_*.html"):
        html = node.read_text("utf-8").replace('<li class="clearfix"><a href=', '<li class="item"><a data-go=')
        node.write_text(html, "utf-8")
    server, base = serve_archive(root)
    yield server, base
    server.shutdown()
    server.server_close()


@pytest.fixture()
def webhook() -> Iterator[WebhookReceiver]:
    with serve_webhook() as receiver:
        yield receiver


def test_changed_markup_is_layout_changed_alerted_and_never_complete(
    private_warehouse, changed_archive, webhook: WebhookReceiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, base = changed_archive
    db, day = private_warehouse, dt.date(2023, 8, 8)
    monkeypatch.setenv("WAREHOUSE_URL", db)
    monkeypatch.setenv("XIANGMU_SJZRB_BASE_URL", f"{base}/sjzrb")
    monkeypatch.setenv("XIANGMU_HTTP_MIN_INTERVAL", "0")
    hook_url = f"http://127.0.0.1:{webhook.port}/h"
    monkeypatch.setenv("AIRFLOW_CONN_XIANGMU_ALERT_WEBHOOK", json.dumps({"conn_type": "http", "host": hook_url}))
    monkeypatch.delenv("AIRFLOW_CONN_XIANGMU_ALERT_SMTP", raising=False)
    entry = f"{base}/sjzrb/sjzrbpaper/pc/layout/202308/08/node_01.html"
    # the DAG's scrape task: fails ...
    with pytest.raises(EditionIncomplete) as info:
        pipeline.scrape("sjzrb", day, run_id="drift")
    # ... and its on_failure_callback alerts
    ti = SimpleNamespace(dag_id="xiangmu_daily", task_id="scrape_sjzrb", run_id="drift", map_index=-1,
                         try_number=1, state="failed", log_url=None)
    alerts.task_failure_alert({"ti": ti, "dag": SimpleNamespace(dag_id="xiangmu_daily"), "run_id": "drift",
                               "logical_date": "2023-08-08", "exception": info.value})

    assert info.value.outcome.status == "layout_changed"
    assert query(db, "select status, entry_url from raw.editions where edition_date = %s", day) == [
        ("layout_changed", entry)]
    assert query(db, "select count(*) from raw.editions where status = 'complete'") == [(0,)]
    [post] = webhook.posts
    text = post["text"]
    assert "scrape_sjzrb" in text and "layout_changed" in text and entry in text
    assert "articles per non-advert page" in text
    for selector in ("li.clearfix > a", "#articlelist li a", "ul.news-list li a", "li.posRelative > a"):
        assert selector in text, selector

    # Thresholds are configuration: loosened, the same pages pass as an edition again.
    monkeypatch.setenv("XIANGMU_DRIFT_MIN_ARTICLES_PER_PAGE", "0")
    monkeypatch.setenv("XIANGMU_DRIFT_MAX_EMPTY_PAGE_SHARE", "1")
    assert config.drift_thresholds().min_articles_per_page == 0.0
    assert pipeline.scrape("sjzrb", day, run_id="loose")["status"] == "complete"


def test_entry_page_without_a_page_list_is_layout_changed(private_warehouse, archive, client) -> None:
    server, base = archive
    day = dt.date(2023, 8, 7)
    server.state.add_rule(FaultRule(path=r"/sjzrb/sjzrbpaper/pc/layout/202308/07/node_01\.html$", kind="redirect",
                                    location="/sjzrb/sjzrbpaper/pc/content/202308/07/content_1001.html"))
    outcome = stage(private_warehouse, base, "sjzrb", day, client, run_id="nolist")
    assert outcome.status == "layout_changed" and not outcome.ok
    assert "li.posRelative > a" in (outcome.detail or "") and "node_01.html" in (outcome.detail or "")
    assert query(private_warehouse, "select count(*) from raw.articles") == [(0,)]
    [(url, error)] = query(private_warehouse, "select url, error from raw.fetch_log")
    assert url.endswith("node_01.html") and "parse error" in error


@pytest.mark.parametrize(
    ("figures", "breach"),
    [
        ({"pages_listed": 1, "pages_named": 1}, "1 pages found"),
        ({"pages_named": 1}, "1 of 4 pages named"),
        ({"body_lengths": [10, 12, 15]}, "median body 12 characters"),
        ({"articles_unparsed": 3}, "3 of 6 articles without title or body"),
        ({"article_links": [0, 0, 3]}, "of non-advert pages list no article"),
    ],
)
def test_each_drift_figure_is_checked(figures: dict, breach: str) -> None:
    from scrapers.drift import EditionStats

    healthy = {"pages_listed": 4, "pages_named": 4, "article_links": [3, 2, 4], "body_lengths": [300, 420, 500]}
    stats = EditionStats("http://x/node_01.html", **{**healthy, **figures})
    assert stats.breaches(config.DriftThresholds()) != []
    assert any(breach in b for b in stats.breaches(config.DriftThresholds())), stats.breaches(config.DriftThresholds())
    assert EditionStats("http://x/node_01.html", **healthy).breaches(config.DriftThresholds()) == []


def test_a_page_the_database_refuses_is_recorded_and_the_other_pages_staged(
    private_warehouse, archive, client, monkeypatch: pytest.MonkeyPatch
) -> None:
    import psycopg

    _, base = archive
    db, paper, day = private_warehouse, "hbrb", dt.date(2023, 8, 9)
    real = raw_module._insert_page

    def insert_page(conn, newspaper, d, bundle, run_id):
        if bundle.link.url.endswith("node_02.html"):
            raise psycopg.DataError("invalid byte sequence for encoding \"UTF8\"")
        return real(conn, newspaper, d, bundle, run_id)

    monkeypatch.setattr(raw_module, "_insert_page", insert_page)
    outcome = stage(db, base, paper, day, client, run_id="page-refused")

    pages = MANIFEST["papers"][paper]["pages"]["2023-08-09"]
    assert (outcome.status, outcome.pages) == ("partial", len(pages) - 1)
    logged = dict(query(db, "select url, error from raw.fetch_log"))
    page_url = f"{base}{HB}/layout/202308/09/node_02.html"
    assert logged.pop(page_url).startswith("page not staged: DataError")
    assert logged and all(e.startswith("not staged with its page") for e in logged.values())  # its articles
    staged = {r[0] for r in query(db, "select url from raw.articles")}
    assert not staged & set(logged) and len(staged) == outcome.articles > 0
    assert page_url not in {r[0] for r in query(db, "select url from raw.pages")}
