"""The sample archive in both live skins and the sister papers: same texts whatever the markup.

The oracle is tools/sample_articles.py (the data the archive is built from),
never the parser: every article of every design must parse back to it.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from sample_articles import HBRB, SISTERS, SJZRB, Art, Edition

from scrapers.crawl import NoEdition, crawl_edition, latest_entry
from scrapers.http import PoliteClient
from scrapers.registry import get_source, source_for_url
from xiangmu.local.sample_server import DEFAULT_ROOT, ArchiveServer, FaultRule

MANIFEST = json.loads((DEFAULT_ROOT / "manifest.json").read_text("utf-8"))
EDITIONS = SJZRB + HBRB + SISTERS
CONTENT = {"sjzrb": "sjzrb/sjzrbpaper/pc/content", "hbrb": "hbrb/pc/paper/c", "yzwb": "yzwb/yzwbpaper/pc/content",
           "yzdsb": "yzdsb/pc/paper/c"}
LOCAL = "http://127.0.0.1:9"


def test_both_papers_have_both_live_designs() -> None:
    for code in ("sjzrb", "hbrb"):
        assert set(MANIFEST["papers"][code]["designs"].values()) == {"posrelative", "layoutlist"}, code
    assert set(MANIFEST["sister_papers"]) == {"yzwb", "yzdsb"}
    assert MANIFEST["sister_papers"]["yzwb"]["first_page"] == "node_A01.html"


def _expected_paragraphs(art: Art) -> list[str]:
    return [p[3:] if p.startswith("## ") else p for p in art.paras]


@pytest.mark.parametrize("ed", EDITIONS, ids=lambda e: f"{e.paper}-{e.day}")
def test_every_sample_article_parses_back_to_its_data(ed: Edition) -> None:
    d = date.fromisoformat(ed.day)
    for art in ed.articles:
        rel = f"{CONTENT[ed.paper]}/{d:%Y%m}/{d:%d}/{art.aid}.html"
        url = f"{LOCAL}/{rel}"
        source = source_for_url(url)
        assert source.code == ed.paper
        got = source.parse_article((DEFAULT_ROOT / rel).read_text("utf-8"), url)
        assert (got.kicker, got.title, got.subtitle, got.byline) == (
            art.kicker or None, art.title, art.subtitle or None, art.byline or None), rel
        assert (got.page_no, got.page_name, got.published) == (art.page, dict(ed.pages)[art.page], d), rel
        assert got.paragraphs == _expected_paragraphs(art), rel  # a hidden copy never doubles them
        assert got.captions == art.captions, rel


@pytest.mark.parametrize("ed", EDITIONS, ids=lambda e: f"{e.paper}-{e.day}")
def test_every_sample_page_lists_its_pages_pdf_and_articles(ed: Edition) -> None:
    d = date.fromisoformat(ed.day)
    source = get_source(ed.paper)
    folder = source.entry_url(f"{LOCAL}/{ed.paper}", d).rsplit("/", 1)[0]
    for no, name in ed.pages:
        url = f"{folder}/node_{no}.html"
        page = source.parse_page((DEFAULT_ROOT / url.removeprefix(LOCAL + "/")).read_text("utf-8"), url)
        assert (page.page_no, page.page_name) == (no, name)
        assert [(p.page_no, p.page_name) for p in page.pages] == ed.pages
        assert [a.title for a in page.articles] == [a.title for a in ed.articles if a.page == no]
        # each skin's own place (div.pull-right, #pdfUrl, the nav item's hidden input) gives this page's PDF
        assert page.pdf_url is not None and page.pdf_url.endswith(f"/{ed.paper}{d:%Y%m%d}{no}.pdf")
        assert (DEFAULT_ROOT / page.pdf_url.removeprefix(LOCAL + "/")).is_file()


# ---------------------------------------------------------------- over HTTP
def _crawl(client: PoliteClient, base_url: str, code: str, day: date, **kw: object) -> list:
    return list(crawl_edition(get_source(code), f"{base_url}/{code}", day, client, **kw))  # type: ignore[arg-type]


@pytest.mark.parametrize("ed", SISTERS, ids=lambda e: e.paper)
def test_sister_paper_edition_crawls(client: PoliteClient, base_url: str, ed: Edition) -> None:
    bundles = _crawl(client, base_url, ed.paper, date.fromisoformat(ed.day))
    assert [(b.page.page_no, b.page.page_name) for b in bundles] == ed.pages
    assert all(not b.failures for b in bundles)
    assert [a.article.title for b in bundles for a in b.articles] == [a.title for a in ed.articles]


def test_latest_edition_entry_is_followed_when_the_dated_url_is_unknown(
    client: PoliteClient, base_url: str, archive: ArchiveServer
) -> None:
    latest = max(HBRB, key=lambda e: e.day)
    day = date.fromisoformat(latest.day)
    hbrb = get_source("hbrb")
    assert latest_entry(hbrb, f"{base_url}/hbrb", client) == (
        f"{base_url}/hbrb/pc/paper/layout/{day:%Y%m}/{day:%d}/node_01.html", day)
    assert [r.path for r in archive.state.requests_for("/hbrb/")][:2] == ["/hbrb/", "/hbrb/pc/paper/layout/index.html"]

    # The dated URL answers 404 once (a new scheme the registry does not know yet)
    archive.state.clear()
    archive.state.add_rule(FaultRule(path=rf"layout/{day:%Y%m}/{day:%d}/node_01\.html$", kind="status", status=404,
                                     times=1))
    bundles = _crawl(client, base_url, "hbrb", day, follow_latest=True)
    assert [b.link.page_no for b in bundles] == [no for no, _ in latest.pages]
    assert sum(len(b.articles) for b in bundles) == len(latest.articles)

    # An older date is not the latest edition: still no edition
    archive.state.add_rule(FaultRule(path=r"layout/202308/08/node_01\.html$", kind="status", status=404))
    with pytest.raises(NoEdition):
        _crawl(client, base_url, "hbrb", date(2023, 8, 8), follow_latest=True)
