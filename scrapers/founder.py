"""Parsing shared by papers on the Founder (方正) e-paper system.

Both papers run the same product with different skins, so the parsing logic is
written once here and each paper module only supplies a ``Selectors`` table
(its one place for selectors) and its URL scheme.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from scrapers.base import (
    ParseError,
    Source,
    captions_from,
    date_from_url,
    meta_content,
    paragraphs_from,
    parse_cn_date,
    resolve,
    select_optional,
    select_required,
    split_page_label,
)
from scrapers.model import ArticleLink, PageLink, ParsedArticle, ParsedPage
from scrapers.text import clean, node_text, optional_text, soup

Sel = tuple[str, ...]


@dataclass(frozen=True)
class Selectors:
    """CSS selectors of one template; each tuple lists alternatives, first match wins."""

    page_links: Sel  # required: the edition's page list, link text "第01版：要闻"
    article_links: Sel  # articles on a page (an advert page may have none)
    pdf_link: Sel  # <a href> to the page PDF
    pdf_text: Sel  # element whose text is the PDF path (fallback)
    title: Sel  # required
    body: Sel  # required: one element per paragraph
    kicker: Sel = ()
    subtitle: Sel = ()
    byline: Sel = ()
    page_label: Sel = ()  # text holding "第01版：要闻" on an article page
    date_text: Sel = ()  # text holding the publication date on an article page
    captions: str = "img[data-original-title]"
    #: Old template: kicker/subtitle are <span>s before/after the <strong> title in this cell.
    title_cell: str | None = None


_NODE_NO = re.compile(r"node_([A-Za-z]?\d+)\.html?$")


def _page_no_from_url(url: str) -> str:
    m = _NODE_NO.search(urlsplit(url).path)
    return m.group(1).upper() if m else ""


class FounderSource(Source):
    """A Source whose pages follow the Founder layout; subclasses give selectors per system."""

    current: Selectors
    old: Selectors

    def selectors_for(self, url: str) -> Selectors:
        return self.old if self.system_of(url) == "old" else self.current

    def canonical_url(self, url: str) -> str:
        """Hook for per-site URL quirks (hbrb's two article URL forms)."""
        return url

    # ---- page (版) -------------------------------------------------------
    def parse_page(self, html: str, url: str) -> ParsedPage:
        sel = self.selectors_for(url)
        doc = soup(html)
        root = self.site_root(url)
        pages: list[PageLink] = []
        seen: set[str] = set()
        for a in select_required(doc, sel.page_links, url):
            href = a.get("href")
            if not href:
                continue
            link_url = self.canonical_url(resolve(url, str(href), root))
            if link_url in seen:
                continue
            seen.add(link_url)
            no, name = split_page_label(a.get_text())
            pages.append(PageLink(page_no=no or _page_no_from_url(link_url), page_name=name, url=link_url))
        if not pages:
            raise ParseError(url, " | ".join(sel.page_links), "no link with an href")

        me = self.canonical_url(url)
        current = next((p for p in pages if p.url == me), None)
        if current is None:
            no = _page_no_from_url(url)
            current = next((p for p in pages if p.page_no == no), PageLink(no, "", me))

        articles: list[ArticleLink] = []
        seen_articles: set[str] = set()
        for sel_alt in sel.article_links:
            found = doc.select(sel_alt)
            if not found:
                continue
            for a in found:
                href = a.get("href")
                if not href:
                    continue
                link_url = self.canonical_url(resolve(url, str(href), root))
                if link_url in seen_articles:
                    continue
                seen_articles.add(link_url)
                articles.append(ArticleLink(title=node_text(a), url=link_url))
            break

        return ParsedPage(
            url=me,
            page_no=current.page_no,
            page_name=current.page_name,
            pdf_url=self._pdf_url(doc, sel, url, root),
            pages=pages,
            articles=articles,
        )

    def _pdf_url(self, doc: BeautifulSoup, sel: Selectors, url: str, root: str) -> str | None:
        link = select_optional(doc, sel.pdf_link)
        href = str(link.get("href") or "") if link is not None else ""
        if not href:
            href = node_text(select_optional(doc, sel.pdf_text))
        return resolve(url, href, root) if href else None

    # ---- article ------------------------------------------------------------
    def parse_article(self, html: str, url: str) -> ParsedArticle:
        sel = self.selectors_for(url)
        doc = soup(html)
        title_node = select_required(doc, sel.title, url)[0]
        title = node_text(title_node)
        if not title:
            raise ParseError(url, " | ".join(sel.title), "title element is empty")
        kicker, subtitle = self._kicker_subtitle(doc, sel, title_node)
        paragraphs = paragraphs_from(select_required(doc, sel.body, url))
        if not paragraphs:
            raise ParseError(url, " | ".join(sel.body), "body paragraphs are all empty")

        label = node_text(select_optional(doc, sel.page_label)) if sel.page_label else ""
        page_no, page_name = split_page_label(label) if label else ("", "")
        page_no = meta_content(doc, "PageNumber") or page_no
        page_name = meta_content(doc, "PageName") or page_name

        byline = optional_text(select_optional(doc, sel.byline)) if sel.byline else None
        byline = byline or meta_content(doc, "reporter") or meta_content(doc, "author")

        date_text = node_text(select_optional(doc, sel.date_text)) if sel.date_text else ""
        published: date | None = (
            parse_cn_date(meta_content(doc, "publishdate")) or parse_cn_date(date_text) or date_from_url(url)
        )
        return ParsedArticle(
            url=self.canonical_url(url),
            kicker=kicker,
            title=title,
            subtitle=subtitle,
            byline=byline,
            page_no=page_no or None,
            page_name=page_name or None,
            published=published,
            paragraphs=paragraphs,
            captions=captions_from(doc, sel.captions),
        )

    def _kicker_subtitle(self, doc: BeautifulSoup, sel: Selectors, title_node: Tag) -> tuple[str | None, str | None]:
        if sel.title_cell:
            cell = title_node.find_parent(lambda t: t.name == "td") or doc
            before: list[str] = []
            after: list[str] = []
            passed = False
            for child in cell.find_all(["span", "strong"], recursive=False):
                if child is title_node or child.find(lambda t: t is title_node) is not None:
                    passed = True
                    continue
                if child.name == "span":
                    (after if passed else before).append(clean(child.get_text()))
            return (" ".join(x for x in before if x) or None, " ".join(x for x in after if x) or None)
        kicker = optional_text(select_optional(doc, sel.kicker)) if sel.kicker else None
        subtitle = optional_text(select_optional(doc, sel.subtitle)) if sel.subtitle else None
        return kicker, subtitle
