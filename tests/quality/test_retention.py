"""Validation results beyond the retention window leave the store (and Data Docs) for a monthly zip.

Why it matters: GX reads every stored result to rebuild the Data Docs index on
each checkpoint run, so without a window a daily run's checks grew slower with
every year of history (expectations/retention.py).
"""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from quality_synthetic import add_good_day

from expectations.retention import ARCHIVE_DIR, RUN_TIME_FORMAT, archive_old_results, run_time_of
from expectations.run import run_checkpoint

NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)


def _result(store: Path, suite: str, run_name: str, when: datetime, body: str = "{}") -> Path:
    path = store / suite / run_name / when.strftime(RUN_TIME_FORMAT) / "warehouse-batch.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, "utf-8")
    return path


def test_results_older_than_the_window_move_to_one_zip_per_month(tmp_path: Path) -> None:
    store = tmp_path / "uncommitted" / "validations"
    recent = _result(store, "marts/row_counts", "today", NOW - timedelta(days=3))
    edge = _result(store, "marts/row_counts", "edge", NOW - timedelta(days=89, hours=23))
    july = _result(store, "raw/articles", "july", datetime(2026, 7, 9, tzinfo=UTC), '{"july": 1}')
    july2 = _result(store, "marts/row_counts", "july2", datetime(2026, 7, 30, tzinfo=UTC))
    may = _result(store, "raw/articles", "may", datetime(2026, 5, 1, tzinfo=UTC))
    (store / ".ge_store_backend_id").write_text("store-id")  # GX's own file: never a result
    site = tmp_path / "data_docs" / "validations"  # Data Docs pages mirror the store's paths
    pages = {}
    for result in (recent, july, may):
        page = (site / result.relative_to(store)).with_suffix(".html")
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text("<html></html>")
        pages[result] = page

    moved = archive_old_results(store, 90, site=site, now=NOW)

    archive = tmp_path / "uncommitted" / ARCHIVE_DIR
    assert moved.results == 3
    assert sorted(p.name for p in moved.archives) == ["2026-05.zip", "2026-07.zip"]
    assert recent.is_file() and edge.is_file() and (store / ".ge_store_backend_id").is_file()
    assert not july.exists() and not july2.exists() and not may.exists()
    assert not (store / "raw" / "articles" / "july").exists(), "emptied run directories are removed"
    assert (store / "marts" / "row_counts").is_dir()
    assert pages[recent].is_file() and not pages[july].exists() and not pages[may].exists()
    assert not (site / "raw").exists(), "an archived result's page goes with its directories"
    with zipfile.ZipFile(archive / "2026-07.zip") as zf:
        names = sorted(zf.namelist())
        assert names == sorted([july.relative_to(store).as_posix(), july2.relative_to(store).as_posix()])
        assert zf.read(july.relative_to(store).as_posix()) == b'{"july": 1}'
    assert archive_old_results(store, 90, now=NOW).results == 0  # idempotent


def test_an_interrupted_pass_is_finished_without_duplicates(tmp_path: Path) -> None:
    """A result already in its zip but still in the store (a pass killed in between) is archived once."""
    store = tmp_path / "validations"
    old = _result(store, "raw/articles", "old", datetime(2026, 1, 5, tzinfo=UTC))
    archive_old_results(store, 30, now=NOW)
    _result(store, "raw/articles", "old", datetime(2026, 1, 5, tzinfo=UTC))  # back, as if never unlinked
    assert archive_old_results(store, 30, now=NOW).results == 1
    assert not old.exists()
    with zipfile.ZipFile(tmp_path / ARCHIVE_DIR / "2026-01.zip") as zf:
        assert len(zf.namelist()) == 1


def test_run_time_is_read_from_the_directory_gx_files_the_result_under(tmp_path: Path) -> None:
    when = datetime(2025, 3, 1, 8, 30, 15, 123456, tzinfo=UTC)
    assert run_time_of(_result(tmp_path, "s", "r", when)) == when
    assert run_time_of(tmp_path / "s" / "r" / "not-a-time" / "x.json") is None


def test_keep_days_must_be_a_sane_number(monkeypatch: pytest.MonkeyPatch) -> None:
    from xiangmu import config

    monkeypatch.setenv("XIANGMU_GX_KEEP_DAYS", "0")
    with pytest.raises(ValueError, match="XIANGMU_GX_KEEP_DAYS"):
        config.gx_keep_days()
    monkeypatch.setenv("XIANGMU_GX_KEEP_DAYS", "30")
    assert config.gx_keep_days() == 30


def test_a_checkpoint_run_archives_old_results_and_their_pages_leave_data_docs(
    db: psycopg.Connection, warehouse: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """End to end with GX: a result dated before the window leaves the store, the site and the index."""
    from expectations.context import data_docs_dir, get_context, validation_results_dir

    add_good_day(db, run_id="retention-old")
    old = run_checkpoint("raw", run_id="retention-old")
    assert old.success
    store = validation_results_dir(get_context(warehouse))
    site = data_docs_dir() / "validations"
    # date that run's results (store and pages) 200 days back, as if it ran then
    then = datetime.now(UTC) - timedelta(days=200)
    backdated = then.strftime(RUN_TIME_FORMAT)
    moved_dirs = []
    for root in (store, site):
        for run_time_dir in [p for p in root.rglob("*") if p.is_dir() and "retention-old" in p.parent.name]:
            moved_dirs.append(run_time_dir.rename(run_time_dir.with_name(backdated)))
    assert any(store in d.parents for d in moved_dirs) and any(site in d.parents for d in moved_dirs)
    old_pages = [p for p in site.rglob("*.html") if "retention-old" in str(p)]
    assert old_pages

    monkeypatch.setenv("XIANGMU_GX_KEEP_DAYS", "90")
    new = run_checkpoint("raw", run_id="retention-new")

    assert new.success
    assert not [p for p in store.rglob("*.json") if "retention-old" in str(p)], "old results left the store"
    assert not [p for p in old_pages if p.exists()], "their Data Docs pages are gone"
    assert not [d for d in site.rglob("*") if d.is_dir() and "retention-old" in d.name], "and their directories"
    assert [p for p in site.rglob("*.html") if "retention-new" in str(p)], "the new run has its pages"
    index = new.data_docs_index.read_text("utf-8")
    assert "retention-new" in index and "retention-old" not in index
    archived = store.parent / ARCHIVE_DIR / f"{then:%Y-%m}.zip"
    with zipfile.ZipFile(archived) as zf:
        assert [n for n in zf.namelist() if "retention-old" in n]
