"""Every parsed field of the sample pages, fetched over real HTTP from the dev server."""

from __future__ import annotations

from datetime import date

import pytest

from scrapers.base import HostMismatch
from scrapers.http import PoliteClient
from scrapers.model import ArticleLink, PageLink
from scrapers.registry import all_sources, get_source

SJZ = "/sjzrb/sjzrbpaper/pc"
HB = "/hbrb/pc/paper"


def _get(client: PoliteClient, url: str) -> str:
    res = client.fetch(url)
    assert res.ok, (url, res.status, res.error)
    assert res.text is not None
    return res.text


# ---------------------------------------------------------------- registry/urls
def _header(art) -> tuple:
    """What a reader sees above the body: kicker, title, subtitle, byline, page and date."""
    return (art.kicker, art.title, art.subtitle, art.byline, art.page_no, art.page_name, art.published)


def test_registry_lists_both_papers() -> None:
    assert [s.code for s in all_sources()] == ["sjzrb", "hbrb", "yzwb", "yzdsb"]
    assert get_source("hbrb").name == "河北日报"
    assert get_source("sjzrb").home_city == "石家庄市"
    with pytest.raises(KeyError, match="unknown newspaper"):
        get_source("xyz")


def test_entry_urls_for_both_systems() -> None:
    d = date(2023, 8, 7)
    sjz, hb = get_source("sjzrb"), get_source("hbrb")
    assert sjz.entry_url("http://sjzrb.sjzdaily.com.cn", d) == (
        "http://sjzrb.sjzdaily.com.cn/sjzrbpaper/pc/layout/202308/07/node_01.html"
    )
    assert sjz.entry_url("http://sjzrb.sjzdaily.com.cn/", d, "old") == (
        "http://sjzrb.sjzdaily.com.cn/html/2023-08/07/node_5.htm"
    )
    assert (
        hb.entry_url("https://hbrb.hebnews.cn", d) == "https://hbrb.hebnews.cn/pc/paper/layout/202308/07/node_01.html"
    )
    assert (
        hb.entry_url("http://127.0.0.1:8000/hbrb", d, "old") == "http://127.0.0.1:8000/hbrb/html/2023-08/07/node_2.htm"
    )


def test_host_check_refuses_foreign_hosts() -> None:
    hb = get_source("hbrb")
    hb.host_check("https://hbrb.hebnews.cn")
    hb.host_check("http://localhost:9999/hbrb")
    with pytest.raises(HostMismatch):
        hb.entry_url("https://epaper.hubeidaily.net", date(2023, 8, 7))  # 湖北日报 is also "hbrb"
    with pytest.raises(HostMismatch):
        hb.host_check("https://hebnews.cn.evil.example")
    with pytest.raises(HostMismatch):
        get_source("sjzrb").host_check("https://hbrb.hebnews.cn")


# ---------------------------------------------------------------- sjzrb current
def test_sjzrb_page(client: PoliteClient, base_url: str) -> None:
    url = f"{base_url}{SJZ}/layout/202308/07/node_02.html"
    page = get_source("sjzrb").parse_page(_get(client, url), url)
    assert page.url == url
    assert (page.page_no, page.page_name) == ("02", "综合")
    assert page.pdf_url == f"{base_url}{SJZ}/attachement/202308/07/sjzrb2023080702.pdf"
    assert page.pages == [
        PageLink("01", "要闻", f"{base_url}{SJZ}/layout/202308/07/node_01.html"),
        PageLink("02", "综合", f"{base_url}{SJZ}/layout/202308/07/node_02.html"),
        PageLink("03", "城市", f"{base_url}{SJZ}/layout/202308/07/node_03.html"),
    ]
    assert page.articles == [
        ArticleLink("各县（市、区）项目建设按下“快进键”", f"{base_url}{SJZ}/content/202308/07/content_1004.html"),
        ArticleLink("全市312个项目集中开工 总投资865.4亿元", f"{base_url}{SJZ}/content/202308/07/content_1005.html"),
        ArticleLink("市区今年新增公共停车泊位3200个", f"{base_url}{SJZ}/content/202308/07/content_1006.html"),
    ]
    # the PDF link resolves to a real file
    assert client.fetch(page.pdf_url).ok


