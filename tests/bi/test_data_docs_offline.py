"""The GX Data Docs index, opened in headless Chromium with no network, lists the validations.

Each validation's run name leads with the edition dates it checked
(expectations/offline_docs.py), and the pages load only local assets.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import quality_synthetic
from cdp import Browser, chromium_binary
from state import gx_project

from expectations.offline_docs import available_assets

ROOT = Path(__file__).resolve().parents[2]

DAY = date(2026, 11, 22)  # quality_synthetic's default edition date
# Every name resolves nowhere and every request goes to a dead proxy: the page gets no network.
NO_NETWORK = ["--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>"]

pytestmark = [
    pytest.mark.skipif(chromium_binary() is None, reason="chromium not installed (apt-get install -y chromium)"),
    pytest.mark.skipif("jquery.min.js" not in available_assets(),
                       reason="no local jQuery (XStatic-jQuery or Debian libjs-jquery)"),
]


@pytest.fixture(scope="module")
def data_docs(isolated_state: Path) -> Path:
    """Two checkpoints run on one synthetic edition; returns the Data Docs index."""
    with gx_project(isolated_state):
        from expectations.run import run_checkpoint
        from xiangmu.warehouse import connect, ensure_schema

        with connect(autocommit=True) as conn:
            ensure_schema(conn)
            quality_synthetic.add_good_day(conn, run_id="run-good")
        raw = run_checkpoint("raw", run_id="run-good")
        extraction = run_checkpoint("extraction", run_id="run-good")
        assert raw.success and extraction.success, (raw.failures, extraction.failures)
        yield raw.data_docs_index


def test_pages_reference_no_remote_asset(data_docs: Path) -> None:
    pages = list(data_docs.parent.rglob("*.html"))
    assert len(pages) >= 3  # the index and one page per validation
    for page in pages:
        html = page.read_text("utf-8")
        assert "<script src=\"http" not in html and "stylesheet\" href=\"http" not in html, page
    assert (data_docs.parent / "static" / "vendor" / "bootstrap-table-lite.js").exists()


def test_index_lists_each_validation_with_its_edition_date_offline(data_docs: Path) -> None:
    with Browser(extra_flags=NO_NETWORK) as browser:
        browser.navigate(data_docs.as_uri())
        rows_js = ("Array.from(document.querySelectorAll('table.bootstrap-table-lite tbody tr'))"
                   ".map(tr => tr.innerText)")
        rows = browser.wait_for(
            lambda: [r for r in browser.evaluate(rows_js) if f"editions_{DAY}" in r] or None,
            timeout=60, what="validation rows in the Data Docs index",
        )
        requested = [e["params"]["request"]["url"] for e in browser.events
                     if e.get("method") == "Network.requestWillBeSent"]
        # Both checkpoints' validations are listed, each naming the edition it checked.
        assert len(rows) >= 2, rows
        assert all("run-good" in row for row in rows)
        assert not [u for u in requested if not u.startswith(("file:", "data:"))], requested
        assert not browser.failed_requests()
        # A row links to its validation page, which opens offline too.
        browser.click_until("table.bootstrap-table-lite tbody tr[data-href]",
                            lambda: "/validations/" in browser.evaluate("location.href"), what="validation page")
        browser.wait_for(lambda: browser.evaluate("document.readyState") == "complete", what="page load")
        assert f"editions_{DAY}" in browser.evaluate("decodeURIComponent(location.href) + document.body.innerText")
