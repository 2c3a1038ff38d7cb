"""Run a checkpoint and hand back a plain result the DAG, the CLI and the alerts can use.

Why a result object of our own: GX result objects are large, version-specific
and not JSON-friendly; the DAG needs a success flag for XCom and the alerts
need, per failed expectation, the suite, type, column and observed value.
"""

from __future__ import annotations

import fcntl
import json
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from expectations.checkpoints import CHECKPOINTS, build_checkpoint, build_data_docs_for
from expectations.context import (
    data_docs_dir,
    data_docs_index,
    get_context,
    gx_connection_string,
    gx_project_root,
    set_context_environment,
    validation_results_dir,
)
from expectations.offline_docs import edition_label
from expectations.offline_docs import localize as localize_data_docs
from expectations.retention import archive_old_results
from expectations.suites import (
    COMPLETE_EDITIONS_SQL,
    MART_SCHEMA,
    MART_TABLES,
    ROW_COUNT_TABLE,
    MartTable,
    SuiteSpec,
    Thresholds,
)
from xiangmu import config

log = logging.getLogger(__name__)

# Checkpoints whose checks can be limited to the rows one pipeline run staged.
RUN_SCOPED = ("raw", "extraction")
# What the run-scoped checkpoints read, analyzed first if a load left their statistics behind
# (xiangmu.warehouse.statistics): a backfill's raw check, planned on the statistics of the day
# before its load, took 2.55 s to validate 4 months (0.6 s on current statistics), 19.7 s a year.
# The marts' tables are analyzed by the dbt build itself (dbt_project/macros/analyze_if_stale.sql).
TABLES_READ = {
    "raw": ("raw.editions", "raw.pages", "raw.articles", "raw.fetch_log"),
    "extraction": ("raw.articles", "extract.article_extractions", "extract.investment_facts",
                   "extract.failed_articles", "extract.rejected_figures"),
}

ROW_COUNT_DDL = f"""
create schema if not exists quality;
create table if not exists {ROW_COUNT_TABLE} (
    id bigint generated always as identity primary key,
    table_name text not null,
    row_count bigint not null,
    passed boolean not null,
    run_id text,
    recorded_at timestamptz not null default now()
);
-- complete editions in the warehouse when the counts were taken (growth is judged against them)
alter table {ROW_COUNT_TABLE} add column if not exists edition_count bigint;
"""


@dataclass(frozen=True)
class ExpectationFailure:
    """One expectation that did not hold (or could not be evaluated)."""

    suite: str
    expectation_type: str
    column: str | None
    observed_value: Any
    description: str | None = None
    kwargs: dict[str, Any] = field(default_factory=dict)

    def summary(self) -> str:
        target = f"({self.column})" if self.column else ""
        return f"{self.suite}: {self.expectation_type}{target} observed {_compact(self.observed_value)}"


