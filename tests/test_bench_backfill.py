"""`make bench` (h): from how many dates a polite backfill stays within 10% of its floor.

Why a test: the bench is not run in CI, and the figure it prints is what the
notes quote against issue 15's 10%.
"""

from __future__ import annotations

import bench_backfill  # bench/ is on pytest's pythonpath (pyproject.toml)


def test_polite_backfill_reports_from_how_many_dates_it_stays_within_10_percent() -> None:
    """(h)'s break-even: what a backfill pays beyond its floor over 10% of one date's floor, rounded up."""
    # 46.7 s beyond the floor, 67.5 s of floor per date: 7 dates are the first within 10% (6 would be 1.115x)
    assert bench_backfill.dates_within(1.10, 46.7, 67.5) == 7
    assert (6 * 67.5 + 46.7) / (6 * 67.5) > 1.10 >= (7 * 67.5 + 46.7) / (7 * 67.5)
    assert bench_backfill.dates_within(1.10, -3.0, 67.5) == 1  # no cost beyond the floor: any backfill
    assert bench_backfill.dates_within(1.10, 10.0, 0.0) is None  # no floor (politeness off): no such length
