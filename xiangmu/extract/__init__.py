"""Investment facts from Chinese newspaper articles about key projects (重点项目).

Public API: ``extract_facts``, ``extract_story``, ``Fact``, ``EXTRACTOR_VERSION`` and
``gazetteer_rows``.  Bump ``EXTRACTOR_VERSION`` whenever a rule changes, so stored
facts can be re-derived.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from .facts import SentenceReader, caption_subject, sentences, title_project
from .gazetteer import Gazetteer, gazetteer, gazetteer_rows
from .headlines import body_amounts, headline_facts
from .items import Item, split_items
from .limits import bounded_sentences, check_deadline
from .model import Fact
from .normalize import Para, paragraphs, project_key, without_bureau
from .rejected import refuse
from .tables import is_row, table_facts

EXTRACTOR_VERSION = "2026.12.28"

__all__ = ["EXTRACTOR_VERSION", "Fact", "extract_facts", "extract_story", "gazetteer_rows"]


def _dedupe_key(f: Fact) -> tuple[object, ...]:
    # A figure repeated in headline and body, or in a duplicated paragraph, is one fact.
    name = f.project_name.replace("项目", "") if f.project_name else None
    return (f.subject, f.measure, f.amount_original, f.currency, name, f.region)


def _named_again(fact: Fact, named: dict[tuple[object, ...], list[str]]) -> bool:
    """Whether this project's figure was reported already under a longer form of its name (甲公司乙项目
    then 乙项目, the same amount and place): one figure, one fact.  ``named`` maps a figure (amount,
    measure, place) to the names reported with it, and learns this fact's."""
    name = fact.project_name
    if not name:
        return False
    key = (fact.subject, fact.measure, fact.amount_original, fact.currency, fact.region)
    names = named.setdefault(key, [])
    if any(n != name and n.endswith(name) for n in names):
        return True
    names.append(name)
    return False


@dataclass
class _Carry:
    """What a story's later part (（上接第X版）) inherits from the part before it."""

    seen: set[tuple[object, ...]] = field(default_factory=set)
    named: dict[tuple[object, ...], list[str]] = field(default_factory=dict)  # see _named_again
    item: Item | None = None
    reader: SentenceReader | None = None


