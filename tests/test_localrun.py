"""`xiangmu backfill`'s bookkeeping without Airflow: tally, loud warnings, base URLs honoured."""

from __future__ import annotations

import urllib.request

from xiangmu import localrun

DAYS = ["2023-08-01", "2023-08-02", "2023-08-03"]


def test_tally_counts_the_latest_outcome_of_every_edition():
    outcomes = {("sjzrb", "2023-08-01"): "complete", ("sjzrb", "2023-08-02"): "no_edition",
                ("sjzrb", "2023-08-03"): "partial", ("hbrb", "2023-08-01"): "failed"}
    tally = localrun.tally_outcomes(outcomes, ["sjzrb", "hbrb"], DAYS)
    assert tally["sjzrb"] == {"complete": 1, "no_edition": 1, "partial": 1, "failed": 0, "layout_changed": 0}
    # a date never recorded is reported, not silently dropped
    assert tally["hbrb"]["failed"] == 1 and tally["hbrb"]["missing"] == 2


def test_a_range_without_any_edition_warns_loudly():
    tally = localrun.tally_outcomes({("sjzrb", d): "no_edition" for d in DAYS}
                                    | {("hbrb", d): "complete" for d in DAYS}, ["sjzrb", "hbrb"], DAYS)
    warnings = localrun.no_edition_warnings(tally, DAYS[0], DAYS[-1])
    assert len(warnings) == 1
    assert "sjzrb" in warnings[0] and "XIANGMU_SJZRB_BASE_URL" in warnings[0] and "NO edition" in warnings[0]
    lines: list[str] = []
    report = localrun.BackfillReport(DAYS[0], DAYS[-1], ["sjzrb", "hbrb"], tally, dict.fromkeys(DAYS, 1),
                                     warnings=warnings)
    localrun.print_report(report, out=lines.append)
    assert any("!!!!" in line and "sjzrb found NO edition" in line for line in lines)


def test_sample_server_starts_only_when_no_base_url_is_set(monkeypatch):
    for code in ("SJZRB", "HBRB"):
        monkeypatch.delenv(f"XIANGMU_{code}_BASE_URL", raising=False)
    with localrun.sources() as env:
        url = env["XIANGMU_SJZRB_BASE_URL"]
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(url.rsplit("/", 1)[0] + "/robots.txt", timeout=5) as resp:
            assert resp.status == 200
    monkeypatch.setenv("XIANGMU_SJZRB_BASE_URL", "http://mirror.invalid/sjzrb")
    with localrun.sources() as env:
        # the user's URL stands; nothing is served, nothing overridden, politeness untouched
        assert env == {}
    assert localrun.configured_base_urls() == {"XIANGMU_SJZRB_BASE_URL": "http://mirror.invalid/sjzrb"}
