"""Numerals and money amounts as newspapers write them (977.5亿元, 三千万元, 4.2亿美元).

Why every number is bounded: the extractor reads whatever the e-paper prints, and a run of
hundreds of digits once overflowed float conversion, a project count of 2^31 overflowed the
warehouse column, and unbounded number tokens made the patterns backtrack quadratically.  Number
tokens are matched atomically (no backtracking into them), never start inside another number and
are capped in length; parsed values above the bounds below are refused (``FigureRejected``), so
no fact can carry them (see ``rejected.py`` for how refused figures are recorded).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from xiangmu.vocabulary import CN_DIGITS as _CN_DIGITS
from xiangmu.vocabulary import CN_UNITS as _CN_UNITS
from xiangmu.vocabulary import FOREIGN_CURRENCIES

from .limits import check_deadline

# Bounds of what a fact may state.  100万亿元 is about China's GDP: no project or portfolio
# a Hebei paper reports comes near it, so anything larger is a misprint or garbage.
MAX_AMOUNT = 1e14
MAX_PROJECT_COUNT = 10_000
# Longest number token the patterns match; longer runs are no number (rejected.py records them).
MAX_TOKEN_DIGITS = 24
MAX_TOKEN_NUMERALS = 12
MAX_DECIMALS = 8
# Integer digits a parsed number may have (1e16 > MAX_AMOUNT even without 万/亿).
MAX_INT_DIGITS = 16


class FigureRejected(ValueError):
    """A figure outside the bounds; ``reason`` is a short code stored with the rejection."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


_CN_CHARS = "".join(_CN_DIGITS) + "".join(_CN_UNITS)  # 零〇一二两三四五六七八九十百千
# Atomic groups (?>...) and the look-behinds keep matching linear: a token is tried once, at
# the start of its run, and never re-split when what follows it does not match.
CN_NUM = (
    rf"(?<![{_CN_CHARS}点])(?>[{_CN_CHARS}]{{1,{MAX_TOKEN_NUMERALS}}}"
    rf"(?:点[零〇一二三四五六七八九]{{1,{MAX_DECIMALS}}})?)(?![{_CN_CHARS}])"
)
AR_NUM = (
    rf"(?<![\d.])(?<!\d,)(?>\d{{1,{MAX_TOKEN_DIGITS}}}(?:,\d{{3}}){{0,8}}(?:\.\d{{1,{MAX_DECIMALS}}})?)(?![\d.])"
)
NUM = rf"(?=[\d{_CN_CHARS}])(?:{AR_NUM}|{CN_NUM})"
_AR_FULL = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")

# ISO codes for currencies other than yuan; amounts in them are never converted silently.
CURRENCIES = FOREIGN_CURRENCIES
_CUR_ALT = "|".join(sorted(CURRENCIES, key=len, reverse=True))
_SCALE = {
    "": 1,
    "万": 1e4,
    "十万": 1e5,
    "百万": 1e6,
    "千万": 1e7,
    "亿": 1e8,
    "十亿": 1e9,
    "百亿": 1e10,
    "千亿": 1e11,
    "万亿": 1e12,
}

# The scale words (longest first: 万亿 before 万) and currency words after an amount.
SCALE_WORDS = "|".join(sorted(filter(None, _SCALE), key=len, reverse=True))
# 亿人民币 / 万人民币 (no 元) is yuan too, but only after a scale word (``scan_money``).
CURRENCY_WORDS = f"元人民币|元|人民币|{_CUR_ALT}"
# What may follow 亿 when no 元 does: not a unit of something else (1.2亿人次, 3亿立方米; 2亿美元
# is the currency's).  投资1.2亿建设甲项目 / 总投资109.23亿续建项目 are yuan: the papers drop 元
# before a verb or noun, and a figure becomes a fact only after an investment keyword anyway.
# (A bare 万 stays no amount at all: ``scan_money``.)
_UNIT_CHARS = (
    "人次户吨千百十立平方亩株头只套台辆件美欧日港英韩澳卢瓦度斤公里米升个年粒册张份条棵字余多股桶箱标"
    "座间床所家位名篇项批期倍成层栋块片支瓶盒袋双颗枚部羽尾盏组根克"
)
_APPROX_BEFORE = r"(?P<pre>约|近|不超过|超过|超|逾|达?近|大约|将近|接近|突破)?"  # (不超过X: a ceiling)
MONEY_RE = re.compile(
    _APPROX_BEFORE
    + rf"(?P<num>{NUM})\s*(?P<more>余|多)?\s*(?P<scale>{SCALE_WORDS})?"
    # One stray space may stand inside the unit (48.76亿 元), as the e-paper's line breaks leave it.
    + rf"(?P<more2>余|多)?[ \u3000]?(?P<cur>{CURRENCY_WORDS}|(?<=亿)(?![元{_UNIT_CHARS}]))"
    + r"(?P<post>以上|左右|多)?"
)


def parse_cn_int(s: str) -> int:
    """Chinese integer without 万/亿 (e.g. 三百五十, 十二, 一〇八)."""
    if len(s) > MAX_TOKEN_NUMERALS:
        raise FigureRejected("number_too_long", f"{len(s)} numerals")
    if s and all(ch in _CN_DIGITS for ch in s):  # digit-by-digit style: 二〇二三
        return int("".join(str(_CN_DIGITS[ch]) for ch in s))
    total, digit = 0, None
    for ch in s:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        else:
            raise ValueError(s)
    return total + (digit or 0)


