"""Every setting Xiangmu reads, in one place.

Settings come from environment variables so that the same code runs locally
(embedded warehouse, sample archive) and in deployment (Airflow connections
and env vars set by docker/), with no secret in the repository.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def state_dir() -> Path:
    """Project-local directory for everything a run leaves behind (kept between runs)."""
    path = Path(_env("XIANGMU_STATE_DIR", str(PROJECT_ROOT / ".state")))
    path.mkdir(parents=True, exist_ok=True)
    return path


def warehouse_url_setting() -> str | None:
    """The configured warehouse, or None when the embedded one should be used."""
    return _env("WAREHOUSE_URL")


def dbt_project_dir() -> Path:
    return Path(_env("XIANGMU_DBT_PROJECT_DIR", str(PROJECT_ROOT / "dbt_project")))


def dbt_target_dir() -> Path:
    return Path(_env("XIANGMU_DBT_TARGET_DIR", str(state_dir() / "dbt" / "target")))


def gx_root_dir() -> Path:
    return Path(_env("XIANGMU_GX_DIR", str(PROJECT_ROOT / "expectations")))


def data_docs_dir() -> Path:
    return Path(_env("XIANGMU_DATA_DOCS_DIR", str(state_dir() / "data_docs")))


@dataclass(frozen=True)
class SourceSettings:
    """Where one newspaper's e-paper lives; the live host unless overridden."""

    code: str
    base_url: str


LIVE_BASE_URLS = {
    "sjzrb": "http://sjzrb.sjzdaily.com.cn",
    "hbrb": "https://hbrb.hebnews.cn",
}


def source_base_url(code: str) -> str:
    """XIANGMU_<CODE>_BASE_URL overrides the live host (the sample archive sets it)."""
    return _env(f"XIANGMU_{code.upper()}_BASE_URL", LIVE_BASE_URLS[code]).rstrip("/")


def enabled_sources() -> list[str]:
    raw = _env("XIANGMU_SOURCES", ",".join(LIVE_BASE_URLS))
    return [s.strip() for s in raw.split(",") if s.strip()]


def catchup() -> bool:
    """Whether the scheduler fills every missed day since the DAG's start date."""
    return (_env("XIANGMU_CATCHUP", "false") or "false").lower() in ("1", "true", "yes")
