"""``xiangmu parse FILE --url URL``: what the parser sees in one saved page, as one JSON object.

Why: when a site changes, an engineer saves the page from a browser and checks
in seconds which fields still come out, without a crawl or a warehouse. The
URL picks the paper (an unknown host gets the generic Founder parser) and
resolves relative links; it is never fetched.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

from scrapers.base import ParseError
from scrapers.founder import CONTENT_HREF, NODE_HREF
from scrapers.model import ParsedArticle, ParsedPage
from scrapers.registry import source_for_url
from scrapers.text import decode_html


def _pick(obj: object, *names: str) -> dict[str, Any]:
    """The named attributes of a parsed object, under their own names (the JSON keys are the model's)."""
    return {name: getattr(obj, name) for name in names}


def page_json(page: ParsedPage) -> dict[str, Any]:
    return {
        "kind": "page",
        **_pick(page, "page_no", "page_name", "pdf_url"),
        "pages": [_pick(p, "page_no", "page_name", "url") for p in page.pages],
        "articles": [_pick(a, "title", "url") for a in page.articles],
    }


def article_json(art: ParsedArticle) -> dict[str, Any]:
    return {
        "kind": "article",
        **_pick(art, "kicker", "title", "subtitle", "byline", "page_no", "page_name"),
        "published": art.published.isoformat() if art.published else None,
        **_pick(art, "paragraphs", "captions"),
    }


def parse_html(html: str, url: str) -> dict[str, Any]:
    """The page or article in ``html``; ParseError (naming what was not found) when it is neither.

    The URL decides what to try first (node_* -> page, content_*/c123 -> article);
    anything else is tried as a page, then as an article.
    """
    source = source_for_url(url)
    path = urlsplit(url).path

    def as_page() -> dict[str, Any]:
        return page_json(source.parse_page(html, url))

    def as_article() -> dict[str, Any]:
        return article_json(source.parse_article(html, url))

    order = [as_article, as_page] if CONTENT_HREF.search(path) and not NODE_HREF.search(path) else [as_page, as_article]
    errors: list[ParseError] = []
    for attempt in order:
        try:
            return attempt()
        except ParseError as exc:
            errors.append(exc)
    raise ParseError(url, "; ".join(e.selector for e in errors), "neither an e-paper page nor an article")


def main(file: str, url: str, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Print one JSON object; exit 2 with one line naming the URL and what was not found."""
    try:
        body = Path(file).read_bytes()
    except OSError as exc:
        print(f"xiangmu parse: cannot read {file}: {exc}", file=err)
        return 2
    try:
        result = parse_html(decode_html(body), url)
    except ParseError as exc:
        print(f"xiangmu parse: nothing recognisable at {url}: {exc.args[0]}", file=err)
        return 2
    out.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    return 0
