"""What bounds the extractor's work on one article: sentence length and a time budget.

Why a sentence cap: the rules look back over the sentence before each figure (place, period,
stage), so a "sentence" of 64 KB without a full stop made that look-back quadratic.  Real
sentences are far shorter (the longest of ~900 in our real texts has 312 characters and 9
investment words); longer or denser ones are read in chunks of at most ``MAX_SENTENCE_CHARS``
characters and ``MAX_SENTENCE_KEYWORDS`` investment words, cut after a clause mark where there
is one.  The time per character is then bounded by a constant, whatever the text.

Why a cooperative deadline: extraction runs inside Airflow workers, whose tasks may run in
threads where signals (SIGALRM) cannot be used.  The reader checks ``check_deadline()`` as it
goes; a context variable holds the deadline, so concurrent threads each have their own.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

MAX_SENTENCE_CHARS = 400
# Investment words per chunk: each figure after one is read with a look back over its chunk, so
# a chunk dense with figures costs the square of its figures.  Real sentences hold at most ~10.
MAX_SENTENCE_KEYWORDS = 16
_KEYWORDS = re.compile(r"投资|外资|签约|引资")
_CLAUSE_MARKS = "，；,;、：: \u3000"
_NUMBER_CHARS = set("0123456789.,零〇一二两三四五六七八九十百千万亿点")

_deadline: ContextVar[float | None] = ContextVar("xiangmu_extract_deadline", default=None)


class ExtractionTimeout(TimeoutError):
    """The article took longer than its time budget."""


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Give the work inside at most ``seconds`` (None: no limit); an inner budget never extends an outer one."""
    if seconds is None:
        yield
        return
    outer = _deadline.get()
    deadline = time.monotonic() + seconds
    token = _deadline.set(deadline if outer is None else min(outer, deadline))
    try:
        yield
    finally:
        _deadline.reset(token)


def check_deadline() -> None:
    """Raise ``ExtractionTimeout`` once the current budget is spent (cheap: one clock read)."""
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() > deadline:
        raise ExtractionTimeout(f"extraction exceeded its time budget by {time.monotonic() - deadline:.2f} s")


def _cut(text: str, start: int, hard: int) -> int:
    """Where to end a chunk of ``text`` that must end by ``hard``: after a clause mark, else not in a number."""
    floor = start + (hard - start) // 2
    for i in range(hard, floor, -1):
        if text[i - 1] in _CLAUSE_MARKS:
            return i
    for i in range(hard, floor, -1):
        if text[i - 1] not in _NUMBER_CHARS and text[i] not in _NUMBER_CHARS:
            return i
    return hard  # a run of digits longer than a sentence is no figure anyway


def _keyword_limit(text: str, start: int, stop: int) -> int | None:
    """Start of the keyword one past ``MAX_SENTENCE_KEYWORDS`` in ``text[start:stop]``, if any."""
    if len(_KEYWORDS.findall(text, start, stop)) <= MAX_SENTENCE_KEYWORDS:
        return None  # the common case, counted in one call
    for n, m in enumerate(_KEYWORDS.finditer(text, start, stop), start=1):
        if n > MAX_SENTENCE_KEYWORDS:
            return m.start()
    return None


def bounded_sentences(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` (sentence start, end in ``text``) with each too long or too dense one split into chunks."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        while start < end:
            hard = _keyword_limit(text, start, min(end, start + MAX_SENTENCE_CHARS))
            if hard is None and end - start <= MAX_SENTENCE_CHARS:
                out.append((start, end))
                break
            cut = _cut(text, start, hard if hard is not None else start + MAX_SENTENCE_CHARS)
            out.append((start, cut))
            start = cut
    return out
