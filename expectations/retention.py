"""Keep the validation results GX reads on every run to a window of days, not to the whole history.

Why: each checkpoint run rebuilds the Data Docs index, and GX builds it by
listing, reading and rendering every validation result in its store (and the
offline rewrite read every page of the site). A daily run leaves about a dozen
results, so that cost grew with the years behind the warehouse: measured on
the `marts` checkpoint, its Data Docs took 1.2 s with ~600 stored results,
2.6 s with 3,000 and 11-12 s with 12,800 (about three years of daily runs),
three checkpoints a day. A daily run must cost the same in year five as in
week one (issue 15).

How: before a checkpoint builds its docs, results older than
XIANGMU_GX_KEEP_DAYS (by their run time, default 90 days) move out of the
store into one zip per month under `uncommitted/validations_archive/`
(nothing is deleted: unzip a month back into `uncommitted/validations/` to
see it in Data Docs again). GX then drops those results' pages from the site
when it rebuilds the index (DefaultSiteIndexBuilder cleans pages whose result
is gone), so the store, the site and the index stay the size of the window.
"""

from __future__ import annotations

import logging
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

log = logging.getLogger(__name__)

# GX's validation results store: <suite path>/<run name>/<run time>/<batch id>.json
RUN_TIME_FORMAT = "%Y%m%dT%H%M%S.%fZ"
ARCHIVE_DIR = "validations_archive"


@dataclass(frozen=True)
class Archived:
    """What one pass moved: result files, and the monthly archives they went to."""

    results: int
    archives: tuple[Path, ...]


def run_time_of(result: Path) -> datetime | None:
    """The run time GX filed a stored result under (its parent directory), or None for any other file."""
    try:
        return datetime.strptime(result.parent.name, RUN_TIME_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None


def archive_old_results(
    store: Path, keep_days: float, *, site: Path | None = None, now: datetime | None = None
) -> Archived:
    """Move the results in `store` older than `keep_days` into `<store>/../validations_archive/YYYY-MM.zip`.

    site: the Data Docs' `validations/` directory, whose pages mirror the
    store's paths: an archived result's page goes too, with its directories.
    (GX would delete the page itself at the next index build, but leaves its
    directories behind, and every later build walks them: 5 years of daily
    runs left ~15,000 empty directories.)

    Idempotent and safe to interrupt: a file is removed from the store only
    after its archive holds it, and a file already archived (an interrupted
    earlier pass) is not written twice.
    """
    if not store.is_dir():
        return Archived(0, ())
    cutoff = (now or datetime.now(UTC)) - timedelta(days=keep_days)
    old: dict[str, list[Path]] = {}
    for result in store.rglob("*.json"):
        when = run_time_of(result)
        if when is not None and when < cutoff:
            old.setdefault(f"{when:%Y-%m}", []).append(result)
    if not old:
        return Archived(0, ())
    archive_dir = store.parent / ARCHIVE_DIR
    archive_dir.mkdir(parents=True, exist_ok=True)
    moved, archives = 0, []
    for month, results in sorted(old.items()):
        target = archive_dir / f"{month}.zip"
        with zipfile.ZipFile(target, "a", compression=zipfile.ZIP_DEFLATED) as archive:
            held = set(archive.namelist())
            for result in results:
                name = result.relative_to(store).as_posix()
                if name not in held:
                    archive.write(result, name)
        for result in results:
            result.unlink()
            _remove_empty_parents(result.parent, store)
            if site is not None:
                page = (site / result.relative_to(store)).with_suffix(".html")
                page.unlink(missing_ok=True)
                _remove_empty_parents(page.parent, site)
        moved += len(results)
        archives.append(target)
    log.info("archived %d validation results older than %g days into %s", moved, keep_days, archive_dir)
    return Archived(moved, tuple(archives))


def _remove_empty_parents(directory: Path, store: Path) -> None:
    """Remove `directory` and its parents up to (not including) `store` while they are empty."""
    while directory != store and store in directory.parents:
        try:
            directory.rmdir()
        except OSError:  # not empty
            return
        directory = directory.parent
