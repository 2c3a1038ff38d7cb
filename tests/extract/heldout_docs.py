"""Scores the extractor on a held-out set of short invented articles (``heldout_docs.json``).

The documents live in the JSON file beside this module (data in one place, the scoring
here): invented articles in styles the two labelled real texts do not show, each with the
facts a correct extractor reports (only the fields given are checked), ``noise`` amounts
that must never become a fact, and ``optional`` amounts that are neither rewarded nor
penalised.  Documents with several ``parts`` are one story continued across pages.

``python tests/extract/heldout_docs.py`` prints precision and recall.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

DOCS_FILE = Path(__file__).with_name("heldout_docs.json")


def load_docs(path: Path = DOCS_FILE) -> list[dict[str, Any]]:
    """The documents, with publish dates as dates and each fact's subject stated (a fact
    naming a project is the project's, else the portfolio's)."""
    docs = json.loads(path.read_text(encoding="utf-8"))["documents"]
    for doc in docs:
        doc["published"] = dt.date.fromisoformat(doc["published"])
        for fact in doc["facts"]:
            fact.setdefault("subject", "project" if "project_name" in fact else "portfolio")
    return docs


DOCS: list[dict[str, Any]] = load_docs()


def _amount(fact: Any) -> float:
    d = fact if isinstance(fact, dict) else fact.to_dict()
    return float(d.get("amount_original") if d.get("currency", "CNY") != "CNY" else d.get("amount_cny") or 0)


def _close(a: float, b: float) -> bool:
    return b != 0 and abs(a - b) / abs(b) <= 0.005


def _matches(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    return (
        pred["subject"] == gold["subject"]
        and pred["measure"] == gold["measure"]
        and pred["region"] in gold["regions"]
        and _close(_amount(pred), gold["amount"])
    )


def extract_doc(doc: dict[str, Any]) -> list[dict[str, Any]]:
    import xiangmu.extract as ex

    extract_facts = ex.extract_facts
    extract_story = getattr(ex, "extract_story", None)
    if len(doc["parts"]) == 1 or extract_story is None:
        if extract_story is None:  # before story linking existed: parts read one by one
            return [f.to_dict() for t in doc["parts"] for f in extract_facts(t, doc["published"], doc["newspaper"])]
        facts = extract_facts(doc["parts"][0], doc["published"], doc["newspaper"])
        return [f.to_dict() for f in facts]
    return [f.to_dict() for part in extract_story(doc["parts"], doc["published"], doc["newspaper"]) for f in part]


def score(docs: list[dict[str, Any]] = DOCS) -> dict[str, Any]:
    """Precision/recall over the set, plus every problem found (for test messages)."""
    tp = fp = fn = noise_hits = checked = wrong = 0
    problems: list[str] = []
    for doc in docs:
        preds = extract_doc(doc)
        used: set[int] = set()
        for gold in doc["facts"]:
            hit = next((i for i, p in enumerate(preds) if i not in used and _matches(p, gold)), None)
            if hit is None:
                fn += 1
                problems.append(f"{doc['id']}: missing {gold}")
                continue
            used.add(hit)
            tp += 1
            pred = preds[hit]
            for key, want in gold.items():
                if key in ("regions", "measure", "amount", "subject"):
                    continue
                checked += 1
                if pred.get(key) != want:
                    wrong += 1
                    problems.append(f"{doc['id']}: {gold['amount']:.0f} {key}={pred.get(key)!r}, want {want!r}")
        optional = [float(a) for a in doc.get("optional", [])]
        for i, p in enumerate(preds):
            if i in used or any(_close(_amount(p), a) for a in optional):
                continue
            fp += 1
            if any(_close(_amount(p), float(a)) for a in doc.get("noise", [])):
                noise_hits += 1
            problems.append(f"{doc['id']}: extra {p['measure']} {p['region']} {_amount(p):.0f} {p['evidence']!r}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    fields = (checked - wrong) / checked if checked else 1.0
    return {"precision": precision, "recall": recall, "noise_hits": noise_hits, "fields": fields, "problems": problems}


if __name__ == "__main__":
    result = score()
    for line in result["problems"]:
        print(line)
    print(
        f"heldout: docs={len(DOCS)} facts={sum(len(d['facts']) for d in DOCS)} "
        f"precision={result['precision']:.3f} recall={result['recall']:.3f} noise_hits={result['noise_hits']} "
        f"field_accuracy={result['fields']:.3f}"
    )
