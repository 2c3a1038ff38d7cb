"""The invented articles of the sample e-paper archive: tools/sample_articles.toml, as objects.

Why the text lives in a TOML file: it is prose data (invented paragraphs,
titles, captions), one table per edition and article; the file documents its
own fields and the paragraph conventions. This module gives it types and the
names the archive builder, the scraper tests and the benchmarks import.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATA = Path(__file__).with_suffix(".toml")


@dataclass
class Art:
    aid: str  # file stem: content_1001 / c123456
    page: str  # "01"
    title: str
    paras: list[str]
    kicker: str = ""
    subtitle: str = ""
    byline: str = ""
    captions: list[str] = field(default_factory=list)
    img_in_body: bool = False  # caption image inside the body (<p><img></p>) instead of after it
    href_form: str = "relative"  # hbrb: "root" (/pc/paper/c/...) or "relative" (../../c/...)


@dataclass
class Edition:
    paper: str
    day: str  # YYYY-MM-DD
    pages: list[tuple[str, str]]  # (page_no, page_name)
    articles: list[Art]
    pdf_on_pages: bool = True
    #: Founder skin: "posrelative" (li.posRelative / li.clearfix / h1, the live design of the
    #: sjzdaily and hebnews papers) or "layoutlist" (#layoutlist / #articlelist / #Title, 2018).
    #: Empty: the paper's usual one (sjzrb posrelative, hbrb layoutlist).
    design: str = ""


def _edition(table: dict[str, Any]) -> Edition:
    return Edition(
        **{
            **table,
            "pages": [(no, name) for no, name in table["pages"]],
            "articles": [Art(**article) for article in table["articles"]],
        }
    )


def _load(path: Path = DATA) -> dict[str, list[Edition]]:
    with path.open("rb") as f:
        return {group: [_edition(t) for t in tables] for group, tables in tomllib.load(f).items()}


_GROUPS = _load()
SJZRB = _GROUPS["sjzrb"]  # 石家庄日报, current system
HBRB = _GROUPS["hbrb"]  # 河北日报, current system
OLD = _GROUPS["old"]  # older Founder system (pre-2019 sjzrb, 2014-2016 hbrb)
SISTERS = _GROUPS["sisters"]  # sister papers on the same product (燕赵晚报, 燕赵都市报)

#: Dates with no edition: nothing is written, so the server answers 404.
NO_EDITION = {"sjzrb": "2023-08-06", "hbrb": "2023-08-06"}