def test_sjzrb_pdf_falls_back_to_pdfurl_text(client: PoliteClient, base_url: str) -> None:
    url = f"{base_url}{SJZ}/layout/202308/08/node_03.html"
    html = _get(client, url)
    assert 'pull-right"><a' not in html  # this edition has no PDF link, only #pdfUrl
    page = get_source("sjzrb").parse_page(html, url)
    assert page.pdf_url == f"{base_url}{SJZ}/attachement/202308/08/sjzrb2023080803.pdf"
    assert (page.page_no, page.page_name) == ("03", "文体")


def test_sjzrb_article_all_fields(client: PoliteClient, base_url: str) -> None:
    url = f"{base_url}{SJZ}/content/202308/07/content_1001.html"
    art = get_source("sjzrb").parse_article(_get(client, url), url)
    assert art.url == url
    assert _header(art) == (
        "三季度重点项目集中开工", "全市312个项目集中开工 总投资865.4亿元", "产业类项目占比超七成", "本报记者 韩立新",
        "01", "要闻", date(2023, 8, 7),
    )
    assert len(art.paragraphs) == 4
    assert art.paragraphs[0].startswith("本报讯（记者 韩立新）8月6日")
    assert all(not p.startswith("\u3000") and p == p.strip() for p in art.paragraphs)
    assert art.paragraphs[-1].endswith("（下转第二版）")
    assert art.captions == ["8月6日，我市三季度重点项目集中开工活动藁城区主会场。 记者 孟凡 摄"]
    assert art.body_text == "\n\n".join(art.paragraphs)
    assert "孟凡 摄" not in art.body_text  # captions are kept apart from the body


def test_sjzrb_article_with_place_headings_and_no_optional_parts(client: PoliteClient, base_url: str) -> None:
    src = get_source("sjzrb")
    url = f"{base_url}{SJZ}/content/202308/07/content_1004.html"
    art = src.parse_article(_get(client, url), url)
    assert art.subtitle is None
    assert art.paragraphs[0::2] == ["正定县", "藁城区", "高新区", "经开区"]
    cont_url = f"{base_url}{SJZ}/content/202308/07/content_1005.html"
    cont = src.parse_article(_get(client, cont_url), cont_url)
    assert cont.kicker is None and cont.subtitle is None and cont.byline is None
    assert cont.paragraphs[0].startswith("（上接第一版）")
    assert cont.captions == []


def test_sjzrb_image_inside_body_is_caption_not_paragraph(client: PoliteClient, base_url: str) -> None:
    url = f"{base_url}{SJZ}/content/202308/07/content_1007.html"
    art = get_source("sjzrb").parse_article(_get(client, url), url)
    assert len(art.paragraphs) == 2
    assert art.captions == ["8月6日，市民在滹沱河生态区休闲游玩。 记者 孟凡 摄"]
    assert (art.page_no, art.page_name) == ("03", "城市")


# ---------------------------------------------------------------- hbrb current
def test_hbrb_page_accepts_both_article_url_forms(client: PoliteClient, base_url: str) -> None:
    url = f"{base_url}{HB}/layout/202308/07/node_02.html"
    html = _get(client, url)
    assert 'href="../../c/202308/07/content_304725.html"' in html
    assert 'href="/pc/paper/c/202308/07/c123460.html"' in html
    page = get_source("hbrb").parse_page(html, url)
    assert (page.page_no, page.page_name) == ("02", "要闻")
    assert page.pdf_url == f"{base_url}{HB}/attachement/202308/07/hbrb2023080702.pdf"
    assert [(p.page_no, p.page_name) for p in page.pages] == [("01", "头版"), ("02", "要闻"), ("03", "经济")]
    assert page.pages[0].url == f"{base_url}{HB}/layout/202308/07/node_01.html"
    assert page.articles == [
        ArticleLink("全省重点项目建设提速增效", f"{base_url}{HB}/c/202308/07/content_304725.html"),
        ArticleLink("全省开展消防安全专项整治", f"{base_url}{HB}/c/202308/07/c123460.html"),
    ]
    for a in page.articles:
        assert client.fetch(a.url).ok


