"""Write dbt_project/seeds/regions.csv: Hebei's province, cities, counties and zones.

Why a generated seed: dim_region must agree with the names the extractor
emits, so the seed is exactly the extractor's gazetteer
(xiangmu.extract.gazetteer), one row per place.

Run: .venv/bin/python tools/export_region_seed.py [--out PATH]
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from xiangmu.extract.gazetteer import gazetteer_rows

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = PROJECT_ROOT / "dbt_project" / "seeds" / "regions.csv"
FIELDS = ["name", "code", "type", "parent_name", "short_names"]


def region_rows() -> list[dict[str, str]]:
    """The gazetteer's places as seed rows (absent values as empty strings)."""
    return [{k: str(r.get(k) or "") for k in FIELDS} for r in gazetteer_rows()]


def write_seed(out: Path) -> int:
    rows = region_rows()
    order = {"province": 0, "city": 1, "county": 2, "district": 2, "zone": 3}
    rows = sorted(rows, key=lambda r: (order.get(r["type"], 9), r["parent_name"], r["code"] or "999999", r["name"]))
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} regions from the gazetteer to {out}", file=sys.stderr)
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    write_seed(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
