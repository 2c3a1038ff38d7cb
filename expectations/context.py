"""The Great Expectations data context, wired to the same warehouse as the pipeline.

Why a module of its own: the GX context and the Data Docs location come
from xiangmu.config and the warehouse from the caller (expectations.run),
and they must agree between the DAG, the CLI and the tests. Everything machine-specific reaches GX through
environment variables that great_expectations.yml references as ${...}, so
the committed YAML never holds a connection string or an absolute path.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from xiangmu import config
from xiangmu.warehouse.connect import sqlalchemy_url

if TYPE_CHECKING:  # GX takes seconds to import; only checks pay for it
    from great_expectations.data_context import FileDataContext
    from great_expectations.datasource.fluent import PostgresDatasource

DATASOURCE_NAME = "warehouse"
DATA_DOCS_SITE = "xiangmu_site"
WAREHOUSE_URL_VAR = "XIANGMU_GX_WAREHOUSE_URL"
DATA_DOCS_DIR_VAR = "XIANGMU_GX_DATA_DOCS_DIR"
# Custom PostgreSQL setting read by the scoped query assets in suites.py; an
# empty value means "check every row".
DATA_RUN_SETTING = "xiangmu.quality_data_run_id"

# Validation results the Data Docs index lists, newest first (about a week of daily runs);
# every result kept (expectations/retention.py) still has its page.
INDEX_RESULTS = 100

_DATA_DOCS_SITE_CONFIG = {
    "class_name": "SiteBuilder",
    "show_how_to_buttons": False,
    "store_backend": {
        "class_name": "TupleFilesystemStoreBackend",
        "base_directory": "${" + DATA_DOCS_DIR_VAR + "}",
    },
    # the index links the newest results only: GX reads each result it links on every rebuild
    "site_index_builder": {"class_name": "DefaultSiteIndexBuilder", "validation_results_limit": INDEX_RESULTS},
}


def gx_project_root() -> Path:
    """Directory whose gx/ subdirectory is the file data context."""
    return config.gx_root_dir()


def validation_results_dir(context) -> Path:
    """Where the context's validation results store keeps its files (great_expectations.yml says where)."""
    return Path(context.stores[context.validation_results_store_name].store_backend.full_base_directory)


def data_docs_index() -> Path:
    return data_docs_dir() / "index.html"


def _disable_analytics() -> None:
    # GX phones home unless told not to; the YAML says so too, but the env
    # var also covers contexts GX creates before reading our YAML.
    os.environ["GX_ANALYTICS_ENABLED"] = "false"


def _escape_libpq_option(value: str) -> str:
    return value.replace("\\", "\\\\").replace(" ", "\\ ")


def gx_connection_string(url: str, data_run_id: str | None = None) -> str:
    """The warehouse `url` (libpq) as a SQLAlchemy URL, optionally scoping checks to one pipeline run.

    The run scope travels as a session setting (libpq `options`) rather than
    as literal SQL so that the query assets, which GX persists into the
    committed YAML, stay identical from run to run.
    """
    gx_url = sqlalchemy_url(url)
    if data_run_id:
        option = f"-c {DATA_RUN_SETTING}={_escape_libpq_option(data_run_id)}"
        gx_url += ("&" if "?" in gx_url else "?") + "options=" + quote(option, safe="")
    return gx_url


def data_docs_dir() -> Path:
    return config.data_docs_dir()


def set_context_environment(url: str, data_run_id: str | None = None) -> None:
    """Export what great_expectations.yml reads as ${...}: Data Docs directory and the warehouse `url`."""
    _disable_analytics()
    docs_dir = data_docs_dir()
    docs_dir.mkdir(parents=True, exist_ok=True)
    os.environ[DATA_DOCS_DIR_VAR] = str(docs_dir)
    os.environ[WAREHOUSE_URL_VAR] = gx_connection_string(url, data_run_id)


def get_context(url: str, data_run_id: str | None = None) -> FileDataContext:
    """Open the file data context and point its data source at `url`, its Data Docs at today's settings.

    Called at the start of every checkpoint run, so another warehouse or
    XIANGMU_DATA_DOCS_DIR takes effect without editing any GX file.
    """
    set_context_environment(url, data_run_id)

    import great_expectations as gx  # slow import (~5 s): only when a check runs

    root = gx_project_root()
    root.mkdir(parents=True, exist_ok=True)
    context = gx.get_context(mode="file", project_root_dir=str(root))
    sites = context.list_data_docs_sites()
    if DATA_DOCS_SITE not in sites:
        # A context scaffolded by GX itself (no committed YAML) lacks our site.
        context.add_data_docs_site(site_name=DATA_DOCS_SITE, site_config=dict(_DATA_DOCS_SITE_CONFIG))
    return context


def refresh_datasource(context: FileDataContext) -> PostgresDatasource:
    """Register the PostgreSQL data source (the warehouse get_context() was given), or reuse it.

    The connection string is a ${VAR} reference that GX resolves from the
    environment get_context() just set, so "refreshing" means updating that
    variable, not the YAML. Re-adding an unchanged data source would drop its
    assets and mint new ids, rewriting the committed YAML on every run.
    """
    reference = "${" + WAREHOUSE_URL_VAR + "}"
    try:
        datasource = context.data_sources.get(DATASOURCE_NAME)
    except Exception:  # not registered yet; GX's exception type varies by version
        datasource = None
    if (
        datasource is not None
        and getattr(datasource, "type", None) == "postgres"
        and str(getattr(datasource, "connection_string", "")) == reference
    ):
        return datasource
    return context.data_sources.add_or_update_postgres(name=DATASOURCE_NAME, connection_string=reference)
