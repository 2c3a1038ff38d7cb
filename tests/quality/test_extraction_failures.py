"""The extraction checkpoint on failed articles and refused figures (issue 12), real PostgreSQL and GX.

The real loader runs over invented articles; one extractor failure is simulated by wrapping
the extractor (no known input crashes it any more).
"""

from __future__ import annotations

import html as html_lib
import re

import psycopg
import pytest
from quality_synthetic import GOOD_BODY, add_edition

import xiangmu.load.facts as loader
from expectations.run import run_checkpoint
from expectations.suites import suites_for

RUN = "run-extract"
SUITE = "extraction.failed_articles"
OURS = (SUITE, "extraction.rejected_figures")


def _check():
    """The extraction checkpoint with only the suites of this issue (env thresholds read now)."""
    specs = [s for s in suites_for("extraction") if s.name in OURS]
    assert [s.name for s in specs] == list(OURS)
    return run_checkpoint("extraction", run_id=RUN, specs=specs)


@pytest.fixture()
def one_of_four_fails(db: psycopg.Connection, monkeypatch) -> psycopg.Connection:
    real = loader.extract_facts

    def fake(text, published, newspaper):
        if "BOOM" in text:
            raise RuntimeError("simulated extractor bug")
        return real(text, published, newspaper)

    monkeypatch.setattr(loader, "extract_facts", fake)
    bodies = [
        GOOD_BODY,
        GOOD_BODY + "项目建成后将带动就业。",
        "本报讯 BOOM 石家庄市开工项目3个，总投资5亿元。",
        "本报讯 11月22日，石家庄市集中开工项目20000个，总投资" + "9" * 40 + "亿元，年度计划投资162亿元。",
    ]
    add_edition(db, run_id=RUN, bodies=bodies)
    summary = loader.extract_pending(db, run_id=RUN)
    assert (summary["articles"], summary["failed"], summary["rejected_figures"]) == (4, 1, 2)
    return db


def test_a_failed_share_above_the_threshold_fails_the_checkpoint(one_of_four_fails, monkeypatch) -> None:
    monkeypatch.setenv("XIANGMU_MAX_FAILED_ARTICLE_SHARE", "0.05")
    result = _check()
    assert not result.success
    [failure] = [f for f in result.failures if f.suite == SUITE]
    assert failure.column == "failed_article_share"
    assert float(failure.observed_value) == pytest.approx(0.25)
    assert result.failed_suites == [SUITE], "refused figures alone never fail the run"


def test_below_the_threshold_the_run_passes_and_refused_figures_show_in_data_docs(
    one_of_four_fails, monkeypatch
) -> None:
    monkeypatch.setenv("XIANGMU_MAX_FAILED_ARTICLE_SHARE", "0.3")
    result = _check()
    assert result.success, [f.summary() for f in result.failures]
    pages = list(result.data_docs_index.parent.glob("validations/extraction/rejected_figures/**/*.html"))
    assert pages, "the refused figures have a Data Docs page"
    html = max(pages, key=lambda p: p.stat().st_mtime).read_text("utf-8")
    text = re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", html)))
    observed = dict(re.findall(r"Figures refused for (\w+) \([^)]*\): the observed value is how many\. (\d+)", text))
    assert observed == {
        "number_too_long": "1", "amount_too_large": "0", "count_too_large": "1", "day_not_exist": "0",
        "place_unknown": "0",
    }
    assert re.search(r"in extract\.rejected_figures\): the observed value is how many\. 2\b", text)
