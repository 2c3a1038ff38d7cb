"""Whole editions crawled from the sample archive over HTTP."""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import requests

from scrapers.crawl import EditionUnavailable, NoEdition, crawl_edition
from scrapers.http import PoliteClient
from scrapers.registry import get_source
from xiangmu.local.sample_server import DEFAULT_ROOT, ArchiveServer, FaultRule

FACTS = json.loads((DEFAULT_ROOT / "expected_facts.json").read_text(encoding="utf-8"))
MANIFEST = json.loads((DEFAULT_ROOT / "manifest.json").read_text(encoding="utf-8"))
EDITIONS = {
    code: {"current": p["edition_dates"], "old": p["old_system_dates"], "no_edition": p["no_edition_dates"]}
    for code, p in MANIFEST["papers"].items()
}


def _crawl(client: PoliteClient, base_url: str, code: str, day: date, system: str = "current") -> list:
    return list(crawl_edition(get_source(code), f"{base_url}/{code}", day, client, system))  # type: ignore[arg-type]


def test_sjzrb_edition_page_by_page(client: PoliteClient, base_url: str) -> None:
    bundles = _crawl(client, base_url, "sjzrb", date(2023, 8, 7))
    assert [(b.page.page_no, b.page.page_name) for b in bundles] == [("01", "要闻"), ("02", "综合"), ("03", "城市")]
    assert [len(b.articles) for b in bundles] == [3, 3, 2]
    assert all(b.failures == [] and b.fetch.ok for b in bundles)
    titles = [a.article.title for b in bundles for a in b.articles]
    assert titles[0] == "全市312个项目集中开工 总投资865.4亿元"
    for b in bundles:
        for a in b.articles:
            assert a.article.page_no == b.page.page_no and a.fetch.content_hash


def test_every_edition_date_crawls_cleanly(client: PoliteClient, base_url: str) -> None:
    for code, systems in EDITIONS.items():
        for system in ("current", "old"):
            for day in systems[system]:
                bundles = _crawl(client, base_url, code, date.fromisoformat(day), system)
                assert len(bundles) >= 2, (code, day)
                assert all(not b.failures for b in bundles), (code, day)
                assert all(len(b.articles) >= 1 for b in bundles)


@pytest.mark.parametrize("code", ["sjzrb", "hbrb"])
def test_no_edition_date(client: PoliteClient, base_url: str, code: str) -> None:
    day = date.fromisoformat(EDITIONS[code]["no_edition"][0])
    with pytest.raises(NoEdition) as info:
        _crawl(client, base_url, code, day)
    assert info.value.status == 404 and day.strftime("%Y%m") in info.value.url


def test_entry_page_failing_after_retries_is_unavailable(make_client, base_url: str, archive: ArchiveServer) -> None:
    archive.state.add_rule(FaultRule(path=r"layout/202308/07/node_01", kind="status", status=502))
    with pytest.raises(EditionUnavailable):
        _crawl(make_client(max_retries=1), base_url, "hbrb", date(2023, 8, 7))


def test_failed_article_is_recorded_and_the_rest_kept(make_client, base_url: str, archive: ArchiveServer) -> None:
    archive.state.add_rule(FaultRule(path="c123457", kind="status", status=500))
    bundles = _crawl(make_client(max_retries=1), base_url, "hbrb", date(2023, 8, 7))
    first = bundles[0]
    assert [a.article.title for a in first.articles] == ["全省重点项目建设提速增效", "秋粮作物长势良好"]
    assert [(f.url.rsplit("/", 1)[-1], f.status, f.attempts) for f in first.failures] == [("c123457.html", 500, 2)]
    assert sum(len(b.articles) for b in bundles) == 6


def test_failed_page_is_recorded_and_the_crawl_goes_on(make_client, base_url: str, archive: ArchiveServer) -> None:
    archive.state.add_rule(FaultRule(path=r"layout/202308/07/node_02", kind="status", status=503))
    bundles = _crawl(make_client(max_retries=1), base_url, "sjzrb", date(2023, 8, 7))
    assert [b.link.page_no for b in bundles] == ["01", "02", "03"]
    broken = bundles[1]
    assert broken.page is None and broken.articles == []
    assert [(f.status, f.attempts) for f in broken.failures] == [(503, 2)]
    assert len(bundles[2].articles) == 2


def test_continued_story_parts_are_linkable(client: PoliteClient, base_url: str) -> None:
    bundles = _crawl(client, base_url, "hbrb", date(2023, 8, 7))
    by_id = {a.fetch.url.rsplit("/", 1)[-1]: a.article for b in bundles for a in b.articles}
    head, tail = by_id["c123456.html"], by_id["content_304725.html"]
    assert (head.continued_to, head.continued_from) == ("02", None)
    assert (tail.continued_from, tail.page_no, tail.title) == ("01", "02", head.title)


