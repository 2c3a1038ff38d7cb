#!/usr/bin/env python3
"""Score the extractor on the real-text development pool (``tests/extract/real_pool.json``).

The pool holds only facts, addresses and queries: the article texts themselves
are third-party material and live outside the repository (default
``/work/real_texts``, one ``<id>`` file per document).  Matching is *exactly*
that of ``../shared/eval/score.py``: this script imports that file instead of
copying it, so the pool and the shared corpus are always scored by the same
rules.  If the shared scorer is absent the script says so and exits 2.

Usage:
  tools/score_real_pool.py [--split dev|check|check2|...|check30|all] [--texts DIR] [-v]

``check`` documents are held out: whoever writes extraction rules looks only
at ``dev``.  ``check2`` to ``check30`` are further held-out pools, each built
later from articles no rule had been written for, whose texts live in their own
directories: without ``--texts`` they are read from ``/work/real_texts2`` to
``/work/real_texts30`` (every other split, ``all`` included, reads
``/work/real_texts``).  A fresh pool
measures the extractor only until rules are tuned on it, so run each held-out
split rarely and never read its misses while writing rules.  Prints a
per-document table, the scorer's summary line, recall on facts about named
projects, and how many documents were missing locally.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
DEFAULT_POOL = REPO / "tests" / "extract" / "real_pool.json"
DEFAULT_SCORER = REPO.parent / "shared" / "eval" / "score.py"
DEFAULT_TEXTS = Path("/work/real_texts")
# Held-out pools keep their texts apart, so that nobody tuning rules on dev reads them by accident.
LAST_POOL = 30  # check2 .. check30
SPLIT_TEXTS = {f"check{n}": Path(f"/work/real_texts{n}") for n in range(2, LAST_POOL + 1)}
SPLITS = ("dev", "check", *SPLIT_TEXTS, "all")
XIANGMU = REPO / ".venv" / "bin" / "xiangmu"
DEFAULT_CMD = f"{XIANGMU} extract {{file}} --published {{published}} --newspaper {{newspaper}}"


def load_scorer(path: Path) -> ModuleType:
    """The shared scorer as a module; importing (not copying) keeps one definition of a match."""
    spec = importlib.util.spec_from_file_location("shared_score", path)
    if spec is None or spec.loader is None:
        raise ImportError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def texts_dir(split: str) -> Path:
    """Where a split's saved texts live when ``--texts`` is not given."""
    return SPLIT_TEXTS.get(split, DEFAULT_TEXTS)


def select(docs: list[dict], split: str) -> list[dict]:
    return [d for d in docs if split == "all" or d.get("split") == split]


def _short(fact: dict) -> dict:
    keys = ("regions", "region", "subject", "project_name", "measure", "amount_cny", "stage")
    return {k: fact[k] for k in keys if fact.get(k) is not None}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pool", type=Path, default=DEFAULT_POOL, help="labelled pool JSON")
    ap.add_argument(
        "--texts", type=Path, default=None, help="directory holding the saved texts (default: the split's own)"
    )
    ap.add_argument("--split", choices=SPLITS, default="dev")
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER, help="path of the shared score.py")
    ap.add_argument("--cmd", default=DEFAULT_CMD, help="extractor command with {file} {published} {newspaper}")
    ap.add_argument("-v", "--verbose", action="store_true", help="list missed and extra facts")
    args = ap.parse_args(argv)
    texts = args.texts if args.texts is not None else texts_dir(args.split)

    if not args.scorer.is_file():
        print(f"shared scorer not found at {args.scorer}; cannot score without it", file=sys.stderr)
        return 2
    score = load_scorer(args.scorer)
    spec = json.loads(args.pool.read_text(encoding="utf-8"))
    docs = select(spec["documents"], args.split)

    tp_all = fp_all = fn_all = noise_all = 0
    names: list[float] = []
    proj_gold = proj_hit = 0
    missing: list[str] = []
    failed: list[str] = []
    print(f"{'document':40} {'tp':>4} {'fp':>4} {'fn':>4} {'noise':>5}")
    for doc in docs:
        path = texts / doc["id"]
        if not path.is_file():
            missing.append(doc["id"])
            continue
        try:
            preds = score.run(args.cmd, str(path), doc)
        except SystemExit as exc:  # the shared scorer exits on an extractor crash; keep scoring the rest
            print(f"   {exc}", file=sys.stderr)
            failed.append(doc["id"])
            preds = []
        tp, fp, fn, noise, nm, misses, extras = score.score_doc(preds, doc)
        tp_all, fp_all, fn_all, noise_all = tp_all + tp, fp_all + fp, fn_all + fn, noise_all + noise
        names += nm
        gold_projects = [f for f in doc["facts"] if f["subject"] == "project"]
        proj_gold += len(gold_projects)
        proj_hit += len(gold_projects) - sum(1 for m in misses if m["subject"] == "project")
        print(f"{doc['id']:40} {tp:4} {fp:4} {fn:4} {noise:5}")
        if args.verbose:
            for m in misses:
                print("   missed:", json.dumps(_short(m), ensure_ascii=False))
            for e in extras:
                print("   extra: ", json.dumps(_short(e), ensure_ascii=False))

    p = tp_all / (tp_all + fp_all) if tp_all + fp_all else 0.0
    r = tp_all / (tp_all + fn_all) if tp_all + fn_all else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    nm_overlap = sum(names) / len(names) if names else 0.0
    print(f"precision={p:.3f} recall={r:.3f} f1={f1:.3f} noise_hits={noise_all} project_name_overlap={nm_overlap:.3f}")
    recall = proj_hit / proj_gold if proj_gold else 0.0
    print(f"named projects recall={recall:.3f} ({proj_hit}/{proj_gold})")
    print(
        f"split={args.split} documents={len(docs)} scored={len(docs) - len(missing)} missing_locally={len(missing)} "
        f"extractor_failed={len(failed)}"
    )
    for doc_id in missing:
        print("   missing:", doc_id)
    for doc_id in failed:
        print("   extractor failed (scored as no output):", doc_id)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
