"""Shared helpers: the tests write their own sentences, never newspaper text."""

from __future__ import annotations

import datetime as dt

from xiangmu.extract import Fact, extract_facts

PUBLISHED = dt.date(2024, 9, 10)


def run(text: str, newspaper: str = "sjzrb", published: dt.date = PUBLISHED) -> list[Fact]:
    facts = extract_facts(text, published, newspaper)
    for f in facts:
        assert text[f.char_start : f.char_end] == f.evidence
    return facts


def one(facts: list[Fact], **where: object) -> Fact:
    hits = [f for f in facts if all(getattr(f, k) == v for k, v in where.items())]
    assert len(hits) == 1, (where, facts)
    return hits[0]


def regions_by_amount(facts: list[Fact]) -> dict[float | None, str | None]:
    """Each fact's region keyed by its amount (amounts must be distinct): which place each figure went to."""
    regions = {f.amount_cny: f.region for f in facts}
    assert len(regions) == len(facts), facts
    return regions