def test_article_that_does_not_parse_is_a_failure(client: PoliteClient, base_url: str, archive: ArchiveServer) -> None:
    archive.state.add_rule(
        FaultRule(path="content_1003", kind="redirect", location="/sjzrb/sjzrbpaper/pc/layout/202308/07/node_01.html")
    )
    bundles = _crawl(client, base_url, "sjzrb", date(2023, 8, 7))
    [failure] = bundles[0].failures
    assert failure.error is not None and "parse error" in failure.error and "h1" in failure.error
    assert failure.url.endswith("content_1003.html")


def test_links_to_other_dates_are_not_followed(client: PoliteClient, base_url: str) -> None:
    crawled = [a.fetch.url for b in _crawl(client, base_url, "hbrb", date(2023, 8, 9)) for a in b.articles]
    expected = json.loads((DEFAULT_ROOT / "manifest.json").read_text("utf-8"))["papers"]["hbrb"]["article_count"]
    assert len(crawled) == expected["2023-08-09"] and all("/202308/09/" in u for u in crawled)


def test_gbk_edition_crawls(client: PoliteClient, base_url: str, archive: ArchiveServer) -> None:
    archive.state.add_rule(FaultRule(path="/hbrb/", kind="gbk", gbk_declare="none"))
    bundles = _crawl(client, base_url, "hbrb", date(2023, 8, 8))
    assert bundles[0].articles[0].article.title == "唐山89个项目集中开工 总投资526亿元"


# ---------------------------------------------------------------- sample archive contract
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)(万亿|亿|万)元")
_UNIT = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4}


def test_expected_facts_cover_every_amount_in_the_sample(client: PoliteClient, base_url: str) -> None:
    """Every money figure in the sample text is a listed fact or listed noise, and vice versa."""
    facts: dict[str, set[int]] = {}
    for f in FACTS["facts"]:
        facts.setdefault(f"/{f['newspaper']}{f['article_url_path']}", set()).add(f["amount_cny"])
    noise = {f"/{n['newspaper']}{n['article_url_path']}": set(n["amounts"]) for n in FACTS["noise_by_article"]}
    # A continued story's parts share their facts: a figure repeated in the continuation's title is one fact.
    shared: dict[str, set[int]] = {}
    for story in FACTS["continued_stories"]:
        parts = [f"/{story['newspaper']}{p}" for p in story["parts"]]
        union = set().union(*(facts.get(p, set()) for p in parts))
        shared.update({p: union for p in parts})
    assert 25 <= len(FACTS["facts"]) <= 40
    flat_noise = set(FACTS["noise_amounts_cny"])
    assert flat_noise == set().union(*noise.values())
    assert not flat_noise & {f["amount_cny"] for f in FACTS["facts"]}, "a noise amount equals a fact amount"
    keys = [(f["article_url_path"], f["measure"], f["amount_cny"]) for f in FACTS["facts"]]
    assert len(keys) == len(set(keys))
    seen: set[str] = set()
    for code in ("sjzrb", "hbrb"):
        for day in EDITIONS[code]["current"]:
            for b in _crawl(client, base_url, code, date.fromisoformat(day)):
                for a in b.articles:
                    path = a.fetch.url.removeprefix(base_url)
                    seen.add(path)
                    art = a.article
                    text = " ".join(x or "" for x in (art.kicker, art.title, art.subtitle, art.body_text))
                    mentioned = {int(Decimal(n) * _UNIT[u]) for n, u in _AMOUNT.findall(text)}
                    listed = facts.get(path, set()) | noise.get(path, set()) | shared.get(path, set())
                    assert mentioned <= listed, (path, mentioned - listed)
                    assert facts.get(path, set()) <= mentioned, (path, facts.get(path, set()) - mentioned)
    assert set(facts) <= seen and set(noise) <= seen


def test_devserver_headers_and_404(base_url: str) -> None:
    ok = requests.get(base_url + "/hbrb/pc/paper/layout/202308/07/node_01.html", timeout=5)
    assert ok.status_code == 200 and ok.headers["Content-Type"] == "text/html; charset=utf-8"
    assert requests.get(base_url + "/hbrb/pc/paper/layout/202308/06/node_01.html", timeout=5).status_code == 404
    assert requests.get(base_url + "/../pyproject.toml", timeout=5).status_code == 404
    pdf = requests.get(base_url + "/hbrb/pc/paper/attachement/202308/07/hbrb2023080701.pdf", timeout=5)
    assert pdf.headers["Content-Type"] == "application/pdf"


def test_sample_is_generated_from_tools(tmp_path: Path) -> None:
    """The committed HTML must equal what the builder writes (no hand edits drift)."""
    import importlib.util

    tools = Path(__file__).resolve().parents[2] / "tools"
    spec = importlib.util.spec_from_file_location("build_sample_epaper", tools / "build_sample_epaper.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    module.ROOT = tmp_path
    module.main()
    for built in tmp_path.rglob("*"):
        if built.is_file():
            committed = DEFAULT_ROOT / built.relative_to(tmp_path)
            assert committed.read_bytes() == built.read_bytes(), committed
