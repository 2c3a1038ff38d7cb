"""The newspapers Xiangmu reads: the one place that knows each paper.

Everything the project knows about a paper lives in its ``Paper`` entry below:
its code (the ``newspaper`` column of every raw table), its names, its live
site (scheme and host; the scrapers refuse any other host), the Founder URL
scheme of its editions, the region its 全市/我市 refers to, and whether it is
crawled by default.  The scrapers build their sources from it
(``scrapers.registry``), the extractor resolves places against its home region
(``xiangmu.extract.gazetteer``), settings take the live base URLs and default
sources from it (``xiangmu.config``), and dbt reads it as the ``newspapers``
seed that ``tools/generate_seeds.py`` writes.

Adding a newspaper of the Founder product:

1. add one ``Paper`` here;
2. run ``.venv/bin/python tools/generate_seeds.py`` (``tests/test_vocabulary.py``
   fails until the seeds agree with this module);
3. add its sample pages (``tools/build_sample_epaper.py`` and ``sample_epaper/``)
   so the parser and the local runs are tested on its markup.

This module sits at the bottom of the import graph: it imports nothing of the
project, so the scrapers, the extractor, the quality suites and the settings
may all read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

# Both papers publish on Beijing time: an edition date, "today" and the daily schedule are dates there.
TZ = "Asia/Shanghai"


@dataclass(frozen=True)
class Paper:
    """One newspaper on the Founder (方正) e-paper product.

    URL templates are paths under the base URL with {ym} (202308), {y_m}
    (2023-08) and {dd} (07): ``current`` is today's system, ``old`` the one
    before it (if the site still serves it), ``latest`` the latest-edition
    page followed when a date's URL is unknown.  ``markers`` are path parts
    that only edition pages of this paper carry; ``layout_c_fix`` means
    "../../c/..." links written for a page one folder up really live at /c/.
    """

    code: str
    name_zh: str
    name_en: str
    home_region: str
    base_url: str
    current: str
    old: str | None = None
    latest: str | None = None
    markers: tuple[str, ...] = ("/html/",)
    layout_c_fix: bool = False
    enabled_by_default: bool = False

    @property
    def hosts(self) -> tuple[str, ...]:
        """Exact hosts the paper may be scraped from (河北日报's "hbrb" is also 湖北日报's short name)."""
        return ((urlsplit(self.base_url).hostname or "").lower(),)


PAPERS: tuple[Paper, ...] = (
    Paper("sjzrb", "石家庄日报", "Shijiazhuang Daily", "石家庄市", "http://sjzrb.sjzdaily.com.cn",
          current="/sjzrbpaper/pc/layout/{ym}/{dd}/node_01.html",
          old="/html/{y_m}/{dd}/node_5.htm",  # before about 2019
          markers=("/sjzrbpaper/", "/html/"), enabled_by_default=True),
    Paper("hbrb", "河北日报", "Hebei Daily", "河北省", "https://hbrb.hebnews.cn",
          current="/pc/paper/layout/{ym}/{dd}/node_01.html", latest="/pc/paper/layout/index.html",
          old="/html/{y_m}/{dd}/node_2.htm",  # 2014 to about 2016
          markers=("/pc/paper/", "/html/"), layout_c_fix=True, enabled_by_default=True),
    # Sister papers of the two above, opt-in via XIANGMU_SOURCES.
    Paper("yzwb", "燕赵晚报", "Yanzhao Evening News", "石家庄市", "http://yzwb.sjzdaily.com.cn",
          current="/yzwbpaper/pc/layout/{ym}/{dd}/node_A01.html", markers=("/yzwbpaper/",)),
    Paper("yzdsb", "燕赵都市报", "Yanzhao Metropolis Daily", "河北省", "https://yzdsb.hebnews.cn",
          current="/pc/paper/layout/{ym}/{dd}/node_01.html", markers=("/pc/paper/",), layout_c_fix=True),
)

#: The region a paper's 全市/我市 means when the paper is unknown (a provincial reading).
DEFAULT_HOME_REGION = "河北省"


def _find(code: str) -> Paper | None:
    # A scan, not a dict built at import: four papers, and PAPERS stays the only table.
    code = code.lower()
    return next((p for p in PAPERS if p.code == code), None)


def paper(code: str) -> Paper:
    """The paper with this code (case-insensitive); KeyError naming the known codes otherwise."""
    found = _find(code)
    if found is None:
        raise KeyError(f"unknown newspaper code {code!r}; known: {sorted(p.code for p in PAPERS)}")
    return found


def home_region(code: str) -> str:
    """The place a paper's 全市/我市 and unqualified zone names refer to (the province if unknown)."""
    found = _find(code)
    return found.home_region if found else DEFAULT_HOME_REGION


def live_base_urls() -> dict[str, str]:
    """Code -> the live site's base URL (settings may override it per paper)."""
    return {p.code: p.base_url for p in PAPERS}


def default_codes() -> tuple[str, ...]:
    """Papers crawled when XIANGMU_SOURCES is not set."""
    return tuple(p.code for p in PAPERS if p.enabled_by_default)