@dataclass(frozen=True)
class QualityResult:
    checkpoint: str
    success: bool
    failures: list[ExpectationFailure]
    data_docs_index: Path
    run_id: str
    evaluated_expectations: int = 0
    data_run_id: str | None = None

    @property
    def failed_suites(self) -> list[str]:
        return sorted({f.suite for f in self.failures})

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe form (for XCom and logs)."""
        data = asdict(self)
        data["data_docs_index"] = str(self.data_docs_index)
        return _json_safe(data)

    as_dict = to_dict  # the name xiangmu.pipeline and the other result types use


class QualityCheckFailed(Exception):
    """Raised by callers that want a failed checkpoint to fail their task.

    It carries the result so that alerts.task_failure_alert can list the
    failed expectations instead of only the exception text.
    """

    def __init__(self, result: QualityResult):
        self.quality_result = result
        lines = [f"checkpoint {result.checkpoint!r} failed ({len(result.failures)} expectations)"]
        lines += [f"  - {f.summary()}" for f in result.failures]
        lines.append(f"Data Docs: {result.data_docs_index}")
        super().__init__("\n".join(lines))


def _json_safe(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str, ensure_ascii=False))


def _compact(value: Any, limit: int = 400) -> str:
    text = json.dumps(_json_safe(value), ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _observed(result: dict[str, Any]) -> Any:
    """The most telling value GX reported: the metric, or the offending values and rows."""
    if "observed_value" in result:
        observed = result["observed_value"]
        details = result.get("details") or {}
        if details.get("unexpected_rows"):
            return {"observed_value": observed, "unexpected_rows": details["unexpected_rows"]}
        return observed
    keys = (
        "unexpected_count",
        "unexpected_percent",
        "partial_unexpected_list",
        "partial_unexpected_index_list",
    )
    picked = {k: result[k] for k in keys if result.get(k) not in (None, [])}
    if "partial_unexpected_index_list" in picked:
        # the index list already pairs each value with its row
        picked.pop("partial_unexpected_list", None)
    return picked or result


def _exception_message(info: Any) -> str | None:
    """GX reports errors flat ({raised_exception, exception_message}) or keyed by metric id."""
    if not isinstance(info, dict) or not info:
        return None
    if "raised_exception" in info or "exception_message" in info:
        return info.get("exception_message") if info.get("raised_exception") else None
    for value in info.values():
        message = _exception_message(value)
        if message:
            # first line of the driver error is the telling part (e.g. relation does not exist)
            return message.strip().splitlines()[0]
    return None


def _failures_from(checkpoint_result) -> tuple[list[ExpectationFailure], int]:
    failures: list[ExpectationFailure] = []
    evaluated = 0
    for validation in checkpoint_result.run_results.values():
        suite = validation.suite_name
        for evr in validation.results:
            evaluated += 1
            if evr.success:
                continue
            cfg = evr.expectation_config
            kwargs = {k: v for k, v in (cfg.kwargs or {}).items() if k not in ("batch_id", "result_format")}
            column = kwargs.get("column")
            if column is None and "column_A" in kwargs:
                column = f"{kwargs['column_A']},{kwargs['column_B']}"
            if column is None and "column_list" in kwargs:
                column = ",".join(kwargs["column_list"])
            error = _exception_message(evr.exception_info)
            observed: Any = {"error": error} if error else _observed(evr.result or {})
            failures.append(
                ExpectationFailure(
                    suite=suite,
                    expectation_type=cfg.type,
                    column=column,
                    observed_value=_json_safe(observed),
                    description=getattr(cfg, "description", None),
                    kwargs=_json_safe(kwargs),
                )
            )
    return failures, evaluated


class _PhaseTimer:
    """Seconds per phase of a checkpoint run, for the task log."""

    def __init__(self) -> None:
        self._last = time.monotonic()
        self.phases: dict[str, float] = {}

    def lap(self, phase: str) -> None:
        now = time.monotonic()
        self.phases[phase] = now - self._last
        self._last = now

    def __str__(self) -> str:
        return ", ".join(f"{phase} {seconds:.2f}s" for phase, seconds in self.phases.items())


# One data context per process and settings: an Airflow task that runs several
# checkpoints (or a test session) opens GX's stores once, not once per check.
_CONTEXTS: dict[tuple[str, ...], Any] = {}


def _context(url: str, data_run_id: str | None):
    """The data context for these settings, opened on first use in this process."""
    key = (str(gx_project_root()), str(data_docs_dir()), gx_connection_string(url, data_run_id))
    context = _CONTEXTS.get(key)
    if context is None:
        context = _CONTEXTS[key] = get_context(url, data_run_id)
    else:
        set_context_environment(url, data_run_id)  # the ${VAR}s GX resolves when it connects
    return context


@contextmanager
def _context_lock() -> Iterator[None]:
    """One checkpoint run at a time per machine.

    GX rewrites great_expectations.yml and its JSON stores while registering
    assets and suites; two runs doing that at once (a backfill, a manual run
    beside the scheduled one) could interleave writes.
    """
    lock_dir = gx_project_root() / "gx" / "uncommitted"
    lock_dir.mkdir(parents=True, exist_ok=True)
    with open(lock_dir / ".run.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _connect(url: str):
    from xiangmu.warehouse import connect

    return connect(url, autocommit=True)


def ensure_quality_schema(url: str) -> None:
    with _connect(url) as conn:
        conn.execute("select pg_advisory_lock(hashtext('xiangmu.quality'))")
        try:
            conn.execute(ROW_COUNT_DDL)
        finally:
            conn.execute("select pg_advisory_unlock(hashtext('xiangmu.quality'))")


def record_mart_row_counts(
    url: str, passed: bool, run_id: str, tables: tuple[MartTable, ...] = MART_TABLES
) -> dict[str, int]:
    """Store this run's mart row counts; the next marts check compares with the last passed run."""
    counts: dict[str, int] = {}
    with _connect(url) as conn:
        editions = conn.execute(COMPLETE_EDITIONS_SQL).fetchone()[0]
        for table in tables:
            try:
                row = conn.execute(f"select count(*) from {MART_SCHEMA}.{table.name}").fetchone()
            except Exception as exc:  # a missing mart is reported by GX already
                log.warning("cannot count %s.%s: %s", MART_SCHEMA, table.name, exc)
                continue
            counts[table.name] = int(row[0])
        with conn.transaction():
            for name, count in counts.items():
                conn.execute(
                    f"insert into {ROW_COUNT_TABLE} (table_name, row_count, passed, run_id, edition_count)"
                    " values (%s, %s, %s, %s, %s)",
                    (name, count, passed, run_id, editions),
                )
    return counts


