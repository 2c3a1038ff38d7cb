"""Figures stated only in a headline (某市15个项目集中开工 总投资86亿元, the body without the total).

Why apart from the body: headings are not read as prose (a kicker or slogan would set places
and batches for the text below), so a figure that only the title states was lost.  A headline
is therefore read after its item's body, on its own, and its figure kept only when no
paragraph of the article states the same amount (a title rounds what the body says: 86亿元
for 86.3亿元), so a figure is never reported twice.  Only figures in Arabic digits count:
"超百亿元" in a title is a slogan, not a figure.
"""

from __future__ import annotations

import datetime as dt
import re

from .gazetteer import Gazetteer
from .items import Item
from .model import Fact
from .normalize import Para, project_key
from .numbers import find_money

_MONEY_WORD = re.compile(r"投资|外资|引资")
_GAP = re.compile(r"[ \u3000\t]+")  # a title's parts are set apart by spaces: clause breaks
# A title opening with its figure alone (总投资2.66亿元！), before what it is the figure of.
_FIGURE_FIRST = re.compile(r"^(?P<figure>(?:总投资|投资|计划投资)(?:约|达|超)?[\d.]+(?:亿|万)元)[！!，,]")
_CLOSE = 0.03  # a body amount within 3% of the title's is the same figure, rounded (86亿元 for 86.3亿元)


def _stated(amount: float, body: list[float]) -> bool:
    return any(abs(amount - b) <= _CLOSE * max(amount, b) for b in body)


def body_amounts(paras: list[Para]) -> list[float]:
    """Every amount the article's prose (not its headings) states, in yuan or not."""
    return [m.value for p in paras if not p.heading for m in find_money(p.text)]


def _runs(item: Item) -> list[Para]:
    """Each run of consecutive headings (kicker, title, subtitle) as one line, joined by ，
    at the place of the first line break, so its offsets still map into the text."""
    runs: list[list[Para]] = []
    current: list[Para] = []
    for para in item.paras:
        if para.heading and not para.caption:
            current.append(para)
        elif current:  # a body paragraph or a caption closes the run
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    out: list[Para] = []
    for paras in runs:
        text, pos = paras[0].text, list(paras[0].pos)
        for p in paras[1:]:
            text, pos = text + "，" + p.text, [*pos, pos[-1], *p.pos]
        out.append(Para(text, pos, heading=True))
    return out


def headline_facts(item: Item, gaz: Gazetteer, published: dt.date, text: str, body: list[float]) -> list[Fact]:
    """Facts of ``item``'s headings whose amount ``body`` (``body_amounts``) never states."""
    from .facts import SentenceReader  # facts imports items; read lazily to keep imports one way

    out: list[Fact] = []
    if not item.has_body:
        return out  # a headline alone (a page's index of stories printed elsewhere) states nothing
    for para in _runs(item):
        if not _MONEY_WORD.search(para.text):
            continue
        line = _GAP.sub(lambda m: "，" * len(m.group()), para.text)  # same length: offsets hold
        if (lead := _FIGURE_FIRST.match(line)) is not None and lead.end() < len(line):
            # 总投资2.66亿元！某医院开工奠基！: the figure the rest of the title names, read as
            # 某医院开工奠基！总投资2.66亿元 (same length: the evidence is the whole title either way)
            line = line[lead.end() :] + "，" + lead.group("figure")
        reader = SentenceReader(gaz, published, Item(place=item.place, event_date=item.event_date))
        reader.para_text = line
        written = {m.value for m in find_money(line) if any(ch.isdigit() for ch in line[m.start : m.end])}
        for fact, a, b in reader.read(line):
            if fact.amount_original not in written or _stated(fact.amount_original, body):
                continue
            start, end = para.span(a, b)
            fact.char_start, fact.char_end = start, end
            fact.evidence = text[start:end]
            fact.project_key = project_key(fact.project_name)
            out.append(fact)
    return out
