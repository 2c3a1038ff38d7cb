# ruff: noqa: E501 - HTML templates read better unwrapped
"""Write the sample e-paper archive (sample_epaper/) from tools/sample_articles.toml (via sample_articles.py).

The archive mirrors the live URL paths of both papers so that pointing
XIANGMU_<CODE>_BASE_URL at the dev server exercises exactly the live code
paths. Run: .venv/bin/python tools/build_sample_epaper.py  (idempotent).
"""

from __future__ import annotations

import html
import json
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

# tools/ is on sys.path: run as a script, or PYTHONPATH / pytest's pythonpath when imported.
from sample_articles import HBRB, NO_EDITION, OLD, SISTERS, SJZRB, Art, Edition

ROOT = Path(__file__).resolve().parent.parent / "sample_epaper"
PDF_PLACEHOLDER = b"%PDF-1.4\n% placeholder page for the Xiangmu sample archive\n%%EOF\n"
WEEKDAYS = "一二三四五六日"
E = html.escape


def _day(edition: Edition) -> date:
    return date.fromisoformat(edition.day)


def _cn_date(d: date) -> str:
    return f"{d:%Y}年{d:%m}月{d:%d}日"


def _paras(art: Art) -> str:
    out = []
    for i, p in enumerate(art.paras):
        if p.startswith("## "):
            out.append(f"<p><strong>{E(p[3:])}</strong></p>")
        else:
            out.append(f"<p>\u3000\u3000{E(p)}</p>")
        if i == 0 and art.img_in_body:
            for c in art.captions:
                out.append(
                    f'<p style="text-align:center"><img src="../../../images/pic.jpg" data-original-title="{E(c)}"></p>'
                )
    return "\n".join(out)


def _images(art: Art) -> str:
    if art.img_in_body or not art.captions:
        return ""
    imgs = "".join(
        f'<div class="attachment"><img src="../../../images/pic.jpg" data-original-title="{E(c)}"></div>'
        for c in art.captions
    )
    return f'<div class="newsdetapic">{imgs}</div>'


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- current system, two skins
@dataclass(frozen=True)
class Paper:
    """Where a paper's current-system files live and how its pages link to its articles."""

    name: str
    base: tuple[str, ...]  # folder of layout/, content or c/, attachement/ under ROOT
    content: str  # "content" (sjzdaily papers) or "c" (hebnews papers)
    label: str  # page label format: {no}, {name}

    def article_href(self, art: Art, ym: str, dd: str, up: str = "../../") -> str:
        """up: how far a page sits below the paper folder ("../../" for layout/YYYYMM/DD/)."""
        if self.content == "content":
            return f"{up}../content/{ym}/{dd}/{art.aid}.html"
        if art.href_form == "root":
            return f"/pc/paper/c/{ym}/{dd}/{art.aid}.html"
        return f"{up}c/{ym}/{dd}/{art.aid}.html"  # hbrb: resolves to layout/c/, which the site maps to c/


PAPERS = {
    "sjzrb": Paper("石家庄日报", ("sjzrb", "sjzrbpaper", "pc"), "content", "第{no}版：{name}"),
    "hbrb": Paper("河北日报", ("hbrb", "pc", "paper"), "c", "{no}版：{name}"),  # live skin: labels without 第
    "yzwb": Paper("燕赵晚报", ("yzwb", "yzwbpaper", "pc"), "content", "{no}：{name}"),  # "A01：要闻"
    "yzdsb": Paper("燕赵都市报", ("yzdsb", "pc", "paper"), "c", "第{no}版：{name}"),
}


def _pdf(ed: Edition, no: str) -> tuple[str, str]:
    """(href from a page, file name) of a page's PDF; the placeholder file is written too."""
    d = _day(ed)
    ym, dd = f"{d:%Y%m}", f"{d:%d}"
    name = f"{ed.paper}{d:%Y%m%d}{no}.pdf"
    folder = ROOT.joinpath(*PAPERS[ed.paper].base, "attachement", ym, dd)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(PDF_PLACEHOLDER)
    return f"../../../attachement/{ym}/{dd}/{name}", name


