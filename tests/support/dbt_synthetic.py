"""Synthetic raw articles and extracted facts for the dbt tests.

Why hand-written: the assertions in the tests are computed by hand from these
rows, so every number here is deliberate. The story:

* 2023-08-07: Shijiazhuang's 集中开工 (350 projects, 977.5亿 total) reported by
  sjzrb with three county/zone items, and the city total again by hbrb.
* A company-prefixed, quoted project (惠华食品级包装材料) reported by both papers,
  later under construction with a revised amount (sjzrb, 2023-12-20).
* An article fetched twice (content changed) and extracted by two extractor
  versions: only the current article version's latest extraction counts.
* An article whose latest extraction found nothing: its older facts vanish.
* LATER (inserted by the incremental test): the project completed (hbrb,
  2024-03-01) and a third version of the twice-fetched article.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta

import psycopg

T0 = datetime(2024, 1, 1, tzinfo=UTC)


@dataclass
class Fact:
    region: str | None
    region_code: str | None
    subject: str
    measure: str
    amount_cny: float | None
    project_name: str | None = None
    project_count: int | None = None
    stage: str | None = None
    category: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    completion_rate: float | None = None
    approximate: bool = False
    evidence: str = "证据"


@dataclass
class Article:
    newspaper: str
    edition_date: date
    url: str
    title: str
    # (extractor_version, extracted_at offset in hours, facts)
    extractions: list[tuple[str, int, list[Fact]]] = field(default_factory=list)
    page_no: str = "01"
    page_name: str = "要闻"
    body: str = "正文"


D = date(2023, 8, 6)
GB = "groundbreaking"

# Shijiazhuang's 集中开工 total: the same figure in both papers (one figure in the marts).
CITY_BATCH_TOTAL = Fact(
    "石家庄市", "130100", "portfolio", "total_investment", 97_750_000_000, project_count=350, stage=GB, period_start=D
)


def first_extraction(*facts: Fact) -> list[tuple[str, int, list[Fact]]]:
    """The article's only extraction: extractor v1, an hour after fetching."""
    return [("v1", 1, list(facts))]


def zhengding_project(amount: float, **attrs: object) -> Fact:
    """The project of the twice-fetched article (each version and extraction reports another amount)."""
    return Fact("正定县", "130123", "project", "total_investment", amount, project_name="新版本项目", **attrs)


def food_project(amount: float, **attrs: object) -> Fact:
    """惠华's packaging project in 晋州市, as the papers name it."""
    return Fact("晋州市", "130183", "project", "total_investment", amount, project_name="食品级包装材料项目", **attrs)


INITIAL: list[Article] = [
    Article(
        "sjzrb",
        date(2023, 8, 7),
        "http://sjz.test/2023-08/07/1.html",
        "我市350个项目集中开工",
        first_extraction(
            CITY_BATCH_TOTAL,
            Fact(
                "石家庄市",
                "130100",
                "portfolio",
                "planned_investment",
                22_970_000_000,
                project_count=350,
                stage=GB,
                period_start=D,
            ),
            Fact(
                "石家庄经济技术开发区",
                None,
                "portfolio",
                "total_investment",
                5_003_000_000,
                project_count=36,
                stage=GB,
                period_start=D,
            ),
            Fact(
                "赵县",
                "130133",
                "portfolio",
                "total_investment",
                1_407_000_000,
                project_count=18,
                stage=GB,
                period_start=D,
            ),
            Fact(
                "晋州市",
                "130183",
                "portfolio",
                "total_investment",
                2_051_000_000,
                project_count=22,
                stage=GB,
                period_start=D,
            ),
            Fact(
                "晋州市",
                "130183",
                "project",
                "total_investment",
                200_000_000,
                project_name="河北惠华包装有限公司“食品级包装材料”项目",
                stage=GB,
            ),
            Fact(
                "赵县",
                "130133",
                "project",
                "total_investment",
                296_000_000,
                project_name="赵县碧水污水处理厂",
                stage=GB,
            ),
        ),
    ),
    Article(
        "hbrb",
        date(2023, 8, 7),
        "https://hb.test/2023-08/07/9.html",
        "石家庄市集中开工",
        first_extraction(
            CITY_BATCH_TOTAL,
            food_project(200_000_000, stage=GB),
        ),
    ),
    Article(
        "sjzrb",
        date(2023, 12, 20),
        "http://sjz.test/2023-12/20/3.html",
        "重点项目建设加速",
        first_extraction(
            food_project(210_000_000, stage="under_construction"),
            Fact(
                "鹿泉区",
                "130110",
                "portfolio",
                "total_investment",
                68_940_000_000,
                project_count=274,
                stage="under_construction",
                period_start=date(2023, 1, 1),
                period_end=date(2023, 6, 30),
            ),
        ),
    ),
]

