"""Figures that look like a project's or batch's investment but are not: size bands, category
subsets and completion against a portfolio's plan.

Why a module of its own: each shape is an amount right after an investment word, which is all
``facts.SentenceReader`` asks of a figure, yet the sentence around it says the amount is
something else.

- A size band (总投资超5亿元的项目17个、超10亿元的5个; 其中投资超10亿元的项目达4个) counts the
  projects above a threshold; the threshold is no investment of anyone.  The count may still
  announce a batch (亿元以上项目53个，总投资1102亿元), so only the amount is refused.
- A category subset (其中，先进制造业项目和现代服务业项目总投资X) is a part of the batch by
  trade: a portfolio figure with a category, not a project called "先进制造业项目".
- 完成市以上重点项目投资X (the verb before the batch noun, 投资 after it) is the batch's completed
  investment, not the total of a project called "完成市以上重点项目".
"""

from __future__ import annotations

import re

from xiangmu.vocabulary import CATEGORIES

from .numbers import COUNT_NUM, parse_count

# The amount is a threshold: 超/超过/逾/过/突破 before it or 以上 after it.
_OVER_BEFORE = ("超过", "超", "逾", "过", "突破")
# What follows a threshold that sizes projects: 的(项目)(达/有)N个, the batch noun maybe left out.
_BAND_TAIL = re.compile(
    rf"^(?:及以上|以上)?的?(?P<noun>[\u4e00-\u9fff“”\"]{{0,10}}?(?:项目|工程))?"
    rf"(?:共有|共计|共|有|达到|达|为)?\s*(?P<n>{COUNT_NUM})\s*(?:个|项)"
)
# Another threshold band in the same sentence (……、超10亿元的5个 / 10亿元以上项目4个).
_OTHER_BAND = re.compile(
    r"(?:超过|超|逾|过|突破)\s*[\d.一二三四五六七八九十百千]+\s*(?:万|亿)元(?:以上)?的|(?:万|亿)元以上"
)
# Before the threshold: the sentence already speaks of a batch this one is a part of.
_SUBSET = re.compile(
    rf"其中|这些项目中|上述项目中|(?:项目|工程)(?:共|共计|总数)?(?:达到|达|为|有)?\s*{COUNT_NUM}\s*(?:个|项)"
)


def size_band(word: str, money_text: str, after: str, before: str, earlier: str = "") -> bool:
    """Whether the amount ``money_text`` (after the keyword ``word``) is a size threshold.

    ``after`` is the clause after the amount, ``before`` the sentence before it, ``earlier``
    the sentences of the item before that.  投资超10亿元的项目2个 is always a band; with 总投资
    the same words may total a batch (总投资超320亿元的项目439项), so it is a band only when its
    noun is left out (超10亿元的5个), when it is a part of a batch named before it in the
    sentence (其中……) or of a larger batch named in the sentences before, or when the
    sentence lists other bands.
    """
    threshold = money_text.startswith(_OVER_BEFORE) or money_text.endswith("以上") or before.endswith(_OVER_BEFORE)
    if not threshold:
        return False
    tail = _BAND_TAIL.match(after)
    if tail is None:
        return False
    if "总" not in word or tail.group("noun") is None:
        return True
    if _SUBSET.search(before) or _OTHER_BAND.search(after[tail.end() :]) or _OTHER_BAND.search(before):
        return True
    counts = [parse_count(m.group("n") or m.group("m")) for m in _BATCH_COUNT.finditer(earlier[-200:])]
    count, larger = parse_count(tail.group("n")), counts[-1] if counts else None
    return count is not None and larger is not None and count < larger  # 开工项目85个……。总投资超5亿元的17个


# A batch's count: 开工项目85个 / 85个项目.
_BATCH_COUNT = re.compile(
    rf"(?:项目|工程)(?:共|共计|总数)?(?:达到|达|为|有)?\s*(?P<n>{COUNT_NUM})\s*(?:个|项)"
    rf"|(?P<m>{COUNT_NUM})\s*(?:个|项)[^，。；、,\d]{{0,8}}?(?:项目|工程)"
)
# One part of a category subset: a trade word ending in 业 or 类 or a category of the
# vocabulary (先进制造业项目, 基础设施类项目, 社会民生项目).
_TRADE_END = "|".join(sorted({"业", "类", *CATEGORIES}, key=len, reverse=True))
_CATEGORY_PART = rf"[\u4e00-\u9fff]{{0,10}}?(?:{_TRADE_END})(?:项目|工程)?"
_FIRM = re.compile(r"公司|集团|有限|股份")
_CATEGORY_LIST = re.compile(rf"^(?:{_CATEGORY_PART})(?:(?:和|及|与|、|以及)(?:{_CATEGORY_PART}))*$")


def category_subset(name: str) -> str | None:
    """The category a would-be project name denotes (先进制造业项目和现代服务业项目), else None.

    Returns the categories joined with 、 (one category: itself), for the fact's category.
    """
    if not name.endswith(("项目", "工程")) or not _CATEGORY_LIST.match(name):
        return None
    parts = [p for p in re.split(r"和|及|与|、|以及", name) if p]
    cats = [re.sub(r"(?:项目|工程)$", "", p) for p in parts]
    if len(cats) == 1 and cats[0] not in CATEGORIES and not cats[0].endswith("类"):
        return None  # 物流业项目, 华瑞农业项目: maybe a firm's project; only a known trade alone
    if any(_FIRM.search(c) or not 2 <= len(c) <= 10 for c in cats):
        return None
    return "、".join(cats)


# 完成(市以上)重点项目投资X / 完成旅游投资X: a measure verb before the batch noun or trade, 投资 right after it.
_VERB_OBJECT = re.compile(
    r"(?P<verb>(?:计划|预计)?(?:累计)?(?:完成|实现))了?"
    # (完成旅游投资X / 完成技改投资X: a trade's investment, done)
    r"(?P<obj>[^，。；、,;的]{0,14}?(?:项目|工程)|旅游|工业|技改|基础设施|交通|水利|能源|农业|文旅)的?$"
)


def verb_before_object(pre_kw: str) -> tuple[str, str, str] | None:
    """(measure, object, text before the verb) for ``……完成<batch noun>`` right before 投资, else None."""
    m = _VERB_OBJECT.search(pre_kw)
    if m is None:
        return None
    measure = "planned_investment" if m.group("verb").startswith(("计划", "预计")) else "completed_investment"
    return measure, m.group("obj"), pre_kw[: m.start()]
