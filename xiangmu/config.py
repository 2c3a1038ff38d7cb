"""Every setting Xiangmu reads, in one place.

Settings come from environment variables so that the same code runs locally
(embedded warehouse, sample archive) and in deployment (Airflow connections
and env vars set by docker/), with no secret in the repository.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from xiangmu import newspapers

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


def dbt_manifest_dir() -> Path:
    """Where the Airflow DAG reads dbt's manifest.json for rendering (cosmos); parsed into state by default."""
    return Path(_env("XIANGMU_DBT_MANIFEST_DIR", str(state_dir() / "dbt" / "manifest")))


def gx_root_dir() -> Path:
    return Path(_env("XIANGMU_GX_DIR", str(PROJECT_ROOT / "expectations")))


def data_docs_dir() -> Path:
    return Path(_env("XIANGMU_DATA_DOCS_DIR", str(state_dir() / "data_docs")))


# Each paper's live site and whether it is crawled by default: xiangmu/newspapers.py.
LIVE_BASE_URLS = newspapers.live_base_urls()
DEFAULT_SOURCES = newspapers.default_codes()


@dataclass(frozen=True)
class DriftThresholds:
    """What a staged edition must look like; a breach is recorded as 'layout_changed'.

    Env: XIANGMU_DRIFT_<FIELD> (e.g. XIANGMU_DRIFT_MIN_PAGES=4 for a paper that never prints fewer).
    """

    min_pages: int = 2  # pages (版) found in the page list
    min_articles_per_page: float = 1.0  # mean articles listed per non-advert page
    max_empty_page_share: float = 0.5  # non-advert pages listing no article
    min_median_body_chars: int = 40  # median body length of the parsed articles
    max_missing_share: float = 0.2  # articles fetched but without title or body
    min_named_page_share: float = 0.5  # pages whose label gives a name


def _prefixed(prefix: str, names: Iterable[str]) -> dict[str, str]:
    """The variables <prefix><NAME> that are set, by lower-case name (raw strings)."""
    return {name: raw for name in names if (raw := _env(f"{prefix}{name.upper()}")) is not None}


def drift_thresholds() -> DriftThresholds:
    base = DriftThresholds()
    raw = _prefixed("XIANGMU_DRIFT_", DriftThresholds.__dataclass_fields__)
    return DriftThresholds(**{name: type(getattr(base, name))(value) for name, value in raw.items()})


def quality_threshold_settings(names: Iterable[str]) -> dict[str, str]:
    """XIANGMU_QUALITY_<NAME> overrides of the GX checks' thresholds (expectations.suites.Thresholds), as set."""
    return _prefixed("XIANGMU_QUALITY_", names)


def http_client_settings() -> dict[str, object]:
    """Politeness tuned per deployment (XIANGMU_HTTP_*), never by editing code: only what is set.

    Keys are scrapers.http.ClientConfig fields, except `timeout`, which caps both
    the connect and the read timeout (ClientConfig.from_settings).
    """
    raw = {  # literal names: grep (and tests/deploy) find every setting
        "user_agent": _env("XIANGMU_HTTP_USER_AGENT"),
        "min_interval": _env("XIANGMU_HTTP_MIN_INTERVAL"),
        "max_concurrency": _env("XIANGMU_HTTP_MAX_CONCURRENCY"),
        "max_retries": _env("XIANGMU_HTTP_MAX_RETRIES"),
        "timeout": _env("XIANGMU_HTTP_TIMEOUT"),
        "max_body_bytes": _env("XIANGMU_HTTP_MAX_BODY_BYTES"),
        "respect_robots": _env("XIANGMU_HTTP_RESPECT_ROBOTS"),
    }
    casts: dict[str, Callable[[str], object]] = {
        "min_interval": float, "max_concurrency": int, "max_retries": int, "timeout": float, "max_body_bytes": int,
        "respect_robots": lambda value: value.lower() not in ("0", "false", "no"),
    }
    return {name: casts.get(name, str)(value) for name, value in raw.items() if value is not None}


