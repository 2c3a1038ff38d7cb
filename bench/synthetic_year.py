"""A synthetic archive of N days of both papers, in the sample's exact markup (for `make bench`).

Why: the bundled sample holds a handful of dates; a backfill's cost is only
seen over a year. Each day's editions are the sample's editions of both
papers re-dated (article ids made unique per day), written by the sample's own
renderer (tools/build_sample_epaper.py), so the scrapers parse them exactly as
they parse the sample. Text is the sample's own (written by us), not newspaper text.

Why --articles: a sample edition holds 7-8 articles, a real one about 64 (the
archive issue 15 measured: 7,800 articles over 60 dates of both papers, 130 a
date; about 47,000 a year). Each edition is filled to that many by repeating its articles
(new ids, same pages), so a year weighs what a real year weighs.

Usage: PYTHONPATH=tools .venv/bin/python bench/synthetic_year.py OUT_DIR [--first 2023-01-01] [--days 365]
       [--articles 64]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from pathlib import Path

# tools/ is on PYTHONPATH (`make bench` sets it): the sample's own renderer and articles.
import build_sample_epaper as builder
from sample_articles import HBRB, SJZRB


def _templates() -> dict[str, list]:
    """The sample's current-system editions with articles, per paper."""
    return {"sjzrb": [e for e in SJZRB if e.articles], "hbrb": [e for e in HBRB if e.articles]}


ARTICLES_PER_EDITION = 64  # a real edition's articles (see the module's docstring)


def _filled(articles: list, day: int, count: int | None) -> list:
    """The template's articles, repeated to `count` (None: as they are), each with an id unique to the day."""
    count = count or len(articles)
    return [dataclasses.replace(articles[k % len(articles)], aid=f"{articles[k % len(articles)].aid}{day:04d}{k:02d}")
            for k in range(count)]


def generate(out: Path, first: dt.date, days: int, articles_per_edition: int | None = ARTICLES_PER_EDITION
             ) -> dict[str, int]:
    """Write `days` dates of both papers under out/<paper>/...; returns counts."""
    builder.ROOT = out  # the renderer writes under its module-level ROOT
    templates = _templates()
    articles = pages = 0
    for i in range(days):
        day = first + dt.timedelta(days=i)
        for editions in templates.values():
            template = editions[i % len(editions)]
            arts = _filled(template.articles, i, articles_per_edition)
            edition = dataclasses.replace(template, day=day.isoformat(), articles=arts)
            builder.current_system(edition)
            articles += len(arts)
            pages += len(edition.pages)
    (out / "robots.txt").write_text("User-agent: *\nDisallow: /sjzrb/private/\n", encoding="utf-8")
    size = sum(p.stat().st_size for p in out.rglob("*.html"))
    return {"days": days, "editions": 2 * days, "pages": pages, "articles": articles, "html_bytes": size}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--first", type=dt.date.fromisoformat, default=dt.date(2023, 1, 1))
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--articles", type=int, default=ARTICLES_PER_EDITION,
                        help="articles per edition (0: the sample's own 7-8)")
    args = parser.parse_args(argv)
    print(generate(args.out, args.first, args.days, args.articles or None))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