def posrelative_page(ed: Edition, no: str, name: str, prefix: str = "", up: str = "../../") -> str:
    """The live skin: li.posRelative > a (PDF in a hidden input), li.clearfix > a, PDF in div.pull-right.

    石家庄日报 keeps its first form (PDF link in the header's div.pull-right, #pdfUrl a hidden div);
    the hebnews papers have several div.pull-right blocks (the PDF in div.mgb25 > div.pull-right)
    and #pdfUrl as a <p>; 燕赵晚报's PDF is only in the nav item's hidden input.
    """
    paper, d = PAPERS[ed.paper], _day(ed)
    ym, dd = f"{d:%Y%m}", f"{d:%d}"
    pdf, _ = _pdf(ed, no)
    hidden_pdf = ed.paper != "sjzrb"
    nav = "\n".join(
        f'<li class="posRelative"><a href="{prefix}node_{n}.html">{E(paper.label.format(no=n, name=m))}</a>'
        + (f'<input type="hidden" value="{_pdf(ed, n)[0]}">' if hidden_pdf else "")
        + "</li>"
        for n, m in ed.pages
    )
    items = "\n".join(
        f'<li class="clearfix"><a href="{paper.article_href(a, ym, dd, up)}">{E(a.title)}</a></li>'
        for a in ed.articles
        if a.page == no
    )
    if ed.paper == "sjzrb":
        pull = f'<div class="pull-right"><a href="{pdf}" target="_blank">PDF下载</a></div>' if ed.pdf_on_pages else ""
        pdf_text = f'<div id="pdfUrl" style="display:none">{pdf}</div>'
    elif ed.paper == "yzwb":
        pull, pdf_text = '<div class="pull-right"><a href="../../../../index.html">首页</a></div>', ""
    else:
        pull = (
            '<div class="pull-right"><a href="../../index.html">往期回顾</a></div>\n'
            f'<div class="mgb25"><div class="pull-right"><a href="{pdf}" target="_blank">下载本版PDF</a></div></div>'
        )
        pdf_text = f'<p id="pdfUrl" style="display:none">{pdf}</p>'
    label = paper.label.format(no=no, name=name)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{paper.name}-{E(label)}</title>
</head>
<body>
<div class="header"><div class="container">
<div class="pull-left">{_cn_date(d)} 星期{WEEKDAYS[d.weekday()]}</div>
{pull}
</div></div>
{pdf_text}
<div class="container">
<div class="nav-list"><ul id="layoutlist">
{nav}
</ul></div>
<div class="news-list"><ul id="articlelist">
{items}
</ul></div>
</div>
</body>
</html>
"""


def posrelative_article(ed: Edition, a: Art) -> str:
    """Article of the live skin: h3/h1/h2, p.sec spans, founder-content.

    石家庄日报: reporter/PageNumber/publishdate metas and the page label in span.newstime.
    The hebnews papers, like other papers of the product: a first meta author holding "第00N版",
    the page in p.ban, span.newstime "（2023年08月07日 01版）", and a display:none copy of the
    body inside #ozoom. 燕赵晚报: the page name in #NewsEditionName and meta catalogs.
    """
    paper, d = PAPERS[ed.paper], _day(ed)
    page_name = dict(ed.pages)[a.page]
    if ed.paper == "sjzrb":
        metas = (f'<meta name="reporter" content="{E(a.byline)}">\n' if a.byline else "") + (
            f'<meta name="PageNumber" content="{a.page}">\n<meta name="publishdate" content="{d.isoformat()}">\n'
        )
        ban, newstime = "", f"{_cn_date(d)}\u3000{paper.label.format(no=a.page, name=E(page_name))}"
        hidden_copy, edition_name = "", ""
    else:
        metas = f'<meta name="author" content="第0{a.page.lstrip("A")}版">\n<meta name="catalogs" content="{E(page_name)}">\n'
        ban = f'<p class="ban">第{a.page}版：{E(page_name)}</p>\n' if ed.paper != "yzwb" else ""
        newstime = f"（{_cn_date(d)} {a.page}版）"
        hidden_copy = f'<div style="display:none"><founder-content>\n{_paras(a)}\n</founder-content></div>\n'
        edition_name = f'<span id="NewsEditionName">{E(page_name)}</span>\n' if ed.paper == "yzwb" else ""
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
{metas}<title>{E(a.title)}</title>
</head>
<body>
<div class="container">
{ban}{edition_name}<div class="newsdetatit">
<h3>{E(a.kicker)}</h3>
<h1>{E(a.title)}</h1>
<h2>{E(a.subtitle)}</h2>
<p class="sec"><span>{E(a.byline)}</span><span class="date">来源：{paper.name}</span><span class="newstime">{newstime}</span></p>
</div>
<div class="newsdetatext" id="ozoom">{hidden_copy}<founder-content>
{_paras(a)}
</founder-content></div>
{_images(a)}
</div>
</body>
</html>
"""


