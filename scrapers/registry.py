"""The papers as scraper sources, built from ``xiangmu.newspapers`` (where each paper is known).

Every paper is on the Founder product, so a source is the one Founder parser
given the paper's host, URL scheme and home region from its ``Paper`` entry.
Hosts are exact (the host of the paper's ``base_url``): 河北日报 ("hbrb" is also
湖北日报's short name) may only be scraped from its own host, and its sister
燕赵都市报 from its own, though both are on hebnews.cn.

Adding a newspaper touches one place plus its sample pages: one ``Paper`` in
``xiangmu/newspapers.py`` (nothing here), then ``tools/generate_seeds.py`` to
rewrite the dbt seed from it (``tests/test_vocabulary.py`` fails until then),
then its sample pages in ``tools/build_sample_epaper.py`` / ``sample_epaper/``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapers.base import LOCAL_HOSTS, Source
from scrapers.founder import FounderSource
from xiangmu.newspapers import PAPERS, Paper


def _source(paper: Paper) -> FounderSource:
    return FounderSource(
        code=paper.code,
        name=paper.name_zh,
        home_city=paper.home_region,
        hosts=paper.hosts,
        current=paper.current,
        old=paper.old,
        latest=paper.latest,
        markers=paper.markers,
        layout_c_fix=paper.layout_c_fix,
    )


_PAPERS = tuple(_source(p) for p in PAPERS)
_SOURCES: dict[str, Source] = {p.code: p for p in _PAPERS}

#: Any other paper of the product (an unknown host): the same parser, no URL scheme.
GENERIC = FounderSource(code="founder", name="方正数字报", home_city="", hosts=(), current=None, markers=())


def get_source(code: str) -> Source:
    try:
        return _SOURCES[code]
    except KeyError:
        raise KeyError(f"unknown newspaper code {code!r}; known: {sorted(_SOURCES)}") from None


def all_sources() -> list[Source]:
    return list(_SOURCES.values())


def source_for_url(url: str) -> Source:
    """The paper whose host serves ``url``; the sample archive's /<code>/ prefix on localhost; else GENERIC."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    for paper in _PAPERS:
        if host in paper.allowed_domains:
            return paper
    if host in LOCAL_HOSTS:
        first = parts.path.lstrip("/").split("/", 1)[0]
        if first in _SOURCES:
            return _SOURCES[first]
    return GENERIC
