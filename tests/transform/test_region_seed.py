"""The region seed is what tools/export_region_seed.py generates (no hand edits, no drift)."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

from xiangmu import config

SEED = config.dbt_project_dir() / "seeds" / "regions.csv"


def _exporter():
    path = config.PROJECT_ROOT / "tools" / "export_region_seed.py"
    spec = importlib.util.spec_from_file_location("export_region_seed", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_seed_matches_generator(tmp_path: Path) -> None:
    out = tmp_path / "regions.csv"
    _exporter().write_seed(out)
    assert out.read_text("utf-8") == SEED.read_text("utf-8"), "run tools/export_region_seed.py"


def test_seed_covers_hebei() -> None:
    rows = list(csv.DictReader(SEED.open(encoding="utf-8")))
    by_name = {r["name"]: r for r in rows}
    assert sum(r["type"] == "province" for r in rows) == 1
    assert sum(r["type"] == "city" for r in rows) == 11
    assert by_name["定州市"]["code"] == "130682"
    assert by_name["辛集市"]["code"] == "130181"
    assert by_name["晋州市"]["parent_name"] == "石家庄市"
    for zone, short in [("石家庄高新技术产业开发区", "高新区"), ("石家庄经济技术开发区", "经开区")]:
        assert by_name[zone]["type"] == "zone"
        assert by_name[zone]["code"] == ""
        assert short in by_name[zone]["short_names"].split("|")
    assert "鹿泉经济开发区" in by_name and "石家庄循环化工园区" in by_name
    assert len({r["code"] for r in rows if r["code"]}) == sum(1 for r in rows if r["code"])
