"""The repo's Superset dashboards, imported into a real Superset and opened in headless Chromium.

What a user does after `make bi`: log in, open each dashboard, see every chart
drawn with data. The warehouse is a published one built from synthetic rows
(bi_data.py); Superset runs from .venv-bi (`make bi-install`) with its metadata
under the test's state dir, and reads the warehouse as bi_reader.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import bi_data
import pytest
import superset_bi
import yaml
from cdp import Browser, chromium_binary
from processes import stop

BUNDLE = superset_bi.ROOT / "bi" / "dashboards"
DASHBOARDS = {
    path.stem: yaml.safe_load(path.read_text("utf-8")) for path in sorted((BUNDLE / "dashboards").glob("*.yaml"))
}
# Where a screenshot of each dashboard goes (for people looking at the run).
SHOTS = Path(os.environ.get("XIANGMU_BI_SCREENSHOTS", "")) if os.environ.get("XIANGMU_BI_SCREENSHOTS") else None

pytestmark = [
    pytest.mark.skipif(not (superset_bi.BI_VENV / "bin" / "gunicorn").exists(),
                       reason="Superset not installed: run `make bi-install`"),
    pytest.mark.skipif(chromium_binary() is None, reason="chromium not installed (apt-get install -y chromium)"),
]


def chart_count(dashboard: dict) -> int:
    return sum(1 for node in dashboard["position"].values() if isinstance(node, dict) and node.get("type") == "CHART")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bi_reader_url() -> str:
    """bi_reader's login as a BI tool gets it: `xiangmu bi-credentials` (TCP on 127.0.0.1, password)."""
    xiangmu = superset_bi.ROOT / ".venv" / "bin" / "xiangmu"
    result = subprocess.run([str(xiangmu), "bi-credentials"], capture_output=True, text=True, check=True)
    url = result.stdout.strip()
    assert url.startswith("postgresql://bi_reader:") and "@127.0.0.1:" in url, "one line: the URL"
    return url


