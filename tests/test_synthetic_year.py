"""The benchmark's synthetic archive weighs what real editions weigh, and the scrapers read all of it.

Why: `make bench` times a year through Airflow on this archive; with the
sample's 7-8 articles per edition a "year" would be a quarter of a real one
(issue 15 measured about 64 per edition) and every figure four times too kind.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import synthetic_year  # bench/ is on pytest's pythonpath (pyproject.toml)

from scrapers.inspect import parse_html


@pytest.mark.parametrize("per_edition", [64, None])
def test_every_edition_has_its_articles_each_linked_once_from_its_pages(tmp_path: Path, per_edition: int | None
                                                                        ) -> None:
    made = synthetic_year.generate(tmp_path, dt.date(2023, 1, 1), 2, per_edition)
    assert made["editions"] == 4
    for paper in ("sjzrb", "hbrb"):
        for day in ("01", "02"):
            layouts = sorted(p for p in tmp_path.joinpath(paper).rglob(f"202301/{day}/*.htm*")
                             if p.name.startswith("node_"))
            assert layouts, (paper, day)
            linked: list[str] = []
            for layout in layouts:
                url = "http://127.0.0.1/" + layout.relative_to(tmp_path).as_posix()
                page = parse_html(layout.read_text("utf-8"), url)
                linked += [a["url"] for a in page["articles"]]
            assert len(linked) == len(set(linked)), f"{paper} {day}: an article linked twice"
            if per_edition:
                assert len(linked) == per_edition, (paper, day, len(linked))
            else:
                assert 5 <= len(linked) <= 12, (paper, day, len(linked))
    if per_edition:
        assert made["articles"] == 4 * per_edition
