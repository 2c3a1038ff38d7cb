"""Numerals and money amounts as newspapers write them (977.5亿元, 三千万元, 4.2亿美元)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN_DIGITS = {
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
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}

CN_NUM = "[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?"
AR_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
NUM = f"(?:{AR_NUM}|{CN_NUM})"

# ISO codes for currencies other than yuan; amounts in them are never converted silently.
CURRENCIES = {
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

_APPROX_BEFORE = r"(?P<pre>约|近|超过|超|逾|达?近|大约|将近|接近|突破)?"
MONEY_RE = re.compile(
    _APPROX_BEFORE
    + rf"(?P<num>{NUM})\s*(?P<more>余|多)?\s*(?P<scale>万亿|千亿|百亿|十亿|千万|百万|十万|亿|万)?"
    + rf"(?P<more2>余|多)?(?P<cur>元人民币|元|{_CUR_ALT}|(?<=亿)(?![元\u4e00-\u9fff]))"
    + r"(?P<post>以上|左右|多)?"
)


def parse_cn_int(s: str) -> int:
    """Chinese integer without 万/亿 (e.g. 三百五十, 十二, 一〇八)."""
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
    """Arabic (with thousands commas) or Chinese numeral, possibly with a 点 decimal part."""
    s = s.strip()
    if re.fullmatch(AR_NUM, s):
        return float(s.replace(",", ""))
    if "点" in s:
        whole, frac = s.split("点", 1)
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


def find_money(text: str) -> list[Money]:
    out: list[Money] = []
    for m in MONEY_RE.finditer(text):
        try:
            num = parse_number(m.group("num"))
        except (ValueError, KeyError):
            continue
        scale = m.group("scale") or ""
        cur_word = m.group("cur")
        if cur_word == "" and scale not in ("亿", "万亿", "千亿", "百亿", "十亿"):
            continue  # a bare 万 without 元 is too ambiguous (people, square metres)
        currency = CURRENCIES.get(cur_word, "CNY") if cur_word else "CNY"
        approx = bool(m.group("pre") or m.group("more") or m.group("more2") or m.group("post"))
        out.append(Money(_round(num * _SCALE[scale]), currency, approx, m.start(), m.end(), m.start("num")))
    return out


COUNT_NUM = f"(?:\\d+|{CN_NUM})"


def parse_count(s: str) -> int | None:
    try:
        return int(parse_number(s))
    except (ValueError, KeyError):
        return None