@pytest.fixture(scope="module")
def superset(isolated_state: Path) -> Iterator[str]:
    """A running Superset (gunicorn on 127.0.0.1) with the dashboards imported; yields its base URL."""
    bi_data.build_published_warehouse()
    superset_bi.setup(superset_bi.sqlalchemy_url(bi_reader_url()))
    port = _free_port()
    log = (isolated_state / "superset.log").open("wb")
    server = subprocess.Popen(superset_bi.serve_command("127.0.0.1", port), env=superset_bi.superset_env(),
                              stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.urlopen(base + "/health", timeout=5) as response:
                    if response.read() == b"OK":
                        break
            except OSError:
                pass
            assert server.poll() is None, f"Superset exited; see {log.name}"
            assert time.monotonic() < deadline, f"Superset did not answer /health; see {log.name}"
            time.sleep(1)
        yield base
    finally:
        stop(server, timeout=30)
        log.close()


@pytest.fixture(scope="module")
def browser(superset: str, isolated_state: Path) -> Iterator[Browser]:
    """Chromium logged in as the admin whose password `make bi` generated."""
    password = (isolated_state / "superset" / "admin_password").read_text("ascii").strip()
    with Browser() as chromium:
        try:
            log_in(chromium, superset, "admin", password)
        except TimeoutError as exc:  # what Superset said meanwhile, for whoever reads the CI log
            lines = (isolated_state / "superset.log").read_text("utf-8", errors="replace").splitlines()
            raise TimeoutError(f"{exc}\nlast lines of superset.log:\n" + "\n".join(lines[-25:])) from exc
        yield chromium


def log_in(chromium: Browser, base: str, user: str, password: str, attempts: int = 3) -> None:
    """Log in through Superset's React login form, as a user would, retrying what a user would retry.

    Why the retries: on a loaded machine the form can re-render between the
    typing and the click (the values are lost and the form only complains),
    or the click lands before its handler. Each failed attempt is reported
    with what the page said, so a real failure (wrong password) still fails.
    """
    ready = ("document.readyState === 'complete' && !!document.querySelector('#username')"
             " && !!document.querySelector('#password') && !!document.querySelector('[data-test=login-button]')")
    typed = "[document.querySelector('#username').value, document.querySelector('#password').value.length]"
    failures = []
    for _ in range(attempts):
        chromium.navigate(base + "/login/")
        chromium.wait_for(lambda: chromium.evaluate(ready), timeout=120, what="login form")
        chromium.pump(1)  # the form settles (autofocus, theme) before anyone types
        chromium.type_into("#username", user)
        chromium.type_into("#password", password)
        if chromium.evaluate(typed) != [user, len(password)]:
            failures.append(f"typed values lost: {chromium.evaluate(typed)}")
            continue
        try:
            chromium.click_until("[data-test=login-button]",
                                 lambda: "/login" not in chromium.evaluate("location.pathname"),
                                 what="login", attempts=2, every=30)
            return
        except TimeoutError:
            failures.append(chromium.evaluate("document.body.innerText.slice(0, 300)"))
    raise TimeoutError(f"could not log in to Superset in {attempts} attempts: {failures}")


def test_state_holds_metadata_and_a_private_secret(superset: str, isolated_state: Path) -> None:
    home = isolated_state / "superset"
    assert (home / "superset.db").stat().st_size > 0
    assert home.stat().st_mode & 0o777 == 0o700
    assert (home / "secret_key").stat().st_mode & 0o777 == 0o600
    assert (home / "admin_password").stat().st_mode & 0o777 == 0o600
    with sqlite3.connect(home / "superset.db") as meta:
        uris = meta.execute("select database_name, sqlalchemy_uri from dbs").fetchall()
        titles = {row[0] for row in meta.execute("select dashboard_title from dashboards")}
    assert [(name, uri.split("://")[1].split(":")[0].split("@")[0]) for name, uri in uris] == [
        ("Xiangmu marts", "bi_reader")
    ]
    assert titles == {d["dashboard_title"] for d in DASHBOARDS.values()}


@pytest.mark.parametrize("slug", sorted(DASHBOARDS))
def test_dashboard_renders_every_chart_with_data(browser: Browser, superset: str, slug: str) -> None:
    expected = chart_count(DASHBOARDS[slug])
    assert expected >= 2
    browser.navigate(f"{superset}/superset/dashboard/{slug}/")
    holders = "document.querySelectorAll('.dashboard-component-chart-holder')"
    rendered = f"""Array.from({holders}).map(h => ({{
        title: (h.querySelector('[data-test=editable-title], .header-title') || h).innerText.split('\\n')[0],
        canvas: Array.from(h.querySelectorAll('canvas')).filter(c => c.width > 0 && c.height > 0).length,
        rows: h.querySelectorAll('tbody tr').length,
        bigNumber: (h.querySelector('.header-line') || {{innerText: ''}}).innerText.trim(),
        errors: h.querySelectorAll('[data-test=chart-error], .ant-alert-error, .alert-danger').length,
        loading: h.querySelectorAll('[data-test=loading-indicator], .loading').length,
    }}))"""

    def done() -> list[dict] | None:
        charts = browser.evaluate(rendered)
        drawn = [c for c in charts if not c["loading"] and (c["canvas"] or c["rows"] or c["bigNumber"] or c["errors"])]
        return charts if len(charts) == expected and len(drawn) == expected else None

    charts = browser.wait_for(done, timeout=120, what=f"{expected} charts of {slug} to render")
    browser.pump(1)
    assert all(c["errors"] == 0 for c in charts), charts
    assert all(c["canvas"] or c["rows"] or c["bigNumber"] for c in charts), charts

    # What the charts asked for: one successful query per chart (plus the native filters'), each with rows.
    replies = browser.responses("/api/v1/chart/data")
    results = [result for reply in replies for result in json.loads(reply["body"]).get("result", [])]
    assert all(reply["status"] == 200 for reply in replies), [r["body"][:300] for r in replies]
    assert len(results) >= expected
    assert all(result.get("error") is None and result["rowcount"] > 0 for result in results), [
        (r.get("rowcount"), r.get("error")) for r in results
    ]
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        browser.screenshot(SHOTS / f"{slug}.png")
