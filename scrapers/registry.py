"""The papers: adding a paper of the Founder product is one entry here (host, URL scheme, home region).

Hosts are exact: 河北日报 ("hbrb" is also 湖北日报's short name) may only be
scraped from hbrb.hebnews.cn, its sister 燕赵都市报 from yzdsb.hebnews.cn.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapers.base import LOCAL_HOSTS, Source
from scrapers.founder import FounderSource

_PAPERS = (
    FounderSource(
        code="sjzrb",
        name="石家庄日报",
        home_city="石家庄市",
        hosts=("sjzrb.sjzdaily.com.cn",),
        current="/sjzrbpaper/pc/layout/{ym}/{dd}/node_01.html",
        old="/html/{y_m}/{dd}/node_5.htm",  # before about 2019
        markers=("/sjzrbpaper/", "/html/"),
    ),
    FounderSource(
        code="hbrb",
        name="河北日报",
        home_city="河北省",
        hosts=("hbrb.hebnews.cn",),
        current="/pc/paper/layout/{ym}/{dd}/node_01.html",
        old="/html/{y_m}/{dd}/node_2.htm",  # 2014 to about 2016
        latest="/pc/paper/layout/index.html",
        markers=("/pc/paper/", "/html/"),
        layout_c_fix=True,
    ),
    FounderSource(
        code="yzwb",
        name="燕赵晚报",
        home_city="石家庄市",
        hosts=("yzwb.sjzdaily.com.cn",),
        current="/yzwbpaper/pc/layout/{ym}/{dd}/node_A01.html",
        markers=("/yzwbpaper/",),
    ),
    FounderSource(
        code="yzdsb",
        name="燕赵都市报",
        home_city="河北省",
        hosts=("yzdsb.hebnews.cn",),
        current="/pc/paper/layout/{ym}/{dd}/node_01.html",
        markers=("/pc/paper/",),
        layout_c_fix=True,
    ),
)
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
