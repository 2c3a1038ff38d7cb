"""Investment facts from Chinese newspaper articles about key projects (重点项目).

Public API: ``extract_facts``, ``Fact``, ``EXTRACTOR_VERSION`` and ``gazetteer_rows``.
Bump ``EXTRACTOR_VERSION`` whenever a rule changes, so stored facts can be re-derived.
"""

from __future__ import annotations

import datetime as dt

from .facts import SentenceReader, sentences
from .gazetteer import gazetteer, gazetteer_rows
from .items import split_items
from .model import Fact
from .normalize import paragraphs

EXTRACTOR_VERSION = "2026.11.1"

__all__ = ["EXTRACTOR_VERSION", "Fact", "extract_facts", "gazetteer_rows"]


def _dedupe_key(f: Fact) -> tuple[object, ...]:
    # A figure repeated in headline and body, or in a duplicated paragraph, is one fact.
    name = f.project_name.replace("项目", "") if f.project_name else None
    return (f.subject, f.measure, f.amount_original, f.currency, name)


def extract_facts(text: str, published: dt.date, newspaper: str) -> list[Fact]:
    """Facts in ``text`` (the stored clean text); offsets index ``text`` itself."""
    gaz = gazetteer(newspaper)
    facts: list[Fact] = []
    seen: set[tuple[object, ...]] = set()
    for item in split_items(paragraphs(text), gaz, published):
        reader = SentenceReader(gaz, published, item)
        for para in item.paras:
            if para.heading:
                continue
            for s0, s1 in sentences(para.text):
                for fact, a, b in reader.read(para.text[s0:s1]):
                    key = _dedupe_key(fact)
                    if key in seen:
                        continue
                    seen.add(key)
                    start, end = para.span(s0 + a, s0 + b)
                    fact.char_start, fact.char_end = start, end
                    fact.evidence = text[start:end]
                    facts.append(fact)
    return facts