def layoutlist_page(ed: Edition, no: str, name: str, prefix: str = "", up: str = "../../") -> str:
    """The 2018 skin: #layoutlist li a ("第01版 头版"), #articlelist li a, PDF as a#pdfUrl."""
    paper, d = PAPERS[ed.paper], _day(ed)
    ym, dd = f"{d:%Y%m}", f"{d:%d}"
    pdf, _ = _pdf(ed, no)
    nav = "\n".join(f'<li><a href="{prefix}node_{n}.html">第{n}版 {E(m)}</a></li>' for n, m in ed.pages)
    items = "\n".join(
        f'<li><a href="{paper.article_href(a, ym, dd, up)}">{E(a.title)}</a></li>' for a in ed.articles if a.page == no
    )
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{paper.name}-第{no}版 {E(name)}</title>
</head>
<body>
<div class="paper-head"><span class="paper-date">{_cn_date(d)}</span>
<a id="pdfUrl" href="{pdf}" target="_blank">下载本版PDF</a></div>
<div id="layoutlist"><ul>
{nav}
</ul></div>
<div id="articlelist"><ul>
{items}
</ul></div>
</body>
</html>
"""


def layoutlist_article(ed: Edition, a: Art) -> str:
    paper, d = PAPERS[ed.paper], _day(ed)
    page_name = dict(ed.pages)[a.page]
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="publishdate" content="{d.isoformat()}">
<title>{E(a.title)}</title>
</head>
<body>
<div class="detail-title">
<h3 id="PreTitle">{E(a.kicker)}</h3>
<h1 id="Title">{E(a.title)}</h1>
<h2 id="SubTitle">{E(a.subtitle)}</h2>
<p class="sec"><span class="reporter">{E(a.byline)}</span><span class="date">来源：{paper.name}</span><span class="newstime">{d.isoformat()}\u3000第{a.page}版 {E(page_name)}</span></p>
</div>
<div id="ozoom"><founder-content>
{_paras(a)}
</founder-content></div>
{_images(a)}
</body>
</html>
"""


DEFAULT_DESIGN = {"sjzrb": "posrelative", "hbrb": "layoutlist", "yzwb": "posrelative", "yzdsb": "posrelative"}
FIRST_PAGE = {"yzwb": "A01"}


def design_of(ed: Edition) -> str:
    return ed.design or DEFAULT_DESIGN[ed.paper]


def current_system(ed: Edition) -> None:
    paper, d = PAPERS[ed.paper], _day(ed)
    ym, dd = f"{d:%Y%m}", f"{d:%d}"
    base = ROOT.joinpath(*paper.base)
    page, article = (
        (posrelative_page, posrelative_article) if design_of(ed) == "posrelative" else (layoutlist_page, layoutlist_article)
    )
    for no, name in ed.pages:
        _write(base / "layout" / ym / dd / f"node_{no}.html", page(ed, no, name))
    for a in ed.articles:
        _write(base / paper.content / ym / dd / f"{a.aid}.html", article(ed, a))


def latest_entry(ed: Edition) -> None:
    """河北日报's latest-edition page (layout/index.html: page 1 of the newest edition, linking
    YYYYMM/DD/node_NN.html) and the site root's meta refresh to it."""
    paper, d = PAPERS[ed.paper], _day(ed)
    no, name = ed.pages[0]
    page = posrelative_page if design_of(ed) == "posrelative" else layoutlist_page
    html_text = page(ed, no, name, prefix=f"{d:%Y%m}/{d:%d}/", up="../").replace("../../../attachement", "../attachement")
    _write(ROOT.joinpath(*paper.base, "layout", "index.html"), html_text)
    _write(
        ROOT / ed.paper / "index.html",
        '<html><head><meta http-equiv="refresh" content="0; url=pc/paper/layout/index.html"></head><body></body></html>\n',
    )