def _extract(text: str, published: dt.date, gaz: Gazetteer, carry: _Carry) -> list[Fact]:
    facts: list[Fact] = []
    gaz.forget()  # place mentions remembered for the previous article are of no use here
    paras = paragraphs(text)
    for p in paras:
        if not p.heading:
            p.text = without_bureau(p.text)
    raw = "\n".join(without_bureau(line) for line in text.split("\n"))  # no bureau city as weak evidence
    items = split_items(paras, gaz, published, raw)
    doc_texts = [p.text for p in paras]
    doc_cache: dict[str, str | None] = {}
    np_cache: dict[str, str | None] = {}  # see SentenceReader.np_cache
    for idx, item in enumerate(items):
        prev, prev_reader = carry.item, carry.reader
        if idx == 0 and item.continued and prev is not None:
            # The continuation goes on with the head's last item: its place, date and batch.
            item.place = item.place or prev.place
            item.event_date = item.event_date or prev.event_date
            reader = SentenceReader(
                gaz, published, item,
                last_ref=prev_reader.last_ref if prev_reader else None,
                last_period=prev_reader.last_period if prev_reader else None,
            )
        else:
            reader = SentenceReader(gaz, published, item)
            titled = title_project(item.paras, gaz)
            if titled is not None:
                reader.name_section(*titled)  # 甲项目 (a line alone), then 总投资X……: the heading's project
        reader.doc_texts, reader.doc_cache, reader.np_cache = doc_texts, doc_cache, np_cache
        sents = [
            (k, para, s0, s1)
            for k, para in enumerate(item.paras) if (not para.heading or _states_figure(para)) and not is_row(para)
            for s0, s1 in bounded_sentences(para.text, sentences(para.text))  # linear time: see limits.py
        ]
        texts = [para.text[s0:s1] for _k, para, s0, s1 in sents]
        ends = [0] * len(sents)  # per sentence: the index after its paragraph's last sentence
        for n in range(len(sents) - 1, -1, -1):
            ends[n] = ends[n + 1] if n + 1 < len(sents) and sents[n + 1][0] == sents[n][0] else n + 1
        captioned = any(p.caption for p in item.paras)
        main = reader
        for n, (k, para, s0, s1) in enumerate(sents):
            check_deadline()  # the article's time budget (limits.py), checked once per sentence
            if para.caption:
                # A caption stating a figure is read on its own: it tells nothing of the text around it.
                if reader is main or reader.para_no != k:
                    own = gaz.find(para.text, item.place)
                    alone = Item(place=own[0][2] if own else item.place, event_date=item.event_date)
                    reader = SentenceReader(gaz, published, alone)
            else:
                reader = main
                if captioned and k != reader.para_no:
                    reader.adopt_caption(para.text, _caption_beside(item, k, gaz))
            reader.para_no, reader.para_text = k, para.text
            reader.ahead = (texts, n, ends[n])  # the next sentences, for a figure stated before its batch
            for fact, a, b in reader.read(para.text[s0:s1]):
                key = _dedupe_key(fact)
                if key in carry.seen or _named_again(fact, carry.named):
                    continue
                carry.seen.add(key)
                start, end = para.span(s0 + a, s0 + b)
                fact.char_start, fact.char_end = start, end
                fact.evidence = text[start:end]
                fact.project_key = project_key(fact.project_name)
                facts.append(fact)
            for a, b, why in reader.refused:  # 到我县观摩……总投资X: a figure of no known place
                start, end = para.span(s0 + a, s0 + b)
                refuse(text, start, end, "place_unknown", why)
            reader.refused.clear()
        if any(p.heading and not p.caption and "资" in p.text for p in item.paras):  # a figure only the title states
            body = body_amounts(paras)
            facts += [f for f in headline_facts(item, gaz, published, text, body) if _new(f, carry.seen)]
        carry.item, carry.reader = item, main
    if any(p.text.startswith("|") for p in paras):  # 项目名称 | … | 项目总投资(万元): one project per row
        place_of = {id(p): item.place for item in items for p in item.paras}
        for fact, k in table_facts(paras, gaz, published, lambda k: place_of.get(id(paras[k]))):
            fact.char_start, fact.char_end = paras[k].span(0, len(paras[k].text))
            fact.evidence = text[fact.char_start : fact.char_end]
            fact.project_key = project_key(fact.project_name)
            if _new(fact, carry.seen):
                facts.append(fact)
    for fact in facts:
        fact.region = gaz.display(fact.region) or fact.region  # 沧州市新华区 -> 新华区 (its code tells which)
    return facts


def _new(fact: Fact, seen: set[tuple[object, ...]]) -> bool:
    """Whether ``fact`` was not reported yet (and remember it)."""
    key = _dedupe_key(fact)
    if key in seen:
        return False
    seen.add(key)
    return True


def _states_figure(para: Para) -> bool:
    """A caption is read only when it states an investment figure itself."""
    return para.caption and "资" in para.text and any(ch.isdigit() for ch in para.text)


def _caption_beside(item: Item, k: int, gaz: Gazetteer) -> tuple[str, str | None] | None:
    """The project the photo caption right before (else right after) paragraph ``k`` shows."""
    for j in (k - 1, k + 1):
        if 0 <= j < len(item.paras) and item.paras[j].caption:
            found = caption_subject(item.paras[j].text, gaz, item.place)
            if found:
                return found
    return None


def extract_facts(text: str, published: dt.date, newspaper: str) -> list[Fact]:
    """Facts in ``text`` (the stored clean text); offsets index ``text`` itself."""
    return _extract(text, published, gazetteer(newspaper), _Carry())


def extract_story(parts: Sequence[str], published: dt.date, newspaper: str) -> list[list[Fact]]:
    """Facts of one story printed in parts (head, then each （上接……） continuation in order).

    Returns one list per part, offsets indexing that part's own text.  A later part
    inherits the place, event date, batch and period the earlier part ended with, and a
    figure stated in two parts is reported once, on the part that states it first.
    """
    gaz = gazetteer(newspaper)
    carry = _Carry()
    return [_extract(text, published, gaz, carry) for text in parts]
