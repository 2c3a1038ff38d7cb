"""Static checks of the dashboards kept as code: the bundle is whole and the dbt exposures point at it."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "bi" / "dashboards"


def _load(folder: str) -> list[dict]:
    return [yaml.safe_load(p.read_text("utf-8")) for p in sorted((BUNDLE / folder).rglob("*.yaml"))]


def test_every_reference_in_the_bundle_resolves() -> None:
    databases = {d["uuid"] for d in _load("databases")}
    datasets = {d["uuid"]: d for d in _load("datasets")}
    charts = {c["uuid"]: c for c in _load("charts")}
    assert all(d["database_uuid"] in databases for d in datasets.values())
    assert all(c["dataset_uuid"] in datasets for c in charts.values())
    placed = []
    for dashboard in _load("dashboards"):
        nodes = [n for n in dashboard["position"].values() if isinstance(n, dict) and n.get("type") == "CHART"]
        placed += [n["meta"]["uuid"] for n in nodes]
        for native in dashboard["metadata"]["native_filter_configuration"]:
            assert all(t["datasetUuid"] in datasets for t in native["targets"])
    assert sorted(placed) == sorted(charts), "every chart sits on exactly one dashboard"
    # bi_reader sees only the published schema: datasets must read marts.* and nothing else.
    for dataset in datasets.values():
        assert dataset["schema"] == "marts"
        if dataset["sql"]:
            assert "marts_candidate" not in dataset["sql"] and " raw." not in dataset["sql"]


def test_dbt_exposures_point_at_the_dashboards() -> None:
    exposures = yaml.safe_load((ROOT / "dbt_project" / "models" / "marts" / "_exposures.yml").read_text("utf-8"))
    urls = sorted(e["url"] for e in exposures["exposures"] if e["type"] == "dashboard")
    slugs = sorted(d["slug"] for d in _load("dashboards"))
    assert urls == [f"http://localhost:8088/superset/dashboard/{slug}/" for slug in slugs]
