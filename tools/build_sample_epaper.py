# ruff: noqa: E501 - HTML templates read better unwrapped
"""Write the sample e-paper archive (sample_epaper/) from tools/sample_articles.py.

The archive mirrors the live URL paths of both papers so that pointing
XIANGMU_<CODE>_BASE_URL at the dev server exercises exactly the live code
paths. Run: .venv/bin/python tools/build_sample_epaper.py  (idempotent).
"""

from __future__ import annotations

import html
import json
import shutil
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_articles import HBRB, NO_EDITION, OLD, SJZRB, Art, Edition  # noqa: E402

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


# ---------------------------------------------------------------- sjzrb current
def sjzrb_current(ed: Edition) -> None:
    d = _day(ed)
    base = ROOT / "sjzrb" / "sjzrbpaper" / "pc"
    ym, dd = f"{d:%Y%m}", f"{d:%d}"
    nav = "\n".join(
        f'<li class="posRelative"><a href="node_{no}.html">第{no}版：{E(name)}</a></li>' for no, name in ed.pages
    )
    for no, name in ed.pages:
        pdf = f"../../../attachement/{ym}/{dd}/sjzrb{d:%Y%m%d}{no}.pdf"
        (base / "attachement" / ym / dd).mkdir(parents=True, exist_ok=True)
        (base / "attachement" / ym / dd / f"sjzrb{d:%Y%m%d}{no}.pdf").write_bytes(PDF_PLACEHOLDER)
        pdf_link = (
            f'<div class="pull-right"><a href="{pdf}" target="_blank">PDF下载</a></div>' if ed.pdf_on_pages else ""
        )
        items = "\n".join(
            f'<li class="clearfix"><a href="../../../content/{ym}/{dd}/{a.aid}.html">{E(a.title)}</a></li>'
            for a in ed.articles
            if a.page == no
        )
        _write(
            base / "layout" / ym / dd / f"node_{no}.html",
            f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>石家庄日报-第{no}版：{E(name)}</title>
</head>
<body>
<div class="header"><div class="container">
<div class="pull-left">{_cn_date(d)} 星期{WEEKDAYS[d.weekday()]}</div>
{pdf_link}
</div></div>
<div id="pdfUrl" style="display:none">{pdf}</div>
<div class="container">
<div class="nav-list"><ul>
{nav}
</ul></div>
<div class="news-list"><ul>
{items}
</ul></div>
</div>
</body>
</html>
""",
        )
    for a in ed.articles:
        page_name = dict(ed.pages)[a.page]
        reporter_meta = f'<meta name="reporter" content="{E(a.byline)}">\n' if a.byline else ""
        _write(
            base / "content" / ym / dd / f"{a.aid}.html",
            f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
{reporter_meta}<meta name="PageNumber" content="{a.page}">
<meta name="publishdate" content="{d.isoformat()}">
<title>{E(a.title)}</title>
</head>
<body>
<div class="container">
<div class="newsdetatit">
<h3>{E(a.kicker)}</h3>
<h1>{E(a.title)}</h1>
<h2>{E(a.subtitle)}</h2>
<p class="sec"><span>{E(a.byline)}</span><span class="date">来源：石家庄日报</span><span class="newstime">{_cn_date(d)}\u3000第{a.page}版：{E(page_name)}</span></p>
</div>
<div class="newsdetatext" id="ozoom"><founder-content>
{_paras(a)}
</founder-content></div>
{_images(a)}
</div>
</body>
</html>
""",
        )


# ---------------------------------------------------------------- hbrb current
def hbrb_current(ed: Edition) -> None:
    d = _day(ed)
    base = ROOT / "hbrb" / "pc" / "paper"
    ym, dd = f"{d:%Y%m}", f"{d:%d}"
    nav = "\n".join(f'<li><a href="node_{no}.html">第{no}版 {E(name)}</a></li>' for no, name in ed.pages)
    for no, name in ed.pages:
        pdf_file = f"hbrb{d:%Y%m%d}{no}.pdf"
        (base / "attachement" / ym / dd).mkdir(parents=True, exist_ok=True)
        (base / "attachement" / ym / dd / pdf_file).write_bytes(PDF_PLACEHOLDER)
        items = []
        for a in ed.articles:
            if a.page != no:
                continue
            href = f"/pc/paper/c/{ym}/{dd}/{a.aid}.html" if a.href_form == "root" else f"../../c/{ym}/{dd}/{a.aid}.html"
            items.append(f'<li><a href="{href}">{E(a.title)}</a></li>')
        items_html = "\n".join(items)
        _write(
            base / "layout" / ym / dd / f"node_{no}.html",
            f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>河北日报-第{no}版 {E(name)}</title>
</head>
<body>
<div class="paper-head"><span class="paper-date">{_cn_date(d)}</span>
<a id="pdfUrl" href="../../../attachement/{ym}/{dd}/{pdf_file}" target="_blank">下载本版PDF</a></div>
<div id="layoutlist"><ul>
{nav}
</ul></div>
<div id="articlelist"><ul>
{items_html}
</ul></div>
</body>
</html>
""",
        )
    for a in ed.articles:
        page_name = dict(ed.pages)[a.page]
        _write(
            base / "c" / ym / dd / f"{a.aid}.html",
            f"""<!DOCTYPE html>
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
<p class="sec"><span class="reporter">{E(a.byline)}</span><span class="date">来源：河北日报</span><span class="newstime">{d.isoformat()}\u3000第{a.page}版 {E(page_name)}</span></p>
</div>
<div id="ozoom"><founder-content>
{_paras(a)}
</founder-content></div>
{_images(a)}
</body>
</html>
""",
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
        }
    return {
        "about": "Invented sample e-paper archive in the live URL schemes; serve with python -m xiangmu.devserver.",
        "papers": papers,
    }


def main() -> None:
    for sub in ("sjzrb", "hbrb"):
        shutil.rmtree(ROOT / sub, ignore_errors=True)
    for ed in SJZRB:
        sjzrb_current(ed)
    for ed in HBRB:
        hbrb_current(ed)
    for ed in OLD:
        old_system(ed, first_node=5 if ed.paper == "sjzrb" else 2)
    _write(ROOT / "manifest.json", json.dumps(manifest(), ensure_ascii=False, indent=2) + "\n")
    (ROOT / "robots.txt").write_text("User-agent: *\nDisallow: /sjzrb/private/\n", encoding="utf-8")
    print(f"wrote {sum(1 for p in ROOT.rglob('*') if p.is_file())} files under {ROOT}")


if __name__ == "__main__":
    main()
