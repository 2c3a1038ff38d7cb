"""Write dbt_project/seeds/regions.csv: Hebei's province, cities, counties and zones.

Why a generated seed: dim_region must agree with the names the extractor
emits. When the extractor's gazetteer (xiangmu.extract.gazetteer) exists we
export exactly its rows; otherwise we derive the same shape from jionlp and
add the Shijiazhuang development zones that jionlp lacks.

Run: .venv/bin/python tools/export_region_seed.py [--out PATH]
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = PROJECT_ROOT / "dbt_project" / "seeds" / "regions.csv"
FIELDS = ["name", "code", "type", "parent_name", "short_names"]

# Zones the newspapers name that jionlp's gazetteer does not carry (or carries
# without the short name readers use). Codes stay empty: zones have no admin code.
EXTRA_ZONES: list[dict[str, str]] = [
    {"name": "石家庄高新技术产业开发区", "parent_name": "石家庄市", "short_names": "高新区|石家庄高新区"},
    {"name": "石家庄经济技术开发区", "parent_name": "石家庄市", "short_names": "经开区|石家庄经开区"},
    {"name": "鹿泉经济开发区", "parent_name": "石家庄市", "short_names": "鹿泉经开区"},
    {"name": "石家庄循环化工园区", "parent_name": "石家庄市", "short_names": "循环化工园区"},
    {"name": "石家庄综合保税区", "parent_name": "石家庄市", "short_names": "综保区"},
    {"name": "正定新区", "parent_name": "石家庄市", "short_names": "正定新区"},
    {"name": "雄安新区", "parent_name": "河北省", "short_names": "雄安"},
]

ZONE_MARKERS = ("开发区", "园区", "新区", "新城", "管理区")


def _aliases(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]  # type: ignore[union-attr]


def _county_type(name: str, code: str) -> str:
    # Codes xxxx7x are statistical codes for functional zones, not divisions.
    if any(name.endswith(m) for m in ZONE_MARKERS) or code[4:5] == "7":
        return "zone"
    if name.endswith("区"):
        return "district"
    return "county"


def jionlp_rows() -> list[dict[str, str]]:
    """The same rows gazetteer_rows() returns, derived from jionlp directly."""
    import jionlp as jio

    province = jio.china_location_loader()["河北省"]
    rows = [
        {
            "name": province["_full_name"],
            "code": province["_admin_code"],
            "type": "province",
            "parent_name": "",
            "short_names": "|".join(_aliases(province.get("_alias"))),
        }
    ]
    for city_name, city in province.items():
        if city_name.startswith("_"):
            continue
        rows.append(
            {
                "name": city["_full_name"],
                "code": city["_admin_code"],
                "type": "city",
                "parent_name": province["_full_name"],
                "short_names": "|".join(_aliases(city.get("_alias"))),
            }
        )
        for county_name, county in city.items():
            if county_name.startswith("_"):
                continue
            code = county["_admin_code"]
            kind = _county_type(county["_full_name"], code)
            rows.append(
                {
                    "name": county["_full_name"],
                    "code": "" if kind == "zone" else code,
                    "type": kind,
                    "parent_name": city["_full_name"],
                    "short_names": "|".join(_aliases(county.get("_alias"))),
                }
            )
    by_name = {r["name"]: r for r in rows}
    for zone in EXTRA_ZONES:
        row = {"code": "", "type": "zone", **zone}
        if zone["name"] in by_name:
            by_name[zone["name"]].update(row)
        else:
            rows.append(row)
    return rows


def region_rows() -> tuple[list[dict[str, str]], str]:
    """Rows plus the name of where they came from (for the log line)."""
    try:
        from xiangmu.extract.gazetteer import gazetteer_rows  # type: ignore[import-not-found]
    except ImportError:
        return jionlp_rows(), "jionlp"
    return [{k: str(r.get(k) or "") for k in FIELDS} for r in gazetteer_rows()], "gazetteer"


def _normalise_short_names(value: str | list[str]) -> str:
    if isinstance(value, list):
        return "|".join(value)
    return value


def write_seed(out: Path) -> int:
    rows, origin = region_rows()
    order = {"province": 0, "city": 1, "county": 2, "district": 2, "zone": 3}
    rows = sorted(rows, key=lambda r: (order.get(r["type"], 9), r["parent_name"], r["code"] or "999999", r["name"]))
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "short_names": _normalise_short_names(row["short_names"])})
    print(f"wrote {len(rows)} regions from {origin} to {out}", file=sys.stderr)
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    write_seed(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
