"""Shared helpers: the tests write their own sentences, never newspaper text."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

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


CASES_FILE = Path(__file__).with_name("filing_cases.json")


def filing_cases(group: str) -> list[Any]:
    """The cases of ``filing_cases.json`` a test module reads, as pytest params (id = case id)."""
    import pytest

    cases = json.loads(CASES_FILE.read_text(encoding="utf-8"))["cases"]
    return [pytest.param(c, id=c["id"]) for c in cases if c["group"] == group]


def check_case(case: dict[str, Any]) -> None:
    """Every expected fact of ``case`` is read from its text: one with ``amount_cny`` is the only
    fact of that amount and has the other fields given; one without is matched by all its
    fields, exactly once.  ``complete``: there are no other facts.  ``ordered``: the expected
    facts come in the text's order (as ``extract_facts`` returns them)."""
    published = dt.date.fromisoformat(case["published"]) if "published" in case else PUBLISHED
    facts = run(case["text"], case["paper"], published)
    positions = []
    for want in case["facts"]:
        key = {"amount_cny": want["amount_cny"]} if "amount_cny" in want else want
        f = one(facts, **key)
        assert {k: getattr(f, k) for k in want} == want, (case["id"], facts)
        positions.append(next(i for i, g in enumerate(facts) if g is f))
    if case.get("ordered"):
        assert positions == sorted(positions), (case["id"], facts)
    if case["complete"]:
        assert len(facts) == len(case["facts"]), (case["id"], facts)