# ---------------------------------------------------------------- older system
def old_system(ed: Edition, first_node: int) -> None:
    """Old Founder template: table layout, node_N.htm / content_N.htm, title in <strong>."""
    d = _day(ed)
    folder = ROOT / ed.paper / "html" / f"{d:%Y-%m}" / f"{d:%d}"
    node_of = {no: f"node_{first_node + i}.htm" for i, (no, _) in enumerate(ed.pages)}
    nav = "\n".join(
        f'<tr><td><a id="pageLink" href="{node_of[no]}">第{no}版：{E(name)}</a></td></tr>' for no, name in ed.pages
    )
    for no, name in ed.pages:
        items = "\n".join(
            f'<tr><td><a href="{a.aid}.htm"><div style="display:inline" id="mp{a.aid[8:]}">{E(a.title)}</div></a></td></tr>'
            for a in ed.articles
            if a.page == no
        )
        _write(
            folder / node_of[no],
            f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{"石家庄日报" if ed.paper == "sjzrb" else "河北日报"}</title>
</head>
<body>
<table width="100%"><tr><td class="epaper_title">第{no}版：{E(name)}</td><td class="epaper_date">{_cn_date(d)}</td>
<td><a href="../../../images/{d:%Y-%m}/{d:%d}/{no}/{ed.paper}{d:%Y%m%d}{no}_pdf.pdf">PDF</a></td></tr></table>
<table id="pagelist">
{nav}
</table>
<div id="main-ed-articlenav-list"><table>
{items}
</table></div>
</body>
</html>
""",
        )
    for a in ed.articles:
        name = dict(ed.pages)[a.page]
        body = "\n".join(f"<p>\u3000\u3000{E(p)}</p>" for p in a.paras)
        if ed.paper == "sjzrb":
            head = f"""<table id="article" width="100%">
<tr><td class="yinti">{E(a.kicker)}</td></tr>
<tr><td class="font01"><strong>{E(a.title)}</strong></td></tr>
<tr><td class="futi">{E(a.subtitle)}</td></tr>
<tr><td class="byline">{E(a.byline)}</td></tr>
<tr><td id="ozoom">
{body}
</td></tr>
</table>"""
        else:
            kicker = f"<span>{E(a.kicker)}</span><br>" if a.kicker else ""
            sub = f"<br><span>{E(a.subtitle)}</span>" if a.subtitle else ""
            head = f"""<table width="100%"><tr><td width="572" align="center">{kicker}<strong>{E(a.title)}</strong>{sub}</td></tr>
<tr><td class="byline">{E(a.byline)}</td></tr></table>
<div id="ozoom">
{body}
</div>"""
        _write(
            folder / f"{a.aid}.htm",
            f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{E(a.title)}</title>
</head>
<body>
<table width="100%"><tr><td class="epaper_title">第{a.page}版：{E(name)}</td><td class="epaper_date">{_cn_date(d)}</td></tr></table>
{head}
</body>
</html>
""",
        )


def manifest() -> dict[str, object]:
    """What the archive holds, for tests and the local run (facts are in expected_facts.json)."""
    names = {"sjzrb": "石家庄日报", "hbrb": "河北日报"}
    papers: dict[str, object] = {}
    for code in ("sjzrb", "hbrb"):
        current = [e for e in SJZRB + HBRB if e.paper == code]
        papers[code] = {
            "name": names[code],
            "base_path": f"/{code}",
            # every date to run in the current system: with an edition, and without (-> 404)
            "dates": sorted([e.day for e in current] + [NO_EDITION[code]]),
            "edition_dates": [e.day for e in current],
            "old_system_dates": [e.day for e in OLD if e.paper == code],
            "no_edition_dates": [NO_EDITION[code]],
            "pages": {e.day: [f"第{no}版：{name}" for no, name in e.pages] for e in current},
            "article_count": {e.day: len(e.articles) for e in current},
            "designs": {e.day: design_of(e) for e in current},
        }
    papers["hbrb"]["latest_edition"] = max(e.day for e in HBRB)  # type: ignore[index]
    sisters = {
        e.paper: {
            "name": PAPERS[e.paper].name,
            "base_path": f"/{e.paper}",
            "edition_dates": [e.day],
            "first_page": f"node_{e.pages[0][0]}.html",
            "pages": {e.day: [PAPERS[e.paper].label.format(no=no, name=name) for no, name in e.pages]},
            "article_count": {e.day: len(e.articles)},
            "designs": {e.day: design_of(e)},
        }
        for e in SISTERS
    }
    return {
        "about": "Invented sample e-paper archive in the live URL schemes; serve with python -m xiangmu.local.sample_server.",
        "papers": papers,
        # Same product, not in the default sources (XIANGMU_SOURCES=sjzrb,hbrb): parsed and staged in tests.
        "sister_papers": sisters,
    }


def main() -> None:
    for sub in PAPERS:
        shutil.rmtree(ROOT / sub, ignore_errors=True)
    for ed in SJZRB + HBRB + SISTERS:
        current_system(ed)
    latest_entry(max(HBRB, key=lambda e: e.day))
    for ed in OLD:
        old_system(ed, first_node=5 if ed.paper == "sjzrb" else 2)
    _write(ROOT / "manifest.json", json.dumps(manifest(), ensure_ascii=False, indent=2) + "\n")
    (ROOT / "robots.txt").write_text("User-agent: *\nDisallow: /sjzrb/private/\n", encoding="utf-8")
    print(f"wrote {sum(1 for p in ROOT.rglob('*') if p.is_file())} files under {ROOT}")


if __name__ == "__main__":
    main()