def test_hbrb_article_all_fields(client: PoliteClient, base_url: str) -> None:
    url = f"{base_url}{HB}/c/202308/07/c123456.html"
    art = get_source("hbrb").parse_article(_get(client, url), url)
    assert _header(art) == (
        "奋力谱写中国式现代化建设河北篇章", "全省重点项目建设提速增效", "1至7月省重点项目完成投资2436.5亿元",
        "河北日报记者 宋立群", "01", "头版", date(2023, 8, 7),
    )
    assert art.paragraphs[1] == "1至7月，省重点项目累计完成投资2436.5亿元，占年度计划的78%，完成进度快于时序进度。"
    assert art.captions == ["8月5日，工人在冀中南城际铁路项目施工现场作业。 河北日报记者 赵文强摄"]
    cont_url = f"{base_url}{HB}/c/202308/07/content_304725.html"
    cont = get_source("hbrb").parse_article(_get(client, cont_url), cont_url)
    assert cont.kicker is None and cont.byline is None
    assert (cont.page_no, cont.page_name) == ("02", "要闻")


# ---------------------------------------------------------------- older systems
def _old_system_entry(client: PoliteClient, base_url: str, code: str, day: date):
    """An older-system edition (html/YYYY-MM/DD/): the source, its parsed entry page and the edition's folder."""
    src = get_source(code)
    url = src.entry_url(f"{base_url}/{code}", day, "old")
    return src, src.parse_page(_get(client, url), url), f"{base_url}/{code}/html/{day:%Y-%m/%d}"


def test_sjzrb_old_system(client: PoliteClient, base_url: str) -> None:
    src, page, folder = _old_system_entry(client, base_url, "sjzrb", date(2018, 5, 14))
    assert (page.page_no, page.page_name) == ("01", "要闻")
    assert page.pages == [
        PageLink("01", "要闻", f"{folder}/node_5.htm"),
        PageLink("02", "综合", f"{folder}/node_6.htm"),
    ]
    assert page.articles == [
        ArticleLink("我市推进城乡环境整治", f"{folder}/content_101.htm"),
        ArticleLink("省会春季花卉展开幕", f"{folder}/content_102.htm"),
    ]
    assert page.pdf_url == f"{base_url}/sjzrb/images/2018-05/14/01/sjzrb2018051401_pdf.pdf"
    art = src.parse_article(_get(client, page.articles[0].url), page.articles[0].url)
    assert _header(art) == (
        "建设美丽省会", "我市推进城乡环境整治", "各区同步开展集中行动", "本报记者 张文涛",
        "01", "要闻", date(2018, 5, 14),
    )
    assert len(art.paragraphs) == 2 and art.paragraphs[1].startswith("整治行动")


def test_hbrb_old_system(client: PoliteClient, base_url: str) -> None:
    src, page, folder = _old_system_entry(client, base_url, "hbrb", date(2015, 6, 18))
    assert (page.page_no, page.page_name) == ("01", "头版")
    assert [p.url for p in page.pages] == [f"{folder}/node_2.htm", f"{folder}/node_3.htm"]
    assert [a.url for a in page.articles] == [f"{folder}/content_201.htm", f"{folder}/content_202.htm"]
    art = src.parse_article(_get(client, f"{folder}/content_201.htm"), f"{folder}/content_201.htm")
    assert (art.kicker, art.title, art.subtitle) == ("抢抓农时 颗粒归仓", "全省夏收进度过半", "机收率保持较高水平")
    assert (art.page_no, art.page_name, art.published) == ("01", "头版", date(2015, 6, 18))
    plain = src.parse_article(_get(client, f"{folder}/content_203.htm"), f"{folder}/content_203.htm")
    assert (plain.kicker, plain.subtitle, plain.page_name) == (None, None, "要闻")


# ---------------------------------------------------------------- loud failures
# (the parser now finds pages/articles by structure; what fails loudly is in test_scrapers_variants.py)


def test_malformed_html_is_tolerated() -> None:
    html = (
        "<html><body><div class=newsdetatit><h1>标题<b>未闭合</h1>"
        "<div id=ozoom><founder-content><p>\u3000\u3000第一段<p>\u3000第二段</founder-content>"
    )
    art = get_source("sjzrb").parse_article(
        html, "http://127.0.0.1/sjzrb/sjzrbpaper/pc/content/202308/07/content_9.html"
    )
    assert art.title == "标题未闭合"
    assert art.paragraphs == ["第一段", "第二段"]
    assert art.published == date(2023, 8, 7)  # from the URL when the page says nothing