def _edition_label(url: str, data_run_id: str | None) -> str:
    """`editions_2023-08-07` (or a range, or `editions_upto_...`) for the validation's run name."""
    try:
        with _connect(url) as conn:
            label = edition_label(conn, data_run_id)
    except Exception as exc:  # the label must never fail a check: the checkpoint reports the real problem
        log.warning("cannot tell which editions were checked: %s", exc)
        return "editions_unknown"
    return label.replace(" up to ", "_upto_").replace("..", "_to_").replace(" ", "_")

def run_checkpoint(
    name: str,
    *,
    url: str | None = None,
    run_id: str | None = None,
    whole_history: bool = False,
    thresholds: Thresholds | None = None,
    specs: list[SuiteSpec] | None = None,
) -> QualityResult:
    """Validate one checkpoint (`raw`, `extraction` or `marts`) and rebuild Data Docs.

    url is the warehouse (a libpq URL) the caller resolved: the pipeline
    passes its Airflow connection's; without one, WAREHOUSE_URL or the
    embedded server (the CLI below and the tests).

    run_id names the validation run in Data Docs. For `raw` and `extraction`
    it also limits the checks to rows that pipeline run staged (raw tables
    are append-only, so old bad rows could otherwise never be cleared);
    whole_history=True checks every row instead. `marts` always checks the
    whole of marts_candidate and records its row counts for the next run.
    thresholds and specs override the env-derived limits and the suites.
    """
    from great_expectations.core.run_identifier import RunIdentifier

    from xiangmu.warehouse import warehouse_url

    if name not in CHECKPOINTS:
        raise KeyError(f"unknown checkpoint {name!r}; expected one of {CHECKPOINTS}")
    url = url or warehouse_url()
    started = datetime.now(UTC)
    run_name = run_id or f"{name}-{started:%Y%m%dT%H%M%S%fZ}"
    data_run_id = run_id if (name in RUN_SCOPED and run_id and not whole_history) else None

    if name == "marts":
        ensure_quality_schema(url)
    timer = _PhaseTimer()
    if name in TABLES_READ:
        from xiangmu.warehouse import connect
        from xiangmu.warehouse.statistics import analyze_stale

        with connect(url, autocommit=True) as conn:
            analyze_stale(conn, TABLES_READ[name])
        timer.lap("statistics")
    with _context_lock():
        context = _context(url, data_run_id)
        timer.lap("context")
        checkpoint = build_checkpoint(context, name, thresholds=thresholds, specs=specs)
        timer.lap("register")
        # Data Docs list runs by name: lead with the edition dates the run checked.
        docs_run_name = f"{_edition_label(url, data_run_id)}__{run_name}"
        gx_result = checkpoint.run(run_id=RunIdentifier(run_name=docs_run_name, run_time=started))
        timer.lap("validate")
        # the store, and so the docs below, the size of the retention window (expectations.retention)
        archive_old_results(
            validation_results_dir(context), config.gx_keep_days(), site=data_docs_dir() / "validations"
        )
        timer.lap("retention")
        build_data_docs_for(context, gx_result)
        timer.lap("docs")
        failures, evaluated = _failures_from(gx_result)
        success = bool(gx_result.success) and not failures

        if name == "marts":
            record_mart_row_counts(url, success, run_name)

        index = data_docs_index()  # build_data_docs_for always writes it
        localize_data_docs(data_docs_dir(), since=started)  # served offline: local assets, no CDN
    log.info("checkpoint %s took %s", name, timer)
    result = QualityResult(
        checkpoint=name,
        success=success,
        failures=failures,
        data_docs_index=index,
        run_id=run_name,
        evaluated_expectations=evaluated,
        data_run_id=data_run_id,
    )
    log.info(
        "checkpoint %s %s: %d expectations, %d failed; Data Docs %s",
        name,
        "passed" if success else "FAILED",
        evaluated,
        len(failures),
        index,
    )
    for failure in failures:
        log.warning("quality failure: %s", failure.summary())
    return result


def main(argv: list[str] | None = None) -> int:
    """`python -m expectations.run raw|extraction|marts [--run-id ID] [--whole-history]`."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("checkpoint", choices=CHECKPOINTS)
    parser.add_argument("--run-id")
    parser.add_argument("--whole-history", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    result = run_checkpoint(args.checkpoint, run_id=args.run_id, whole_history=args.whole_history)
    print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    return 0 if result.success else 1


if __name__ == "__main__":
    raise SystemExit(main())
