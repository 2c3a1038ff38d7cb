"""Resolve relative period phrases (上半年, 1-8月, 8月6日, 今年以来) against the publish date."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .numbers import COUNT_NUM, parse_count

Period = tuple[dt.date, dt.date]

_YEAR = r"(?:(?P<y>\d{4})年|(?P<rel>今年|去年|上年|明年))?"
MONTH_DAY = rf"(?P<m>{COUNT_NUM})月(?P<d>{COUNT_NUM})日"  # 9月5日 (rejected.py refuses 13月5日 with it)
_DAY_RE = re.compile(_YEAR + MONTH_DAY)
# The part of every _DAY_RE match after the month's number (月5日): found fast, as it opens with
# a literal, so a text with no day date skips _DAY_RE, which is tried at every character.
_DAY_TAIL = re.compile(rf"月{COUNT_NUM}日")
_MONTHS_RE = re.compile(_YEAR + rf"(?P<a>{COUNT_NUM})(?:月份?)?\s*(?:-|—|－|–|~|～|至|到)\s*(?P<b>{COUNT_NUM})月")
_UNTIL_RE = re.compile(r"截至" + _YEAR + rf"(?P<m>{COUNT_NUM})月(?:底|末)")
_HALF_RE = re.compile(_YEAR + r"(?P<h>上半年|下半年)")
_FIRST_QUARTERS_RE = re.compile(_YEAR + r"前(?P<q>[一二三四1234])(?:个)?季度")
_QUARTER_RE = re.compile(_YEAR + r"(?<!前)(?:第)?(?P<q>[一二三四1234])季度")
_FIRST_MONTHS_RE = re.compile(_YEAR + rf"前(?P<n>{COUNT_NUM})个月")
_MONTH_RE = re.compile(_YEAR + rf"(?<![至到\-—－–~～\d])(?P<m>{COUNT_NUM})月(?:份(?!\s*[-—－–~～至到])|(?=[，,]))")
_SINCE_RE = re.compile(r"今年以来|年初以来|今年前|截至目前|截至今年")
_YEAR_ONLY_RE = re.compile(r"(?P<y>\d{4})年(?!\d|\s*[一二三四1234]?季度|上半年|下半年)|(?P<rel>今年|全年|去年|上年)")

# 全年计划投资 / 全年目标: a plan for the current year, whenever it is stated.
_PLAN_AFTER = re.compile(r"[^，。；,;]{0,8}?(?:计划|预计|目标|任务|力争|将|拟|预期)")

_Q = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _year(m: re.Match[str], published: dt.date) -> int:
    if m.groupdict().get("y"):
        return int(m.group("y"))
    rel = m.groupdict().get("rel")
    if rel in ("去年", "上年"):
        return published.year - 1
    if rel == "明年":
        return published.year + 1
    return published.year


def _month_end(y: int, mth: int) -> dt.date:
    return dt.date(y, mth, calendar.monthrange(y, mth)[1])


def find_period(text: str, published: dt.date) -> Period | None:
    """The most specific period stated in ``text``; None when it states none."""
    try:
        return _find(text, published)
    except ValueError:  # impossible dates such as 2月30日
        return None


def _find(text: str, published: dt.date) -> Period | None:
    # Each pattern needs a character of its own (月, 季度, 半年, 年 ...): looked for first,
    # since most sentences state no period and regex searches are the reader's main cost.
    month, year = "月" in text, "年" in text
    for m in _DAY_RE.finditer(text) if month and "日" in text and _DAY_TAIL.search(text) else ():
        mth, day = parse_count(m.group("m")), parse_count(m.group("d"))
        if mth and day and 1 <= mth <= 12:
            y = _year(m, published)
            if not (m.group("y") or m.group("rel")) and mth > published.month:
                y -= 1  # "12月20日" in a January paper is last December
            d = dt.date(y, mth, day)
            return d, d
    m = _MONTHS_RE.search(text) if month else None
    if m:
        a, b = parse_count(m.group("a")), parse_count(m.group("b"))
        if a and b and 1 <= a <= b <= 12:
            y = _year(m, published)
            if not (m.group("y") or m.group("rel")) and a > published.month:
                y -= 1  # 1-11月 in a January paper: last year's months (a span yet to begin is no report)
            end = _month_end(y, b)
            return dt.date(y, a, 1), min(end, published) if end >= published >= dt.date(y, b, 1) else end
    # 截至N月底 and 前N个月 both mean January 1 to the end of month N.
    for regex, group in ((_UNTIL_RE, "m"), (_FIRST_MONTHS_RE, "n")):
        m = regex.search(text) if month else None
        if m:
            mth = parse_count(m.group(group))
            if mth and 1 <= mth <= 12:
                y = _year(m, published)
                if not (m.group("y") or m.group("rel")) and mth > published.month:
                    y -= 1  # 截至11月底 in a January paper: last November
                return dt.date(y, 1, 1), _month_end(y, mth)
    m = _MONTH_RE.search(text) if month else None
    if m:
        mth = parse_count(m.group("m"))
        if mth and 1 <= mth <= 12:
            y = _year(m, published)
            if not (m.group("y") or m.group("rel")) and mth > published.month:
                y -= 1
            if text.startswith("以来", m.end()) and dt.date(y, mth, 1) <= published:
                return dt.date(y, mth, 1), published  # 5月份以来
            return dt.date(y, mth, 1), _month_end(y, mth)
    m = _HALF_RE.search(text) if "半年" in text else None
    if m:
        y = _year(m, published)
        if m.group("h") == "上半年":
            return dt.date(y, 1, 1), dt.date(y, 6, 30)
        return dt.date(y, 7, 1), dt.date(y, 12, 31)
    quarter = "季度" in text
    m = _FIRST_QUARTERS_RE.search(text) if quarter else None
    if m:
        y, q = _year(m, published), _Q[m.group("q")]
        return dt.date(y, 1, 1), _month_end(y, 3 * q)
    m = _QUARTER_RE.search(text) if quarter else None
    if m:
        y, q = _year(m, published), _Q[m.group("q")]
        return dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
    if ("以来" in text or "截至" in text or "今年前" in text) and _SINCE_RE.search(text):
        return dt.date(published.year, 1, 1), published
    m = _YEAR_ONLY_RE.search(text) if year else None
    if m:
        y = _year(m, published)
        if m.group("rel") == "全年" and published.month == 1 and not _PLAN_AFTER.match(text, m.end()):
            y -= 1  # 全年完成投资X in a January paper recaps the year just ended
        if y == published.year and m.group("rel") == "今年":
            return dt.date(y, 1, 1), published
        if text.startswith(("起", "以来"), m.end()) and y < published.year:
            return dt.date(y, 1, 1), published  # 自2013年起 / 2016年以来: all the years since
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    return None


def find_event_date(text: str, published: dt.date) -> dt.date | None:
    """The first day-precise date in ``text`` (the day a news item's event happened)."""
    day = _DAY_RE.search(text) if _DAY_TAIL.search(text) else None
    p = find_period(day.group(0), published) if day else None
    return p[0] if p else None