def parse_number(s: str) -> float:
    """Arabic (with thousands commas) or Chinese numeral, possibly with a 点 decimal part.

    Raises ``FigureRejected`` (a ValueError) for a number too long to be a real figure.
    """
    s = s.strip()
    if _AR_FULL.fullmatch(s):
        whole, _, frac = s.replace(",", "").partition(".")
        digits = len(whole.lstrip("0"))
        if digits > MAX_INT_DIGITS or len(frac) > MAX_DECIMALS:
            raise FigureRejected("number_too_long", f"{digits} integer digits, {len(frac)} decimals")
        return float(s.replace(",", ""))
    if "点" in s:
        whole, frac = s.split("点", 1)
        if len(frac) > MAX_DECIMALS:
            raise FigureRejected("number_too_long", f"{len(frac)} decimals")
        return parse_cn_int(whole) + float("0." + "".join(str(_CN_DIGITS[c]) for c in frac))
    return float(parse_cn_int(s))


@dataclass(frozen=True)
class Money:
    """An amount in its own currency; ``start``/``end`` index the searched string."""

    value: float
    currency: str
    approximate: bool
    start: int
    end: int
    num_start: int


def _round(v: float) -> float:
    r = round(v, 2)
    return float(int(r)) if r == int(r) else r


# What every MONEY_RE match holds: a numeral, and a currency word or 亿.  MONEY_RE is tried at
# every character; these two scans rule most clauses (no figure at all) out much faster.
_NUMERAL = re.compile(rf"[\d{_CN_CHARS}]")
_UNIT = re.compile(rf"{CURRENCY_WORDS}|亿")


def scan_money(text: str) -> Iterator[tuple[re.Match[str], Money | None, FigureRejected | None]]:
    """Every amount-shaped match: its Money, or why it was refused (None, None: not money)."""
    if _NUMERAL.search(text) is None or _UNIT.search(text) is None:
        return
    for m in MONEY_RE.finditer(text):
        scale = m.group("scale") or ""
        cur_word = m.group("cur")
        if cur_word == "" and scale not in ("亿", "万亿", "千亿", "百亿", "十亿"):
            continue  # a bare 万 without 元 is too ambiguous (people, square metres)
        if cur_word == "人民币" and not scale:
            continue  # 人民币 alone names the currency of the figure after it (人民币5亿元)
        try:
            num = parse_number(m.group("num"))
        except FigureRejected as exc:
            yield m, None, exc
            continue
        except (ValueError, KeyError):
            continue
        value = num * _SCALE[scale]
        if not value <= MAX_AMOUNT:  # also refuses nan
            yield m, None, FigureRejected("amount_too_large", f"{value:.4g} > {MAX_AMOUNT:.0e}")
            continue
        currency = CURRENCIES.get(cur_word, "CNY") if cur_word else "CNY"
        approx = bool(m.group("pre") or m.group("more") or m.group("more2") or m.group("post"))
        yield m, Money(_round(value), currency, approx, m.start(), m.end(), m.start("num")), None


def find_money(text: str) -> list[Money]:
    """Amounts in ``text`` within the bounds; refused ones are left out.  A foreign amount with
    its yuan value in brackets after it is that one yuan amount (the figure the marts sum)."""
    out: list[Money] = []
    for _m, money, _rejected in scan_money(text):
        check_deadline()
        if money is None:
            continue
        prev = out[-1] if out else None
        if prev is not None and prev.currency != "CNY" and money.currency == "CNY":
            opened = _YUAN_OPEN.fullmatch(text, prev.end, money.start)
            closed = _YUAN_CLOSE.match(text, money.end)
            if opened and closed:  # 1.8亿美元(12.78亿元人民币): one amount, its yuan value stated
                out[-1] = Money(money.value, "CNY", money.approximate, prev.start, closed.end(), prev.num_start)
                continue
        out.append(money)
    return out


# A foreign amount's yuan value in brackets right after it: (约12.78亿元人民币) / （折合人民币3亿元）.
_YUAN_OPEN = re.compile(r"\s*[（(]\s*(?:约合|折合|合|约)?\s*(?:人民币)?\s*")
_YUAN_CLOSE = re.compile(r"\s*(?:人民币)?\s*[）)]")


# Counts are whole numbers: 1,200个 is one count, and 1.5个 or the 200 of 1,200 is none.
# The leading look-ahead is only for speed: most positions fail on it at once.
COUNT_NUM = (
    rf"(?=[\d{_CN_CHARS}])"
    rf"(?:(?<![\d.])(?<!\d,)(?>\d{{1,{MAX_TOKEN_DIGITS}}}(?:,\d{{3}}){{0,8}})(?![\d.])|{CN_NUM})"
)

# Where a count of things ends: its last numeral, then 个 or 项 (every COUNT_NUM ends with a digit
# or a Chinese numeral).  A cheap test before the slower patterns that need such a count.
COUNT_END = re.compile(rf"[\d{_CN_CHARS}]\s*[个项]")


def count_value(s: str) -> int:
    """A count (of projects, or a month or day number); ``FigureRejected`` beyond MAX_PROJECT_COUNT."""
    value = parse_number(s)
    if not 0 <= value <= MAX_PROJECT_COUNT:
        raise FigureRejected("count_too_large", f"{value:.4g} > {MAX_PROJECT_COUNT}")
    return int(value)


def parse_count(s: str) -> int | None:
    """A count within the bounds, else None (see ``count_value`` for the reason)."""
    try:
        return count_value(s)
    except (ValueError, KeyError):
        return None
