"""`make bench` (a) parses every sample page: a page the bench cannot classify stops the whole bench.

Why a test: the bench is not run in CI, and its first step crashed on the sites'
entry redirects (index.html) for as long as nobody ran it.
"""

from __future__ import annotations

import run_all  # bench/ is on pytest's pythonpath (pyproject.toml)


def test_parse_bench_reads_every_sample_node_and_article_page() -> None:
    rows = run_all.bench_parse(1)
    assert {(r["paper"], r["kind"]) for r in rows} == {
        (paper, kind) for paper in run_all.PAPERS for kind in ("node", "article")
    }
    for r in rows:
        assert r["pages"] > 0 and r["parses"] == r["pages"], r
        files = run_all._sample_files(r["paper"])[r["kind"]]
        assert not [p for p in files if p.name == "index.html"], "entry redirects are neither nodes nor articles"
