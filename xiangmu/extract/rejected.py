"""Figures the extractor refuses, with the reason: kept for review instead of silently lost.

Why a scan of its own: the rules never emit an implausible figure (numbers.py bounds every
amount and count, and an impossible date gives no period), but a reader of the warehouse should
see what was refused and why, with offsets into the article.  This scan finds the same shapes
the rules read (an amount after an investment word, a count of projects, a day of a month)
whose value is out of bounds, in one linear pass per shape.

Reasons (their one home is ``xiangmu.vocabulary.REJECT_REASONS``): ``number_too_long`` (more
digits or numerals than any real figure), ``amount_too_large`` (above 100万亿元), ``count_too_large``
(above 10,000 projects), ``day_not_exist`` (13月5日, 2月30日).

One more is found by the rules themselves, not by this scan: ``place_unknown``, a well-formed
figure of a county's own text that never says which county it is (到我县观摩……总投资X).  Filing it
under the city the text mentions would be silent garbage; the reader hands it to ``refuse`` and a
caller that wants these wraps its extraction in ``collecting_refusals``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from .lexicon import words
from .limits import check_deadline
from .numbers import (
    _CN_CHARS,
    COUNT_NUM,
    CURRENCY_WORDS,
    MAX_PROJECT_COUNT,
    MAX_TOKEN_DIGITS,
    MAX_TOKEN_NUMERALS,
    SCALE_WORDS,
    FigureRejected,
    count_value,
    scan_money,
)
from .periods import MONTH_DAY

MAX_RAW_CHARS = 120  # a refused run of digits can be a megabyte long; store its head
MAX_PER_TEXT = 100  # a hostile page could hold thousands; the first hundred tell the story
_CONTEXT_BEFORE = 16
_EVIDENCE_BEFORE = 40

_INVESTMENT_CONTEXT = words("投资", "外资", "引资", "签约", "金额", "总额")
_PROJECT_CONTEXT = re.compile(r"项目")
# A run of digits or numerals longer than any real figure, then what it would count: money
# (numbers.py's scale and currency words), projects, or a month or day.
_RUN = (
    rf"(?<![\d.])\d{{{MAX_TOKEN_DIGITS + 1},}}+(?:\.\d++)?"
    rf"|(?<![{_CN_CHARS}点])[{_CN_CHARS}]{{{MAX_TOKEN_NUMERALS + 1},}}+(?:点[{_CN_CHARS}]++)?"
)
_MONEY_UNIT = f"(?:余|多)?(?:{SCALE_WORDS})?(?:余|多)?(?:{CURRENCY_WORDS})|(?:{SCALE_WORDS})"
_LONG_RUN = re.compile(f"(?:{_RUN})" + r"\s{0,3}" + f"(?:(?P<money>{_MONEY_UNIT})|(?P<count>个|项)|(?P<day>[月日]))")
_COUNT = re.compile(rf"(?P<n>{COUNT_NUM})(?:个|项)")
_MONTH_BEFORE = re.compile(rf"(?:\d{{4}}年)?{COUNT_NUM}月$")
_DAY = re.compile(r"(?:(?P<y>\d{4})年)?" + MONTH_DAY)


@dataclass(frozen=True)
class RejectedFigure:
    """One refused figure; ``text[char_start:char_end]`` is the figure (``raw_text`` is its head)."""

    kind: str  # amount | project_count | day
    reason: str
    detail: str
    raw_text: str
    evidence: str  # the figure with up to 40 characters before it
    char_start: int
    char_end: int


def _figure(text: str, kind: str, reason: str, detail: str, start: int, end: int) -> RejectedFigure:
    raw = text[start:end][:MAX_RAW_CHARS]
    return RejectedFigure(
        kind, reason, detail, raw, text[max(0, start - _EVIDENCE_BEFORE) : start] + raw, start, end
    )


def _in_context(text: str, start: int, end: int, pattern: re.Pattern[str], after: bool = False) -> bool:
    if pattern.search(text, max(0, start - _CONTEXT_BEFORE), start):
        return True
    return after and bool(pattern.search(text, end, end + _CONTEXT_BEFORE + 4))


def _amounts(text: str) -> list[RejectedFigure]:
    out = []
    for m, _money, rejected in scan_money(text):
        check_deadline()
        if rejected is not None and _in_context(text, m.start(), m.end(), _INVESTMENT_CONTEXT):
            out.append(_figure(text, "amount", rejected.reason, rejected.detail, m.start("num"), m.end()))
    return out


def _long_runs(text: str) -> list[RejectedFigure]:
    out = []
    for m in _LONG_RUN.finditer(text):
        check_deadline()
        kind = "amount" if m.group("money") else "project_count" if m.group("count") else "day"
        if kind == "amount" and not _in_context(text, m.start(), m.end(), _INVESTMENT_CONTEXT):
            continue
        if kind == "project_count" and not _in_context(text, m.start(), m.end(), _PROJECT_CONTEXT, after=True):
            continue
        run = len(m.group(0)) - len(m.group("money") or m.group("count") or m.group("day"))
        start = m.start()
        if m.group("day") == "日":  # 5月999…日: the figure is the whole date
            month = _MONTH_BEFORE.search(text[max(0, start - 30) : start])
            start -= len(month.group(0)) if month else 0
        out.append(_figure(text, kind, "number_too_long", f"a run of {run} characters", start, m.end()))
    return out


_Read = tuple[re.Match[str], list[int], FigureRejected | None]


def _numbers(pattern: re.Pattern[str], text: str, *groups: str) -> Iterator[_Read]:
    """Each match of ``pattern`` with the values of its number ``groups``, or why they are
    refused (then the values are empty); a match whose groups are no number is skipped."""
    for m in pattern.finditer(text):
        check_deadline()
        try:
            values = [count_value(m.group(g)) for g in groups]
        except FigureRejected as exc:
            yield m, [], exc
        except (ValueError, KeyError):
            continue
        else:
            yield m, values, None


def _counts(text: str) -> list[RejectedFigure]:
    out = []
    for m, _values, exc in _numbers(_COUNT, text, "n"):
        if exc is not None and _in_context(text, m.start(), m.end(), _PROJECT_CONTEXT, after=True):
            out.append(_figure(text, "project_count", exc.reason, exc.detail, m.start(), m.end()))
    return out


def _days(text: str) -> list[RejectedFigure]:
    out = []
    for m, values, exc in _numbers(_DAY, text, "m", "d"):
        if exc is not None:
            reason = exc.reason if exc.reason == "number_too_long" else "day_not_exist"
            out.append(_figure(text, "day", reason, exc.detail, m.start(), m.end()))
            continue
        month, day = values
        year = int(m.group("y")) if m.group("y") else 2024  # no year stated: allow 2月29日
        if not 1 <= month <= 12:
            out.append(_figure(text, "day", "day_not_exist", f"month {month}", m.start(), m.end()))
        elif not 1 <= day <= calendar.monthrange(max(year, 1), month)[1]:
            out.append(_figure(text, "day", "day_not_exist", f"day {day} of month {month}", m.start(), m.end()))
    return out


def find_rejected(text: str) -> list[RejectedFigure]:
    """The out-of-bounds figures of ``text`` in text order (at most ``MAX_PER_TEXT``)."""
    found = _amounts(text) + _long_runs(text) + _counts(text) + _days(text)
    found.sort(key=lambda r: (r.char_start, r.char_end))
    return found[:MAX_PER_TEXT]


_Refusals = list[tuple[str, RejectedFigure]]
_sink: ContextVar[_Refusals | None] = ContextVar("xiangmu_extract_refusals", default=None)


@contextmanager
def collecting_refusals() -> Iterator[_Refusals]:
    """Collect the figures the rules refuse inside the block, each with the text it indexes
    (a continued story's parts are read together: keep the part you asked for)."""
    found: _Refusals = []
    token = _sink.set(found)
    try:
        yield found
    finally:
        _sink.reset(token)


def refuse(text: str, start: int, end: int, reason: str, detail: str) -> None:
    """Record that the amount at ``text[start:end]`` was refused (nothing happens outside
    ``collecting_refusals``: the CLI and the scorer only print facts)."""
    found = _sink.get()
    if found is not None and len(found) < MAX_PER_TEXT:
        found.append((text, _figure(text, "amount", reason, detail, start, end)))


def refused_in(text: str, refusals: _Refusals) -> list[RejectedFigure]:
    """The refusals that index ``text``, with the scan's own (``find_rejected``), in text order."""
    found = find_rejected(text) + [r for t, r in refusals if t == text]
    found.sort(key=lambda r: (r.char_start, r.char_end))
    return found[:MAX_PER_TEXT]


__all__ = ["MAX_PROJECT_COUNT", "RejectedFigure", "collecting_refusals", "find_rejected", "refuse", "refused_in"]
