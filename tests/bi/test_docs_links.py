"""The dbt docs open on the project overview, and the Airflow UI links to them (cosmos' plugin)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def manifest(isolated_state: Path) -> dict:
    """The manifest `dbt docs` renders, from `dbt parse` (no warehouse needed)."""
    from xiangmu.dbt_airflow import ensure_manifest

    return json.loads(ensure_manifest(force=True).read_text("utf-8"))


def test_docs_open_on_the_overview_naming_the_published_relations(manifest: dict) -> None:
    overview = manifest["docs"]["doc.xiangmu.__overview__"]["block_contents"]
    # dbt shows the site's overview from the project's own __overview__ block, not dbt's welcome text.
    assert "marts_candidate" in overview and "bi_reader" in overview
    published = {line.split("`")[1] for line in overview.splitlines() if line.startswith("| `marts.")}
    models = {n["name"] for n in manifest["nodes"].values()
              if n["resource_type"] == "model" and n["schema"] == "marts_candidate"}
    assert {f"marts.{name}" for name in models} <= published, "every published mart is named in the overview"


def test_pipeline_health_mart_is_documented_and_exposed(manifest: dict) -> None:
    node = manifest["nodes"]["model.xiangmu.fct_edition_outcome"]
    assert node["description"] and all(c["description"] for c in node["columns"].values())
    dashboards = {e["name"]: e for e in manifest["exposures"].values()}
    assert "model.xiangmu.fct_edition_outcome" in dashboards["pipeline_health_dashboard"]["depends_on"]["nodes"]


def test_airflow_ui_links_to_the_dbt_docs(isolated_state: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient

    from xiangmu import config
    from xiangmu.local import airflow_env

    env = airflow_env.airflow_env()
    monkeypatch.setenv("AIRFLOW__COSMOS__DBT_DOCS_PROJECTS", env["AIRFLOW__COSMOS__DBT_DOCS_PROJECTS"])
    target = config.dbt_target_dir()
    target.mkdir(parents=True, exist_ok=True)
    (target / "index.html").write_text("<html><head></head><body>xiangmu dbt docs</body></html>", "utf-8")
    (target / "manifest.json").write_text('{"nodes": {}}', "utf-8")

    from cosmos.plugin.airflow3 import CosmosAF3Plugin

    plugin = CosmosAF3Plugin()
    views = {view["name"]: view for view in plugin.external_views}
    assert views["dbt docs (Xiangmu marts)"]["href"].endswith("/cosmos/xiangmu/dbt_docs_index.html")
    client = TestClient(plugin.fastapi_apps[0]["app"])
    page = client.get("/xiangmu/dbt_docs_index.html")
    assert page.status_code == 200 and "xiangmu dbt docs" in page.text
    assert client.get("/xiangmu/manifest.json").json() == {"nodes": {}}