# Same url fetched twice; the first version's facts and the v1 facts of the
# second version must not reach the marts (v2 ran later).
REFETCHED_URL = "http://sjz.test/2023-09/01/5.html"
REFETCHED = [
    Article(
        "sjzrb",
        date(2023, 9, 1),
        REFETCHED_URL,
        "旧标题",
        [("v1", 1, [Fact("正定县", "130123", "project", "total_investment", 111_000_000, project_name="旧版本项目")])],
    ),
    Article(
        "sjzrb",
        date(2023, 9, 1),
        REFETCHED_URL,
        "新标题",
        [
            (
                "v1",
                1,
                [zhengding_project(222_000_000)],
            ),
            (
                "v2",
                2,
                [zhengding_project(333_000_000, stage="signed", approximate=True)],
            ),
        ],
    ),
]

# v1 found a figure, v2 (later) found none: nothing from this article counts.
EMPTIED = Article(
    "hbrb",
    date(2023, 10, 10),
    "https://hb.test/2023-10/10/2.html",
    "无投资数据",
    [
        ("v1", 1, [Fact("河北省", "130000", "portfolio", "total_investment", 5_000_000_000, project_count=10)]),
        ("v2", 2, []),
    ],
)

# Inserted only by the incremental test, after the first two builds.
LATER_COMPLETED = Article(
    "hbrb",
    date(2024, 3, 1),
    "https://hb.test/2024-03/01/4.html",
    "惠华项目竣工",
    first_extraction(
        Fact(
            "晋州市",
            "130183",
            "project",
            "total_investment",
            210_000_000,
            project_name="“食品级包装材料”项目",
            stage="completed",
        )
    ),
)
LATER_REFETCH = Article(
    "sjzrb",
    date(2023, 9, 1),
    REFETCHED_URL,
    "第三版标题",
    [
        (
            "v2",
            1,
            [zhengding_project(444_000_000, stage="signed")],
        )
    ],
)


def insert_facts(
    conn: psycopg.Connection,
    article_id: int,
    version: str,
    facts: list[Fact],
    run_id: str,
    extracted_at: datetime | None,
) -> None:
    """One extraction's facts; extracted_at None means now() (as in production)."""
    for index, f in enumerate(facts):
        conn.execute(
            """
            insert into extract.investment_facts (article_id, extractor_version, fact_index, region,
                region_code, subject, project_name, project_count, measure, amount_cny, amount_original,
                currency, approximate, stage, category, period_start, period_end, completion_rate,
                evidence, char_start, char_end, run_id, extracted_at)
            values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 'CNY',
                %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, coalesce(%s::timestamptz, now()))
            """,
            (
                article_id,
                version,
                index,
                f.region,
                f.region_code,
                f.subject,
                f.project_name,
                f.project_count,
                f.measure,
                f.amount_cny,
                None if f.amount_cny is None else f.amount_cny / 10_000,
                f.approximate,
                f.stage,
                f.category,
                f.period_start,
                f.period_end,
                f.completion_rate,
                f.evidence,
                index * 10,
                index * 10 + 5,
                run_id,
                extracted_at,
            ),
        )


