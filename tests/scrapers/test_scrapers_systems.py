"""Which URL system an edition is crawled on (scrapers.crawl.EditionCrawl), against the sample archive."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from scrapers.crawl import LATEST_WITHIN_DAYS, EditionCrawl, NoEdition, PageBundle
from scrapers.http import PoliteClient
from scrapers.registry import get_source
from xiangmu.local.sample_server import DEFAULT_ROOT, ArchiveServer, FaultRule

MANIFEST = json.loads((DEFAULT_ROOT / "manifest.json").read_text(encoding="utf-8"))
LONG_AFTER = date(2030, 1, 1)  # "today" for dates that are not recent


def _asked(archive: ArchiveServer, code: str) -> list[str]:
    return [r.path for r in archive.state.requests_for(f"/{code}/") if "robots" not in r.path]


def _crawl(client: PoliteClient, base_url: str, code: str, dates: str) -> tuple[EditionCrawl, list[PageBundle]]:
    """Crawl the paper's first date of the manifest's `dates` list, long after it (not a recent date)."""
    day = date.fromisoformat(MANIFEST["papers"][code][dates][0])
    crawl = EditionCrawl(get_source(code), f"{base_url}/{code}", day, client, today=LONG_AFTER)
    return crawl, list(crawl)


@pytest.mark.parametrize("code", ["sjzrb", "hbrb"])
def test_current_system_date_is_crawled_there_only(
    client: PoliteClient, base_url: str, archive: ArchiveServer, code: str
) -> None:
    crawl, bundles = _crawl(client, base_url, code, "edition_dates")
    assert len(bundles) >= 2 and all(not b.failures for b in bundles)
    assert crawl.entry_url == get_source(code).entry_url(f"{base_url}/{code}", crawl.day, "current")
    assert not any("/html/" in p for p in _asked(archive, code))


@pytest.mark.parametrize("code", ["sjzrb", "hbrb"])
def test_backfill_date_falls_back_to_the_older_system(
    client: PoliteClient, base_url: str, archive: ArchiveServer, code: str
) -> None:
    crawl, bundles = _crawl(client, base_url, code, "old_system_dates")
    assert len(bundles) >= 2 and sum(len(b.articles) for b in bundles) >= 2
    assert crawl.entry_url == get_source(code).entry_url(f"{base_url}/{code}", crawl.day, "old")
    assert "/html/" in crawl.entry_url
    asked = _asked(archive, code)
    assert "/html/" not in asked[0] and "/html/" in asked[1], asked  # current first, then the older system


def test_no_system_has_the_date(client: PoliteClient, base_url: str, archive: ArchiveServer) -> None:
    code = "sjzrb"
    day = date.fromisoformat(MANIFEST["papers"][code]["no_edition_dates"][0])
    source = get_source(code)
    crawl = EditionCrawl(source, f"{base_url}/{code}", day, client, today=LONG_AFTER)
    with pytest.raises(NoEdition) as info:
        list(crawl)
    current = source.entry_url(f"{base_url}/{code}", day, "current")
    old = source.entry_url(f"{base_url}/{code}", day, "old")
    assert info.value.url == current and info.value.status == 404
    assert current in str(info.value) and old in str(info.value)  # the message names every URL tried
    assert crawl.entry_url == current  # the edition is recorded under the first system's entry
    assert len(_asked(archive, code)) == 2


def test_latest_edition_page_is_asked_only_for_recent_dates(
    client: PoliteClient, base_url: str, archive: ArchiveServer
) -> None:
    code = "hbrb"
    day = date.fromisoformat(MANIFEST["papers"][code]["latest_edition"])
    source = get_source(code)

    def dated_url_missing_once() -> FaultRule:  # as when the paper moves to a URL scheme not known yet
        return FaultRule(path=rf"layout/{day:%Y%m}/{day:%d}/node_01\.html$", kind="status", status=404, times=1)

    archive.state.add_rule(dated_url_missing_once())
    recent = EditionCrawl(source, f"{base_url}/{code}", day, client, today=day + timedelta(days=LATEST_WITHIN_DAYS))
    assert sum(len(b.articles) for b in recent) == MANIFEST["papers"][code]["article_count"][str(day)]
    assert archive.state.requests_for(r"^/hbrb/pc/paper/layout/index\.html$")

    archive.state.clear()
    archive.state.add_rule(dated_url_missing_once())
    old = EditionCrawl(source, f"{base_url}/{code}", day, client, today=day + timedelta(days=LATEST_WITHIN_DAYS + 1))
    with pytest.raises(NoEdition):
        list(old)
    assert not archive.state.requests_for(r"^/hbrb/pc/paper/layout/index\.html$")
