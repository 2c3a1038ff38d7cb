"""Write the dbt seeds that mirror the registry: the papers and the vocabularies.

Why generated: dbt tests the marts against these seeds (relationships to
``ref('stages')`` ...) and builds ``dim_newspaper`` from ``newspapers``, so they
must say exactly what ``xiangmu/newspapers.py`` and ``xiangmu/vocabulary.py``
say.  Hand-copied lists drifted (a currency the extractor never emits was
accepted, one it emits was not; an edition status was missing from a mart
test).  ``tests/test_vocabulary.py`` fails when a seed differs from what this
tool writes now.  The region seed has its own tool (``export_region_seed.py``).

Run: .venv/bin/python tools/generate_seeds.py [--check] [--out-dir DIR]
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from xiangmu import newspapers, vocabulary

SEED_DIR = Path(__file__).resolve().parent.parent / "dbt_project" / "seeds"


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _terms(column: str, terms: tuple[vocabulary.Term, ...]) -> str:
    return _csv((column, "label_zh", "description"), ((t.code, t.label_zh, t.description) for t in terms))


def seed_files() -> dict[str, str]:
    """File name -> the CSV text the seed must hold."""
    names_by_code: dict[str, list[str]] = {vocabulary.YUAN: ["元", "人民币"]}
    for word, code in vocabulary.FOREIGN_CURRENCIES.items():
        names_by_code.setdefault(code, []).append(word)
    return {
        "newspapers.csv": _csv(
            ("newspaper_code", "name_zh", "name_en", "home_region"),
            ((p.code, p.name_zh, p.name_en, p.home_region) for p in newspapers.PAPERS),
        ),
        "measures.csv": _terms("measure", vocabulary.MEASURES),
        "stages.csv": _terms("stage", vocabulary.STAGES),
        "subjects.csv": _terms("subject", vocabulary.SUBJECTS),
        "region_types.csv": _terms("region_type", vocabulary.REGION_TYPES),
        "edition_statuses.csv": _terms("edition_status", vocabulary.EDITION_STATUSES),
        "currencies.csv": _csv(
            ("currency", "names_zh"),
            ((code, "|".join(names_by_code[code])) for code in vocabulary.currency_codes()),
        ),
    }


def stale(seed_dir: Path = SEED_DIR) -> list[str]:
    """Seeds in ``seed_dir`` that differ from what this tool would write (missing ones included)."""
    return sorted(
        name for name, text in seed_files().items()
        if not (seed_dir / name).is_file() or (seed_dir / name).read_text("utf-8") != text
    )


def write(seed_dir: Path = SEED_DIR) -> list[Path]:
    seed_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in seed_files().items():
        path = seed_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=SEED_DIR)
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a seed is stale")
    args = parser.parse_args(argv)
    if args.check:
        names = stale(args.out_dir)
        if names:
            print(f"stale seeds (run tools/generate_seeds.py): {', '.join(names)}", file=sys.stderr)
            return 1
        return 0
    for path in write(args.out_dir):
        print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