def insert_article(conn: psycopg.Connection, article: Article, serial: int) -> int:
    """Insert one article version with its extractions; returns its article_id."""
    fetched = T0.replace(hour=serial % 24, minute=serial % 60)
    article_id = conn.execute(
        """
        insert into raw.articles (newspaper, edition_date, page_no, page_name, url, title,
            published_date, body_text, captions, http_status, content_hash, raw_html, fetched_at, run_id)
        values (%s, %s, %s, %s, %s, %s, %s, %s, %s, 200, %s, '<html/>', %s, 'test')
        returning article_id
        """,
        (
            article.newspaper,
            article.edition_date,
            article.page_no,
            article.page_name,
            article.url,
            article.title,
            article.edition_date,
            article.body,
            json.dumps([]),
            f"hash-{serial}",
            fetched,
        ),
    ).fetchone()[0]
    for version, hours, facts in article.extractions:
        extracted_at = datetime(2024, 1, 2, tzinfo=UTC).replace(hour=hours, minute=serial % 60)
        conn.execute(
            "insert into extract.article_extractions (article_id, extractor_version, fact_count, run_id, extracted_at)"
            " values (%s, %s, %s, 'test', %s)",
            (article_id, version, len(facts), extracted_at),
        )
        insert_facts(conn, article_id, version, facts, "test", extracted_at)
    return article_id


def load_initial(conn: psycopg.Connection) -> None:
    for serial, article in enumerate([*INITIAL, *REFETCHED, EMPTIED], start=1):
        insert_article(conn, article, serial)
    conn.execute(
        "insert into raw.editions (newspaper, edition_date, entry_url, status, page_count, article_count)"
        " values ('sjzrb', '2023-08-07', 'http://sjz.test/2023-08/07/', 'complete', 4, 12)"
    )
    conn.execute(
        "insert into raw.pages (newspaper, edition_date, page_no, page_name, url, http_status, content_hash,"
        " raw_html, fetched_at)"
        " values ('sjzrb', '2023-08-07', '01', '要闻', 'http://sjz.test/p1', 200, 'h', '<html/>', %s)",
        (T0,),
    )


def load_later(conn: psycopg.Connection) -> None:
    insert_article(conn, LATER_COMPLETED, 101)
    insert_article(conn, LATER_REFETCH, 102)


# --- a long synthetic history (for the incremental-vs-full-refresh test and timings) ---

HISTORY_REGIONS = [
    ("石家庄市", "130100"),
    ("赵县", "130133"),
    ("晋州市", "130183"),
    ("正定县", "130123"),
    ("鹿泉区", "130110"),
    ("石家庄经济技术开发区", None),
    ("唐山市", "130200"),
    ("保定市", "130600"),
    ("某某镇", None),  # never resolves: region_key null
]
HISTORY_STAGES = [GB, "under_construction", "completed", "signed", None]
HISTORY_MEASURES = ["total_investment", "planned_investment", "completed_investment"]


def history_articles(start: date, days: int, per_paper_day: int = 4, projects: int = 60) -> list[Article]:
    """Deterministic articles for `days` dates from `start`, both papers.

    Projects recur (a pool of `projects` names, written with and without
    company prefix or 项目 suffix) so that dim_project, figures and milestones
    aggregate over many dates; every third day has a 集中开工 with county items;
    every fifth article is re-extracted by a later extractor version.
    """
    from datetime import timedelta

    articles: list[Article] = []
    serial = 0
    for offset in range(days):
        day = start + timedelta(days=offset)
        for paper, host in (("sjzrb", "http://sjz.test"), ("hbrb", "https://hb.test")):
            for n in range(per_paper_day):
                serial += 1
                facts: list[Fact] = []
                if n == 0 and offset % 3 == 0:
                    event = day - timedelta(days=1)
                    facts.append(
                        Fact(
                            "石家庄市",
                            "130100",
                            "portfolio",
                            "total_investment",
                            50_000_000_000 + offset * 1_000_000,
                            project_count=100 + offset % 50,
                            stage=GB,
                            period_start=event,
                        )
                    )
                    facts.append(
                        Fact(
                            "赵县",
                            "130133",
                            "portfolio",
                            "total_investment",
                            1_000_000_000 + offset * 1000,
                            project_count=10,
                            stage=GB,
                        )
                    )
                    facts.append(
                        Fact(
                            "石家庄经济技术开发区",
                            None,
                            "portfolio",
                            "planned_investment",
                            700_000_000,
                            project_count=5,
                            stage=GB,
                        )
                    )
                for k in range(serial % 4):
                    p = (serial * 7 + k * 13) % projects
                    region, code = HISTORY_REGIONS[(p + k) % len(HISTORY_REGIONS)]
                    name = [f"第{p}号产业", f"“第{p}号产业”项目", f"河北某某有限公司第{p}号产业项目"][(serial + k) % 3]
                    facts.append(
                        Fact(
                            region,
                            code,
                            "project",
                            HISTORY_MEASURES[(serial + k) % 3],
                            float(100_000_000 * (1 + (p % 17)) + (serial % 5) * 10_000_000),
                            project_name=name,
                            stage=HISTORY_STAGES[(serial + k) % 5],
                            period_start=day - timedelta(days=k) if k == 2 else None,
                            approximate=bool(k % 2),
                        )
                    )
                extractions: list[tuple[str, int, list[Fact]]] = [("v1", 1, facts)]
                if serial % 5 == 0:  # a later extractor version drops the last fact
                    extractions.append(("v2", 2, facts[:-1]))
                articles.append(
                    Article(
                        paper,
                        day,
                        f"{host}/{day:%Y-%m/%d}/{n}.html",
                        f"报道{serial}",
                        extractions,
                        page_no=f"{n % 4 + 1:02d}",
                    )
                )
    return articles


