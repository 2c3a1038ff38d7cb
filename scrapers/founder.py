"""One parser for every paper on the Founder (方正) e-paper product.

Why by structure rather than per-paper selectors: the papers of this product
run several skins of the same template (``li.posRelative``/``li.clearfix``,
``#layoutlist``/``#articlelist``/``#Title``, ``a#pageLink``/``ul.news-list``,
the older ``node_N.htm`` tables), and a paper moves from one to another without
notice. What never changes is the URL shape: pages are ``node_NN.html`` /
``node_A01.html`` / ``node_N.htm``, articles ``content_N.html`` / ``c123456.html``
/ ``content_N.htm``. So a page's links are found by the known selectors first
(they carry the labels) and, failing those, by their href shape; each article
field has an ordered list of fallbacks. Every list below is also what an
alert quotes as "selectors tried" when an edition stops looking like one.

A paper itself is only data (``FounderSource``): host, URL scheme by system,
home region. Adding a paper of this product is one registry entry.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from scrapers.base import (
    ParseError,
    Source,
    System,
    date_from_url,
    page_label,
    page_name_of,
    parse_cn_date,
    resolve,
)
from scrapers.model import ArticleLink, PageLink, ParsedArticle, ParsedPage
from scrapers.text import clean, is_data_table, node_text, soup, table_lines

NODE_HREF = re.compile(r"(?:^|/)node_([A-Za-z]?\d+)\.html?$", re.I)
CONTENT_HREF = re.compile(r"(?:^|/)(?:content_\d+|c\d+)\.html?$", re.I)
PDF_HREF = re.compile(r"\.pdf$", re.I)
_NOT_A_PAGE = re.compile(r"^(上一版|下一版|上一页|下一页|首页|返回|目录|往期|PDF)", re.I)
_ADVERT = re.compile(r"广告|公告|分类")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_HIDDEN_CLASSES = frozenset({"hidden", "hide", "d-none"})
_PAPER_NAME = re.compile(r"(日报|晚报|都市报|数字报|电子报|报社|epaper)", re.I)
_TITLE_SPLIT = re.compile(r"\s*[-_|｜—–]+\s*")

# ---- what is tried, in order (quoted in errors and drift alerts) -----------------
PAGE_LINK_SELECTORS = (
    "li.posRelative > a",
    "#layoutlist li a",
    "a#pageLink",
    "#pagelist a",
    ".nav-list li a",
)
ARTICLE_LINK_SELECTORS = (
    "li.clearfix > a",
    "#articlelist li a",
    "ul.news-list li a",
    "#main-ed-articlenav-list a",
    ".news-list li a",
)
PDF_SELECTORS = (
    "div.mgb25 > div.pull-right > a",
    "div.pull-right > a",
    "#pdfUrl",
    "<the page's nav item> input[type=hidden]",
    "a[href$=.pdf]",
)
TITLE_SELECTORS = (
    "#Title",
    "h1",
    "td[width='572'] > strong",
    "td.font01 > strong",
    "table td > strong",
    "title",
)
BODY_SELECTORS = (
    "#ozoom founder-content",
    "founder-content",
    "#ozoom",
    "div.content",
    "#articleContent",
)
STRUCTURAL_PAGES = "any a[href~=node_N.html?] (structure)"
STRUCTURAL_ARTICLES = "any a[href~=content_N.html?|cN.html] (structure)"
STRUCTURAL_BODY = "element with the most <p> children (structure)"
STRUCTURAL_CELL = "td > div with the longest text, lines by <br> (structure)"
KICKER_SELECTORS = ("#PreTitle", "h3 before the title", "td.yinti", "span before the title")
SUBTITLE_SELECTORS = ("#SubTitle", "h2 after the title", "td.futi", "span after the title")
BYLINE_SELECTORS = (
    "meta[name=reporter]",
    "p.sec span.reporter",
    "p.sec span.author",
    "p.sec > span",
    "td.byline",
    "meta[name=author]",
)
PAGE_LABEL_SELECTORS = (
    "p.ban",
    "#NewsEditionName",
    "meta[name=catalogs]",
    "meta[name=PageNumber]/[name=PageName]",
    ".epaper_title",
    "td[width='208']",
    "span.newstime",
    "p.sec",
)
DATE_SELECTORS = ("meta[name=publishdate]", "span.newstime", ".epaper_date", ".time", "p.sec", "URL", "page text")


def selectors_tried() -> dict[str, tuple[str, ...]]:
    """Every selector list the parser tries, for an alert that says what was looked for."""
    return {
        "pages": (*PAGE_LINK_SELECTORS, STRUCTURAL_PAGES),
        "articles": (*ARTICLE_LINK_SELECTORS, STRUCTURAL_ARTICLES),
        "pdf": PDF_SELECTORS,
        "title": TITLE_SELECTORS,
        "body": (*BODY_SELECTORS, STRUCTURAL_BODY, STRUCTURAL_CELL),
    }


def describe_selectors() -> str:
    return "; ".join(f"{k}: {' | '.join(v)}" for k, v in selectors_tried().items())


# ---- small helpers ------------------------------------------------------------------
def _href_path(href: str) -> str:
    return urlsplit(href.strip()).path


def is_hidden(node: Tag) -> bool:
    """Hidden by itself or by an ancestor (style display:none, hidden attribute/class, hidden input)."""
    current: Tag | None = node
    while current is not None and isinstance(current, Tag):
        if current.name == "input" and str(current.get("type") or "").lower() == "hidden":
            return True
        if current.has_attr("hidden") or _HIDDEN_STYLE.search(str(current.get("style") or "")):
            return True
        classes = current.get("class") or []
        if any(c.lower() in _HIDDEN_CLASSES for c in classes):
            return True
        current = current.parent if isinstance(current.parent, Tag) else None
    return False


def _meta(doc: BeautifulSoup, *names: str) -> list[str]:
    """Contents of every <meta name=...> (case-insensitive), in document order."""
    wanted = {n.lower() for n in names}
    out = []
    for tag in doc.find_all("meta"):
        if str(tag.get("name") or "").lower() in wanted:
            value = clean(str(tag.get("content") or ""))
            if value:
                out.append(value)
    return out


def _looks_like_label_or_date(text: str) -> bool:
    return bool(page_label(text)) or parse_cn_date(text) is not None or text.startswith("来源")


def _label(a: Tag) -> str:
    return node_text(a) or clean(str(a.get("title") or ""))


def _labelled_first(anchors: list[Tag]) -> list[Tag]:
    """Links with text first (document order kept): the hotspot over a page image has none."""
    return sorted(anchors, key=lambda a: not _label(a))


def _page_no_from_url(url: str) -> str:
    m = NODE_HREF.search(urlsplit(url).path)
    return m.group(1).upper() if m else ""


class FounderSource(Source):
    """A paper on the Founder product: only its host, URL scheme and home region are its own."""

    def __init__(
        self,
        code: str,
        name: str,
        home_city: str,
        hosts: tuple[str, ...],
        current: str | None,
        old: str | None = None,
        latest: str | None = None,
        markers: tuple[str, ...] = ("/html/",),
        layout_c_fix: bool = False,
    ) -> None:
        """URL templates are paths under the base URL with {ym} (202308), {y_m} (2023-08), {dd} (07).

        latest: path of the latest-edition page, followed when a date's URL is unknown.
        layout_c_fix: "../../c/..." written for a page one folder up resolves to
        /layout/c/; the article really lives at /c/ (河北日报 and its sister paper).
        """
        self.code = code
        self.name = name
        self.home_city = home_city
        self.allowed_domains = hosts
        self.templates: dict[str, str | None] = {"current": current, "old": old}
        self.latest_path = latest
        self.markers = markers
        self.layout_c_fix = layout_c_fix

    def __repr__(self) -> str:
        return f"FounderSource({self.code!r})"

    # ---- URLs ---------------------------------------------------------------------
    def systems(self) -> tuple[System, ...]:
        return tuple(s for s in ("current", "old") if self.templates.get(s))  # type: ignore[misc]

    def entry_url(self, base_url: str, day: date, system: System = "current") -> str:
        self.host_check(base_url)
        template = self.templates.get(system)
        if not template:
            raise ValueError(f"{self.code} has no {system} system")
        path = template.format(ym=f"{day:%Y%m}", y_m=f"{day:%Y-%m}", dd=f"{day:%d}")
        return f"{base_url.rstrip('/')}{path}"

    def latest_url(self, base_url: str) -> str | None:
        self.host_check(base_url)
        return f"{base_url.rstrip('/')}{self.latest_path}" if self.latest_path else None

    def canonical_url(self, url: str) -> str:
        return url.replace("/layout/c/", "/c/") if self.layout_c_fix else url

    def path_markers(self) -> tuple[str, ...]:
        return self.markers

    # ---- page (版) -------------------------------------------------------------
    def parse_page(self, html: str, url: str) -> ParsedPage:
        doc = soup(html)
        root = self.site_root(url)
        me = self.canonical_url(url)
        nav, nav_rule = self._page_anchors(doc)
        if not nav:
            raise ParseError(url, " | ".join((*PAGE_LINK_SELECTORS, STRUCTURAL_PAGES)), "no page (版) links")
        pages: list[PageLink] = []
        items: dict[str, Tag] = {}
        for a in _labelled_first(nav):  # a link without text (an image, a hotspot) only if no other
            link_url = self.canonical_url(resolve(url, str(a.get("href")), root))
            if link_url in items:
                continue
            items[link_url] = a
            label = _label(a)
            no, name = page_label(label) or ("", page_name_of(label))
            pages.append(PageLink(page_no=no or _page_no_from_url(link_url), page_name=name, url=link_url))

        current = next((p for p in pages if p.url == me), None)
        if current is None:
            no = _page_no_from_url(url)
            current = next((p for p in pages if no and p.page_no == no), None)
        if current is None and not NODE_HREF.search(urlsplit(url).path):
            current = pages[0]  # the latest-edition index shows page 1
        current = current or PageLink(_page_no_from_url(url), "", me)

        anchors, article_rule = self._article_anchors(doc)
        articles: list[ArticleLink] = []
        seen: set[str] = set()
        for a in _labelled_first(anchors):
            link_url = self.canonical_url(resolve(url, str(a.get("href")), root))
            if link_url in seen:
                continue
            seen.add(link_url)
            articles.append(ArticleLink(title=_label(a), url=link_url))

        pdf, pdf_rule = self._pdf_url(doc, url, root, items.get(current.url))
        return ParsedPage(
            url=me,
            page_no=current.page_no,
            page_name=current.page_name,
            pdf_url=pdf,
            pages=pages,
            articles=articles,
            matched={"pages": nav_rule, "articles": article_rule, "pdf": pdf_rule},
        )

    @staticmethod
    def _anchors(
        doc: BeautifulSoup,
        selectors: tuple[str, ...],
        href: re.Pattern[str],
        structural: str,
        keep: Callable[[Tag], bool],
    ) -> tuple[list[Tag], str]:
        """Links whose href matches ``href``: under the first selector that finds any,
        else anywhere in the page (the structural rule); the rule used is returned
        so drift reports can say which one matched."""
        for sel in selectors:
            found = [a for a in doc.select(sel) if href.search(_href_path(str(a.get("href") or "")))]
            if found:
                return found, sel
        found = [a for a in doc.find_all("a", href=True) if href.search(_href_path(str(a["href"]))) and keep(a)]
        return found, structural if found else ""

    @classmethod
    def _page_anchors(cls, doc: BeautifulSoup) -> tuple[list[Tag], str]:
        return cls._anchors(
            doc, PAGE_LINK_SELECTORS, NODE_HREF, STRUCTURAL_PAGES, lambda a: not _NOT_A_PAGE.match(node_text(a))
        )

    @classmethod
    def _article_anchors(cls, doc: BeautifulSoup) -> tuple[list[Tag], str]:
        return cls._anchors(doc, ARTICLE_LINK_SELECTORS, CONTENT_HREF, STRUCTURAL_ARTICLES, lambda a: True)

    def _pdf_url(self, doc: BeautifulSoup, url: str, root: str, nav_item: Tag | None) -> tuple[str | None, str]:
        def pdf_of(node: Tag) -> str:
            for value in (node.get("href"), node.get("value"), node.get_text()):
                text = clean(str(value or ""))
                if text and PDF_HREF.search(_href_path(text)):
                    return text
            return ""

        # 1. div.pull-right > a (several pull-right blocks may exist; the one under div.mgb25 first)
        for sel in PDF_SELECTORS[:2]:
            for a in doc.select(sel):
                href = pdf_of(a)
                if href:
                    return resolve(url, href, root), sel
        for a in doc.select(PDF_SELECTORS[1]):  # a download link not ending in .pdf, but saying PDF
            href = clean(str(a.get("href") or ""))
            if href and not href.lower().startswith("javascript") and "pdf" in node_text(a).lower():
                return resolve(url, href, root), PDF_SELECTORS[1]
        # 2. the text (or href/value) of #pdfUrl: a <p>, a hidden <div>, an <a> or an <input>
        for node in doc.select("#pdfUrl"):
            href = pdf_of(node)
            if href:
                return resolve(url, href, root), "#pdfUrl"
        # 3. the current page's own nav item: <li class="posRelative"><a ..><input type="hidden" value="..pdf">
        if nav_item is not None:
            holder = nav_item.find_parent("li") or (nav_item.parent if isinstance(nav_item.parent, Tag) else None)
            if holder is not None:
                for node in holder.find_all(["input", "a"]):
                    href = pdf_of(node)
                    if href:
                        return resolve(url, href, root), PDF_SELECTORS[3]
        # 4. any a[href$=.pdf] not inside another page's nav item
        nav_holders = {id(a.parent) for a in self._page_anchors(doc)[0]}
        for a in doc.find_all("a", href=True):
            if id(a.parent) in nav_holders:
                continue
            href = pdf_of(a)
            if href:
                return resolve(url, href, root), PDF_SELECTORS[4]
        return None, ""

    # ---- article ---------------------------------------------------------------
    def parse_article(self, html: str, url: str) -> ParsedArticle:
        doc = soup(html)
        for junk in doc.find_all(["script", "style", "noscript"]):
            junk.decompose()
        body_node, paragraphs, body_rule = self._body(doc)
        title_node, title, title_rule = self._title(doc, body_node)
        if not title:
            raise ParseError(url, " | ".join(TITLE_SELECTORS), "no title")
        if not paragraphs:
            raise ParseError(url, " | ".join(selectors_tried()["body"]), "no visible body paragraphs")
        kicker, subtitle = self._kicker_subtitle(doc, title_node)
        page_no, page_name = self._page_of(doc)
        return ParsedArticle(
            url=self.canonical_url(url),
            kicker=kicker,
            title=title,
            subtitle=subtitle,
            byline=self._byline(doc),
            page_no=page_no or None,
            page_name=page_name or None,
            published=self._published(doc, url),
            paragraphs=paragraphs,
            captions=self._captions(doc),
            matched={"title": title_rule, "body": body_rule},
        )

    @staticmethod
    def _paragraphs(container: Tag) -> list[str]:
        """The body's paragraphs in order; a table inside it is one line per row (text.table_lines)."""
        # (by identity: bs4 compares tags by their markup, so two equal tables would be one)
        found = container.find_all("table")
        inside = {id(t) for t in found}
        tables = [t for t in found if not any(id(up) in inside for up in t.parents) and is_data_table(t)]  # outermost
        data = {id(t) for t in tables}
        out = []
        ps = [p for p in container.find_all(["p", "table"]) if not is_hidden(p)]
        if any(p.name == "p" for p in ps):
            for p in ps:
                if p.name == "table":
                    out.extend(table_lines(p) if id(p) in data else ())
                elif p.find("p") is None and not (data and any(id(up) in data for up in p.parents)):
                    # (an outer <p> of nested ones, malformed markup: its inner ones count; a cell's
                    # <p> is its table's row)
                    text = clean(p.get_text())
                    if text:
                        out.append(text)
            return out
        # no <p>: lines separated by <br> (older system cells), a table one line per row
        for table in tables:
            table.replace_with("\n" + "\n".join(table_lines(table)) + "\n")
        for br in container.find_all("br"):
            br.replace_with("\n")
        return [line for line in (clean(x) for x in container.get_text().split("\n")) if line]

    def _body(self, doc: BeautifulSoup) -> tuple[Tag | None, list[str], str]:
        for sel in BODY_SELECTORS:
            for node in doc.select(sel):
                if is_hidden(node):
                    continue  # a display:none copy of the body never counts
                paragraphs = self._paragraphs(node)
                if paragraphs:
                    return node, paragraphs, sel
        best: Tag | None = None
        best_count = 1
        for node in doc.find_all(["div", "td"]):
            if is_hidden(node):
                continue
            count = sum(1 for p in node.find_all("p", recursive=False) if clean(p.get_text()))
            if count > best_count:
                best, best_count = node, count
        if best is not None:
            return best, self._paragraphs(best), STRUCTURAL_BODY
        # older system: the text in a table cell's <div>, lines separated by <br>
        cells = [d for d in doc.select("td > div") if not is_hidden(d) and len(clean(d.get_text())) >= 20]
        if cells:
            cell = max(cells, key=lambda d: len(d.get_text()))
            return cell, self._paragraphs(cell), STRUCTURAL_CELL
        return None, [], ""

    @staticmethod
    def _title(doc: BeautifulSoup, body: Tag | None) -> tuple[Tag | None, str, str]:
        def inside_body(n: Tag) -> bool:
            return body is not None and (n is body or body in n.parents)

        for sel in TITLE_SELECTORS[:-1]:
            for node in doc.select(sel):
                if inside_body(node) or is_hidden(node):
                    continue
                text = node_text(node)
                if text and not (_PAPER_NAME.search(text) and len(text) <= 10):  # a masthead, not a title
                    return node, text, sel
        head = doc.find("title")
        if head is not None:
            parts = [p for p in _TITLE_SPLIT.split(node_text(head)) if p and not _PAPER_NAME.search(p)]
            parts = [p for p in parts if not page_label(p)]
            if parts:
                return None, max(parts, key=len), "title"
        return None, "", ""

    @staticmethod
    def _kicker_subtitle(doc: BeautifulSoup, title: Tag | None) -> tuple[str | None, str | None]:
        def first(nodes: Iterable[Tag | None]) -> str | None:
            for n in nodes:
                text = node_text(n) if n is not None else ""
                if text:
                    return text
            return None

        if title is None:
            return first(doc.select("#PreTitle")), first(doc.select("#SubTitle"))
        if title.name == "strong":
            cell = title.parent if isinstance(title.parent, Tag) else None
            before, after, passed = [], [], False
            for child in cell.find_all(["span", "strong"], recursive=False) if cell else []:
                if child is title:
                    passed = True
                elif child.name == "span":
                    (after if passed else before).append(node_text(child))
            kicker = " ".join(x for x in before if x) or first(doc.select("td.yinti"))
            subtitle = " ".join(x for x in after if x) or first(doc.select("td.futi"))
            return kicker or None, subtitle or None
        kicker = first([*doc.select("#PreTitle"), title.find_previous_sibling("h3")])
        subtitle = first([*doc.select("#SubTitle"), title.find_next_sibling("h2")])
        return kicker, subtitle

    @staticmethod
    def _byline(doc: BeautifulSoup) -> str | None:
        candidates: list[str] = list(_meta(doc, "reporter"))
        for sec in doc.select("p.sec"):
            candidates += [node_text(s) for s in sec.select("span.reporter, span.author")]
            candidates += [
                node_text(s)
                for s in sec.find_all("span", recursive=False)
                if not {"date", "newstime"} & set(s.get("class") or [])
            ]
        candidates += [node_text(n) for n in doc.select("td.byline")]
        candidates += _meta(doc, "author")
        for text in candidates:
            if text and not _looks_like_label_or_date(text):
                return text
        return None

    @staticmethod
    def _page_of(doc: BeautifulSoup) -> tuple[str, str]:
        """Page number and name, each from the first source that has it."""
        found: list[tuple[str, str]] = []
        for node in doc.select("p.ban"):
            found.append(page_label(node_text(node)) or ("", ""))
        for node in doc.select("#NewsEditionName"):  # a <span>, or a hidden <input value=...>
            text = node_text(node) or clean(str(node.get("value") or ""))
            found.append(page_label(text) or ("", page_name_of(text)))
        for text in _meta(doc, "catalogs"):
            found.append(page_label(text) or ("", page_name_of(text)))
        numbers, names = _meta(doc, "PageNumber"), _meta(doc, "PageName")
        if numbers or names:
            no = (page_label(numbers[0] + "版") or ("", ""))[0] if numbers else ""
            found.append((no, page_name_of(names[0]) if names else ""))
        for node in doc.select("td[width='208']"):  # older 河北日报: the page name, maybe with its number
            text = node_text(node)
            found.append(page_label(text) or ("", page_name_of(text)))
        for sel in (".epaper_title", "span.newstime", "p.sec"):
            for node in doc.select(sel):
                found.append(page_label(node_text(node)) or ("", ""))
        no = next((n for n, _ in found if n), "")
        name = next((m for _, m in found if m), "")
        return no, name

    @staticmethod
    def _published(doc: BeautifulSoup, url: str) -> date | None:
        for text in _meta(doc, "publishdate", "pubdate", "publishtime", "ContentDate"):
            found = parse_cn_date(text)
            if found:
                return found
        for sel in ("span.newstime", ".epaper_date", ".time", "p.sec"):
            for node in doc.select(sel):
                found = parse_cn_date(node_text(node))
                if found:
                    return found
        return date_from_url(url) or parse_cn_date(doc.get_text(" "))

    @staticmethod
    def _captions(doc: BeautifulSoup) -> list[str]:
        out: list[str] = []
        for img in doc.select("img[data-original-title]"):
            if is_hidden(img):
                continue
            caption = clean(str(img.get("data-original-title") or ""))
            if caption and caption not in out:
                out.append(caption)
        return out


def is_advert(page_name: str) -> bool:
    """A page that carries adverts or notices, where no article is expected."""
    return bool(_ADVERT.search(page_name or ""))