def source_base_url(code: str) -> str:
    """XIANGMU_<CODE>_BASE_URL overrides the live host (the sample archive sets it)."""
    return _env(f"XIANGMU_{code.upper()}_BASE_URL", LIVE_BASE_URLS[code]).rstrip("/")


def enabled_sources() -> list[str]:
    raw = _env("XIANGMU_SOURCES", ",".join(DEFAULT_SOURCES))
    return [s.strip() for s in raw.split(",") if s.strip()]


def catchup() -> bool:
    """Whether the scheduler fills every missed day since the DAG's start date."""
    return (_env("XIANGMU_CATCHUP", "false") or "false").lower() in ("1", "true", "yes")


def _float(name: str, default: float) -> float:
    """A positive number from the environment; a clear error names the variable otherwise."""
    raw = _env(name)
    try:
        value = float(raw) if raw is not None else default
    except ValueError as exc:
        raise ValueError(f"{name}={raw!r} is not a number") from exc
    if value <= 0:
        raise ValueError(f"{name}={raw!r} must be positive")
    return value


def publish_lock_timeout() -> float:
    """Seconds publish may wait, over all its attempts, for locks a BI session holds before it fails."""
    return _float("XIANGMU_PUBLISH_LOCK_TIMEOUT", 60.0)


def publish_lock_attempts() -> int:
    """How many times publish tries to get its locks before the task fails (and alerts)."""
    return max(1, int(_float("XIANGMU_PUBLISH_LOCK_ATTEMPTS", 3)))


def embedded_warehouse_port() -> int | None:
    """TCP port of the embedded warehouse on 127.0.0.1; None: 54329 if free, else a free one (kept in state)."""
    raw = _env("XIANGMU_WAREHOUSE_PORT")
    if raw is None:
        return None
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise ValueError(f"XIANGMU_WAREHOUSE_PORT={raw!r} is not a TCP port")
    return int(raw)


def bi_reader_password() -> str | None:
    """bi_reader's password on an external warehouse (WAREHOUSE_URL); the embedded one generates its own."""
    return _env("XIANGMU_BI_READER_PASSWORD")


def progress_file() -> str | None:
    """XIANGMU_PROGRESS_FILE: where ingest appends one JSON line per edition (`xiangmu backfill` sets and reads it)."""
    return _env("XIANGMU_PROGRESS_FILE")


def debug() -> bool:
    """XIANGMU_DEBUG=1: the CLI prints tracebacks instead of one-line errors."""
    return (_env("XIANGMU_DEBUG", "") or "").lower() in ("1", "true", "yes")


def _bounded_float(name: str, default: float, low: float, high: float) -> float:
    raw = _env(name)
    try:
        value = float(raw) if raw is not None else default
    except ValueError as exc:
        raise ValueError(f"{name}={raw!r} is not a number") from exc
    if not low <= value <= high:
        raise ValueError(f"{name}={raw!r} must be between {low} and {high}")
    return value


def extract_article_budget_seconds() -> float:
    """Seconds extraction may spend on one article before it is recorded as failed (timeout), not retried."""
    return _bounded_float("XIANGMU_EXTRACT_ARTICLE_BUDGET_SECONDS", 5.0, 1e-9, 3600.0)


def extract_shards() -> int:
    """How many extraction tasks share a transform run's articles (by article id), one per core to use.

    Why not more: each task is a process of its own holding the extractor and a
    connection; on the reference machine (2 cores) two halve a year's extraction.
    """
    return int(_bounded_float("XIANGMU_EXTRACT_SHARDS", 2, 1, 64))


def gx_keep_days() -> float:
    """Days of GX validation results kept in the store and Data Docs; older ones go to a monthly zip.

    Why a window: GX reads every stored result to rebuild the Data Docs index on
    each checkpoint run (see expectations/retention.py).
    """
    return _bounded_float("XIANGMU_GX_KEEP_DAYS", 90.0, 1.0, 36500.0)


def max_failed_article_share() -> float:
    """Share of a run's articles whose extraction may fail before the extraction checkpoint fails (alerts)."""
    return _bounded_float("XIANGMU_MAX_FAILED_ARTICLE_SHARE", 0.05, 0.0, 1.0)
