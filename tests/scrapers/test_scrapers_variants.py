"""Every Founder template variant, parsed field by field, in process and through `xiangmu parse`.

The fixtures (tests/scrapers/fixtures/) are written for these tests in each
variant's markup, never copied from a real page; fixtures/expected.json holds,
for each, its URL, which variant it stands for and every field expected.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from scrapers.base import ParseError, page_label
from scrapers.founder import PAGE_LINK_SELECTORS, STRUCTURAL_ARTICLES, STRUCTURAL_PAGES
from scrapers.inspect import parse_html
from scrapers.registry import GENERIC, get_source, source_for_url
from scrapers.text import decode_html

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CASES = json.loads((FIXTURES / "expected.json").read_text("utf-8"))
PARSABLE = [name for name, case in CASES.items() if case["expected"] is not None]
PROJECT = Path(__file__).resolve().parents[2]


def _html(name: str) -> str:
    return decode_html((FIXTURES / name).read_bytes())


def test_every_fixture_has_a_case_and_the_variants_are_covered() -> None:
    files = {p.name for p in FIXTURES.iterdir() if p.suffix in (".html", ".htm")}
    assert files == set(CASES)
    variants = " ".join(c["variant"] for c in CASES.values())
    for needle in ("li.posRelative", "#layoutlist", "a#pageLink", "ul.news-list", "div.pull-right", "div.mgb25",
                   "#pdfUrl", "hidden", "display:none", "p.ban", "#NewsEditionName", "older system", "燕赵晚报",
                   "燕赵都市报", "without 第", "'第01版 头版'", "A01", "unknown host"):
        assert needle in variants, needle


@pytest.mark.parametrize("name", PARSABLE)
def test_fixture_fields(name: str) -> None:
    case = CASES[name]
    got = parse_html(_html(name), case["url"])
    expected = case["expected"]
    assert got.keys() == expected.keys()
    for key in expected:
        assert got[key] == expected[key], (name, key)


@pytest.mark.parametrize("name", list(CASES))
def test_xiangmu_parse_cli(name: str) -> None:
    case = CASES[name]
    proc = subprocess.run(
        [sys.executable, "-m", "xiangmu.cli", "parse", str(FIXTURES / name), "--url", case["url"]],
        capture_output=True, text=True, cwd=PROJECT, timeout=120,
    )
    if case["expected"] is None:
        assert proc.returncode == 2, proc.stderr
        assert proc.stdout == ""
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and case["url"] in lines[0]
        assert "li.posRelative > a" in lines[0] and "#Title" in lines[0]  # what was looked for
        return
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == case["expected"]


def test_cli_unreadable_file_exits_2(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "xiangmu.cli", "parse", str(tmp_path / "missing.html"), "--url", "http://x/y.html"],
        capture_output=True, text=True, cwd=PROJECT, timeout=120,
    )
    assert proc.returncode == 2 and "cannot read" in proc.stderr


# ---------------------------------------------------------------- labels
@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("第01版：要闻", ("01", "要闻")),
        ("01版：要闻", ("01", "要闻")),
        ("第01版 头版", ("01", "头版")),
        ("A01：要闻", ("A01", "要闻")),
        ("A02版：城事", ("A02", "城事")),
        ("第005版", ("05", "")),
        ("（2026年09月16日 05版）", ("05", "")),
        ("2023年08月07日\u3000第02版：综合", ("02", "综合")),
        ("第一版：头版", ("01", "头版")),
        ("第十二版 : 副刊", ("12", "副刊")),
        ("05版:冰点周刊", ("05", "冰点周刊")),
    ],
)
def test_page_labels_with_and_without_di(label: str, expected: tuple[str, str]) -> None:
    assert page_label(label) == expected


@pytest.mark.parametrize("text", ["冰点周刊", "2023年08月07日", "来源：河北日报", ""])
def test_text_that_is_no_label(text: str) -> None:
    assert page_label(text) is None


# ---------------------------------------------------------------- registry
def test_registry_urls_and_hosts() -> None:
    d = date(2024, 9, 12)
    assert get_source("yzwb").entry_url("http://yzwb.sjzdaily.com.cn", d) == (
        "http://yzwb.sjzdaily.com.cn/yzwbpaper/pc/layout/202409/12/node_A01.html"
    )
    assert get_source("yzdsb").entry_url("https://yzdsb.hebnews.cn", d) == (
        "https://yzdsb.hebnews.cn/pc/paper/layout/202409/12/node_01.html"
    )
    assert get_source("hbrb").latest_url("https://hbrb.hebnews.cn") == "https://hbrb.hebnews.cn/pc/paper/layout/index.html"
    assert get_source("yzwb").systems() == ("current",)
    assert get_source("sjzrb").systems() == ("current", "old")
    # a paper keeps only its own host: the sister paper's host is not 河北日报's
    with pytest.raises(ValueError, match="not one of"):
        get_source("hbrb").host_check("https://yzdsb.hebnews.cn")
    assert source_for_url("https://yzdsb.hebnews.cn/pc/paper/c/202412/16/content_1.html").code == "yzdsb"
    assert source_for_url("http://127.0.0.1:9/yzwb/yzwbpaper/pc/layout/x/node_A01.html").code == "yzwb"
    assert source_for_url("http://epaper.example.cn/pc/layout/node_01.html") is GENERIC


# ---------------------------------------------------------------- found by structure, or failing loudly
SJZ_PAGE = FIXTURES / "sjzrb_current_node.html"


def test_renamed_classes_are_survived_by_href_shape() -> None:
    html = _html(SJZ_PAGE.name)
    for old, new in (("posRelative", "navItem"), ("clearfix", "row"), ("nav-list", "menu"), ("news-list", "items")):
        html = html.replace(old, new)
    url = CASES[SJZ_PAGE.name]["url"]
    page = get_source("sjzrb").parse_page(html, url)
    assert page.matched["pages"] == STRUCTURAL_PAGES and page.matched["articles"] == STRUCTURAL_ARTICLES
    assert [(p.page_no, p.page_name) for p in page.pages] == [("01", "要闻"), ("02", "经济"), ("03", "广告")]
    assert len(page.articles) == 2  # the "下一版" link is not a page


def test_page_without_page_links_names_url_and_selectors() -> None:
    html = _html(SJZ_PAGE.name).replace('href="node_', 'data-x="node_')
    url = CASES[SJZ_PAGE.name]["url"]
    with pytest.raises(ParseError) as info:
        get_source("sjzrb").parse_page(html, url)
    assert info.value.url == url and url in str(info.value)
    for sel in PAGE_LINK_SELECTORS:
        assert sel in info.value.selector


def test_article_without_visible_body_names_url_and_selectors() -> None:
    name = "yzdsb_content_hidden_copy.html"
    url = CASES[name]["url"]
    # only the hidden copy is left: it must not be taken for the body
    visible = (
        "<founder-content>\n<p>　　本报讯 城区老旧小区加装电梯工作持续推进。</p>\n<p>　　居民可通过社区申请补贴。</p>\n"
    )
    assert _html(name).count(visible) == 2
    at = _html(name).rindex(visible)
    html = _html(name)[:at] + "<div>" + _html(name)[at + len(visible):]
    with pytest.raises(ParseError) as info:
        get_source("yzdsb").parse_article(html, url)
    assert "#ozoom founder-content" in info.value.selector and url in str(info.value)


def test_masthead_h1_is_not_the_title() -> None:
    html = "<html><body><h1>石家庄日报</h1><div><h1>新桥通车</h1></div><div id='ozoom'><p>正文一段文字。</p></div>"
    url = "http://sjzrb.sjzdaily.com.cn/sjzrbpaper/pc/content/202409/12/content_1.html"
    art = get_source("sjzrb").parse_article(html, url)
    assert art.title == "新桥通车"


def test_hotspot_links_without_text_neither_reorder_nor_unname_pages() -> None:
    html = (
        '<html><body><div class="map"><a href="content_1.html"></a><a href="node_02.html"><img src="p.jpg"></a></div>'
        '<a href="node_01.html">01版：要闻</a><a href="node_02.html">02版：经济</a>'
        '<ul><li><a href="content_1.html">标题一</a></li><li><a href="content_2.html">标题二</a></li></ul>'
        "</body></html>"
    )
    page = GENERIC.parse_page(html, "http://x.example/pc/layout/202609/16/node_01.html")
    assert [(p.page_no, p.page_name) for p in page.pages] == [("01", "要闻"), ("02", "经济")]
    assert [a.title for a in page.articles] == ["标题一", "标题二"]


def test_page_name_from_a_hidden_input_and_byline_from_the_second_author_meta() -> None:
    html = (
        '<html><head><meta name="author" content="第005版"><meta name="author" content="张晓"></head><body>'
        '<input type="hidden" id="NewsEditionName" value="冰点周刊"><h1>题目</h1>'
        '<div id="ozoom"><founder-content><p>第一段文字。</p></founder-content></div>'
        '<span class="newstime">（2026年09月16日 05版）</span></body></html>'
    )
    art = GENERIC.parse_article(html, "http://x.example/pc/content/202609/16/content_1.html")
    assert (art.page_no, art.page_name, art.byline, art.published) == ("05", "冰点周刊", "张晓", date(2026, 9, 16))


def test_pdf_download_link_that_does_not_end_in_pdf() -> None:
    html = (
        '<html><body><div class="pull-right"><a href="javascript:void(0)">PDF</a></div>'
        '<div class="pull-right"><a href="/epaper/download?page=05">下载PDF</a></div>'
        '<ul><li class="posRelative"><a href="node_05.html">05版：冰点周刊</a></li></ul></body></html>'
    )
    page = GENERIC.parse_page(html, "http://x.example/pc/layout/202609/16/node_05.html")
    assert page.pdf_url == "http://x.example/epaper/download?page=05"
    assert (page.page_no, page.page_name) == ("05", "冰点周刊")
