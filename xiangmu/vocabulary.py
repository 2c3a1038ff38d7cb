"""The project's vocabularies: the one place that lists each set of codes and words.

A fact's ``measure``, ``stage`` and ``subject`` and its ``currency`` take their
codes from here; the extractor reads the stage cues, the category words, the
continued-story markers and the Chinese digits from here; the GX suites check
facts against these codes (``expectations.suites``); and dbt tests the marts
against the seeds ``tools/generate_seeds.py`` writes from this module
(``dbt_project/seeds/measures.csv`` ...), so a code added here and not
regenerated fails ``tests/test_vocabulary.py`` instead of drifting.

Why code and not a data file: the extractor needs the cues as regular
expressions and the digits as a mapping at import time, and a module is what
every layer (scrapers, extractor, quality, tools) can import without I/O.
It imports nothing of the project: it is the bottom layer.
"""

from __future__ import annotations

from typing import NamedTuple


class Term(NamedTuple):
    """One code of a vocabulary, with the Chinese the papers use for it and what it means.

    ``cue`` is the regular expression of the words that announce the term in text,
    where the extractor detects it by words (the stages).
    """

    code: str
    label_zh: str
    description: str
    cue: str = ""


def codes(terms: tuple[Term, ...]) -> tuple[str, ...]:
    return tuple(t.code for t in terms)


def _table(text: str) -> tuple[Term, ...]:
    """Terms from lines of ``code | label_zh | description`` (a cue-less vocabulary as a table).

    A line with more or fewer than three cells raises ValueError at import.
    """
    terms = []
    for line in text.strip().splitlines():
        code, label_zh, description = (cell.strip() for cell in line.split("|"))
        terms.append(Term(code, label_zh, description))
    return tuple(terms)


# ---------------------------------------------------------------- facts
MEASURES = _table("""
    total_investment     | 总投资   | Total investment of a project or of a group of projects.
    planned_investment   | 计划投资 | Investment planned for a period (年度计划投资, 年度投资目标).
    completed_investment | 完成投资 | Investment completed (spent) so far or within a period.
    foreign_investment   | 利用外资 | Foreign capital used or contracted.
""")

#: In detection order: the first stage whose cue matches a clause is its stage
#: (签约 wins over 开工 in 签约开工; 竣工 not before 后: 建成后 looks ahead).
STAGES: tuple[Term, ...] = (
    Term("signed", "签约", "Signed (an agreement or contract).", r"签约|签订|签署"),
    # (早开工 / 促开工 / 尽快开工: a goal in a plan or work report, not a start that took place)
    Term("groundbreaking", "开工", "Construction starting (集中开工).", r"(?<![早促])(?<!尽快)开工"),
    Term("completed", "竣工", "Completed, in production or at full output.", r"(?:竣工|投产|达效|建成)(?!后)"),
    Term(
        "under_construction", "在建", "Under construction (在建, 续建).",
        r"在建|续建|实施建设|(?<!重点)建设项目|施工",
    ),
    Term(
        "reserve", "储备", "Reserve or preparatory projects (储备, 前期, 谋划).",
        r"储备|前期项目|谋划(?!实施|推进|建设|重点|省|市)",
    ),
    Term("key_project", "重点项目", "A key project list (省/市重点项目).", r"重点(?:建设)?项目"),
    Term("introduced", "引进", "Attracted or brought in (招商引资, 落地, 落户).", r"引进|招引|落地|落户"),
)

SUBJECTS = _table("""
    portfolio | 项目群   | A group of projects (a place's total, a batch, a list).
    project   | 单个项目 | One named project.
""")

#: Sector words a batch is qualified by (某市安排工业类项目N个), most specific first:
#: the first that ends the words before the count is the batch's category.
CATEGORIES: tuple[str, ...] = (
    "战略性新兴产业",
    "高新技术产业",
    "先进制造业",
    "现代服务业",
    "农业产业化",
    "基础设施",
    "社会事业",
    "民生",
    "工业",
    "农业",
    "服务业",
    "制造业",
    "城建",
    "文旅",
    "新基建",
    "技改",
)

# ---------------------------------------------------------------- places
#: Kinds of place in the gazetteer (xiangmu.extract.gazetteer) and the region seed.
REGION_TYPES = _table("""
    province    | 省     | The province (河北省).
    city        | 地级市 | A prefecture-level city (石家庄市).
    county      | 县     | A county (正定县).
    district    | 市辖区 | A city district (长安区).
    county_city | 县级市 | A county-level city (晋州市).
    zone        | 开发区 | A development zone or new area, with no administrative code (石家庄高新区, 雄安新区).
""")

# ---------------------------------------------------------------- refused figures
#: Why the extractor refused a figure (extract.rejected_figures.reason; xiangmu.extract.rejected).
REJECT_REASONS = _table("""
    number_too_long  | 数字过长   | More digits or numerals than any real figure.
    amount_too_large | 金额过大   | An amount above 100万亿元.
    count_too_large  | 项目数过多 | A project count above 10,000.
    day_not_exist    | 日期不存在 | A day that does not exist, such as 13月5日 or 2月30日.
    place_unknown    | 地点不明   | A text speaking as 我县, or 我市 in the provincial paper, never says which it is.
""")

# ---------------------------------------------------------------- editions
#: What became of one newspaper's edition of one date (raw.editions.status).
EDITION_STATUSES = _table("""
    complete       | 完整     | Every page and article was fetched and staged.
    no_edition     | 无报     | The paper published no edition that day.
    partial        | 部分     | Some pages or articles failed; the rest is staged.
    failed         | 失败     | The edition could not be fetched.
    layout_changed | 版式变化 | The markup no longer looks like an edition (scrapers.drift); never complete.
""")

# ---------------------------------------------------------------- money
#: Currency of every amount the text states in 元 (and the warehouse's default).
YUAN = "CNY"
#: ISO codes of currencies other than yuan, by the words the papers write; amounts in
#: them are never converted silently.
FOREIGN_CURRENCIES: dict[str, str] = {
    "美元": "USD",
    "欧元": "EUR",
    "日元": "JPY",
    "港元": "HKD",
    "港币": "HKD",
    "英镑": "GBP",
    "韩元": "KRW",
    "澳元": "AUD",
    "新加坡元": "SGD",
    "卢布": "RUB",
}


def currency_codes() -> tuple[str, ...]:
    """Every currency a fact may carry: yuan first, then the foreign ones in the order above."""
    return (YUAN, *dict.fromkeys(FOREIGN_CURRENCIES.values()))


# ---------------------------------------------------------------- numerals
#: Chinese digits as the papers write them (二〇二三, 第一版, 两千); 两 is 2.
CN_DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
#: Units below 万 (万 and 亿 scale whole amounts: xiangmu.extract.numbers).
CN_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}

# ---------------------------------------------------------------- layout
#: Words of the jump markers of a story printed in parts: （上接第一版） opens the later
#: part, （下转第二版） ends the earlier one.  Layout, never content or evidence.
CONTINUED_FROM_WORDS: tuple[str, ...] = ("上接", "接上", "紧接")
CONTINUED_TO_WORDS: tuple[str, ...] = ("下转", "转")
#: Regex of a marker's opening bracket and word; each reader adds the page part it needs.
CONTINUED_FROM_OPEN = r"[（(]\s*(?:" + "|".join(CONTINUED_FROM_WORDS) + ")"
CONTINUED_TO_OPEN = r"[（(]\s*(?:" + "|".join(CONTINUED_TO_WORDS) + ")"