def load_history(conn: psycopg.Connection, start: date, days: int, *, serial_base: int = 1000, **kwargs) -> int:
    """Insert history_articles(start, days) with their editions; returns the number of articles."""
    articles = history_articles(start, days, **kwargs)
    with conn.transaction():
        for offset, article in enumerate(articles):
            insert_article(conn, article, serial_base + offset)
        for day in sorted({a.edition_date for a in articles}):
            for paper in ("sjzrb", "hbrb"):
                conn.execute(
                    "insert into raw.editions (newspaper, edition_date, entry_url, status, page_count,"
                    " article_count, run_id) values (%s, %s, %s, 'complete', 4, %s, 'history')",
                    (
                        paper,
                        day,
                        f"http://{paper}.test/{day}/",
                        sum(1 for a in articles if a.edition_date == day and a.newspaper == paper),
                    ),
                )
    return len(articles)


def history_url(day: date, paper: str = "sjzrb", n: int = 0) -> str:
    host = {"sjzrb": "http://sjz.test", "hbrb": "https://hb.test"}[paper]
    return f"{host}/{day:%Y-%m/%d}/{n}.html"


def reextract(conn: psycopg.Connection, url: str, version: str, facts: list[Fact]) -> None:
    """A later extractor version re-reads the current version of `url` (extracted_at = now(), as in production)."""
    article_id = conn.execute("select max(article_id) from raw.articles where url = %s", (url,)).fetchone()[0]
    conn.execute(
        "insert into extract.article_extractions (article_id, extractor_version, fact_count, run_id)"
        " values (%s, %s, %s, 'reextract')",
        (article_id, version, len(facts)),
    )
    insert_facts(conn, article_id, version, facts, "reextract", None)


def add_changes(conn: psycopg.Connection, start: date, first_days: int, more_days: int) -> None:
    """What arrives after a build of `first_days` of history from `start`: every kind of change at once.

    More dates; the hand-written LATER reports; an old article fetched again
    (new content, not yet extracted, so its old facts stop counting); another
    re-read by a later extractor version with a different figure and stage;
    a county's item of the first 集中开工 date, reported late.
    """
    load_history(conn, start + timedelta(days=first_days), more_days, serial_base=50_000)
    load_later(conn)
    old = history_articles(start, 2)[4]  # hbrb, reports the first 集中开工
    insert_article(conn, replace(old, title="改版", extractions=[]), 90_001)
    reextract(
        conn,
        history_url(start + timedelta(days=3), "hbrb", 1),
        "v9",
        [
            Fact(
                "晋州市",
                "130183",
                "project",
                "total_investment",
                777_000_000,
                project_name="第7号产业",
                stage="completed",
            )
        ],
    )
    late = Article(
        "hbrb",
        start + timedelta(days=first_days + 2),
        "https://hb.test/late/1.html",
        "赵县补报",
        [
            (
                "v1",
                1,
                [
                    Fact(
                        "晋州市",
                        "130183",
                        "portfolio",
                        "total_investment",
                        900_000_000,
                        project_count=9,
                        stage=GB,
                        period_start=start - timedelta(days=1),
                    )
                ],
            )
        ],
    )
    insert_article(conn, late, 90_002)
