"""The quality gate end to end: bad data fails a check, a human is told, the marts stay as they were.

Two real DAG runs (Airflow's scheduler through localrun.run_dates, the sample
archive served over HTTP, an embedded PostgreSQL of this module's own) with
the alert connections pointing at a real HTTP receiver and a real SMTP server
(aiosmtpd) started here:

1. a clean date: nothing is sent, the marts are published;
2. another date whose archive copy carries one absurd amount
   (总投资500000亿元 = 5e13 yuan) in one article: the extraction
   checkpoint fails, exactly one alert per failed task reaches both channels
   with the DAG, logical date, suite, failed expectation, observed value and
   Data Docs location, and `marts` is left exactly as the clean run left it.

Nothing here names the dbt tasks, which may become a task group.
"""

from __future__ import annotations

import html
import json
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from receivers import Mailbox, WebhookReceiver, serve_smtp, serve_webhook

from xiangmu.local import airflow_env, localrun
from xiangmu.warehouse import connect

pytestmark = [pytest.mark.e2e, pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")]

DAG_ID = localrun.DAG_ID
CLEAN_DAY = "2023-08-09"
BAD_DAY = "2023-08-08"
# One sjzrb article of BAD_DAY; its sentence 签约项目46个，总投资623亿元 becomes absurd.
BAD_ARTICLE = Path("sjzrb/sjzrbpaper/pc/content/202308/08/content_1011.html")
GOOD_TEXT = "总投资623亿元，涵盖"
# Above the checks' 1e13-yuan plausibility limit (amount_cny_max), below the extractor's own
# refusal bound (100万亿元 = 1e14, xiangmu.extract.rejected): a figure the rules still emit,
# so the extraction check is what must catch it.
BAD_TEXT = "总投资500000亿元，涵盖"
BAD_AMOUNT_CNY = 50_000_000_000_000  # 500000亿元 in yuan
SMTP_LOGIN, SMTP_PASSWORD = "alerts", "e2e-s3cret"
MAIL_FROM, MAIL_TO = "xiangmu@example.test", ["data@example.test", "oncall@example.test"]
# Tasks that exist whatever shape the dbt step takes.
STABLE_TASKS = ("check_raw", "extract", "check_extraction", "check_marts", "publish")


@pytest.fixture(scope="module")
def webhook() -> Iterator[WebhookReceiver]:
    with serve_webhook() as receiver:
        yield receiver


@pytest.fixture(scope="module")
def mailbox() -> Iterator[Mailbox]:
    with serve_smtp(SMTP_LOGIN, SMTP_PASSWORD) as box:
        yield box


def _alert_env(webhook: WebhookReceiver, mailbox: Mailbox, gx_dir: Path) -> dict[str, str]:
    """Both alert channels as Airflow connections in env vars (URI and JSON form)."""
    smtp = {
        "conn_type": "smtp",
        "host": "127.0.0.1",
        "port": mailbox.port,
        "login": SMTP_LOGIN,
        "password": SMTP_PASSWORD,
        # plain SMTP: the test server offers neither SSL nor STARTTLS
        "extra": {"from_email": MAIL_FROM, "to": ", ".join(MAIL_TO), "disable_ssl": True, "disable_tls": True},
    }
    return {
        "AIRFLOW_CONN_XIANGMU_ALERT_WEBHOOK": json.dumps({"conn_type": "http", "host": f"http://127.0.0.1:{webhook.port}/hook"}),
        "AIRFLOW_CONN_XIANGMU_ALERT_SMTP": json.dumps(smtp),
        # A copy of the committed GX context: the runs must not rewrite the repo's files.
        "XIANGMU_GX_DIR": str(gx_dir),
    }


def _bad_archive(root: Path) -> Path:
    archive = root / "epaper"
    shutil.copytree(localrun.SAMPLE_ROOT, archive)
    page = archive / BAD_ARTICLE
    html = page.read_text("utf-8")
    assert html.count(GOOD_TEXT) == 1, "the sample article changed; pick another sentence"
    page.write_text(html.replace(GOOD_TEXT, BAD_TEXT), "utf-8")
    return archive


def _task_states(day: str) -> dict[str, str]:
    """task_id -> state in the latest ingest and transform runs for one date, from Airflow's metadata DB."""
    out = {}
    for dag_id in (localrun.INGEST_DAG_ID, localrun.TRANSFORM_DAG_ID):
        rows = airflow_env.query(
            """
            select ti.task_id, ti.state from task_instance ti
            where ti.dag_id = %s and ti.run_id = (
                select run_id from dag_run where dag_id = %s and logical_date::date = %s::date
                order by id desc limit 1)
            """,
            (dag_id, dag_id, day),
        )
        out.update({task_id: state or "none" for task_id, state in rows})
    return out


def _marts_fingerprint() -> dict[str, tuple[int, str]]:
    """Row count and an order-independent content hash of every table in `marts`."""
    out = {}
    with connect() as conn:
        names = [
            r[0]
            for r in conn.execute(
                "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
            ).fetchall()
        ]
        for name in names:
            out[name] = conn.execute(
                "select count(*), md5(coalesce(string_agg(h, '' order by h), '')) "
                f'from (select md5(t::text) as h from marts."{name}" t) x'
            ).fetchone()
    return out


def _publications() -> list[tuple]:
    with connect() as conn:
        return conn.execute(
            "select run_id, logical_date, quality_status, tables_changed"
            " from marts.publication_log order by published_at"
        ).fetchall()


def _snapshot(webhook: WebhookReceiver, mailbox: Mailbox, docs_index: Path) -> dict:
    return {
        "posts": len(webhook.posts),
        "mails": len(mailbox.messages),
        "marts": _marts_fingerprint(),
        "publications": _publications(),
        "docs_index": docs_index.exists(),
        "docs_files": sorted(str(p.relative_to(docs_index.parent)) for p in docs_index.parent.rglob("*.html")),
    }


@pytest.fixture(scope="module")
def runs(isolated_state: Path, webhook: WebhookReceiver, mailbox: Mailbox) -> dict:
    # not tmp_path_factory: when tests run as root the embedded server's user must read it
    scratch = Path(tempfile.mkdtemp(prefix="xiangmu-quality-gate-"))
    scratch.chmod(0o755)
    gx_dir = scratch / "gx_project"
    (gx_dir / "gx").mkdir(parents=True)
    shutil.copy(Path(__file__).resolve().parents[2] / "expectations" / "gx" / "great_expectations.yml", gx_dir / "gx")
    env = _alert_env(webhook, mailbox, gx_dir)
    docs_index = isolated_state / "data_docs" / "index.html"
    try:
        started = time.monotonic()
        clean = localrun.run_dates([CLEAN_DAY], log_dir=isolated_state / "logs-clean", extra_env=env)
        clean_seconds = time.monotonic() - started
        clean_states = _task_states(CLEAN_DAY)
        after_clean = _snapshot(webhook, mailbox, docs_index)

        archive = _bad_archive(scratch)
        started = time.monotonic()
        bad = localrun.run_dates([BAD_DAY], log_dir=isolated_state / "logs-bad", archive_root=archive, extra_env=env)
        bad_seconds = time.monotonic() - started
        bad_states = _task_states(BAD_DAY)
        # callbacks run inside the task processes; give a late one a moment to land
        time.sleep(1)
        after_bad = _snapshot(webhook, mailbox, docs_index)
        print(f"clean run {clean_seconds:.0f}s, bad run {bad_seconds:.0f}s")
        yield {
            "clean": clean,
            "bad": bad,
            "clean_states": clean_states,
            "bad_states": bad_states,
            "after_clean": after_clean,
            "after_bad": after_bad,
            "docs_index": docs_index,
            "logs": isolated_state,
        }
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _alert_texts(webhook: WebhookReceiver, mailbox: Mailbox) -> list[str]:
    texts = [post["text"] for post in webhook.posts]
    for mail in mailbox.messages:
        [body] = [p for p in mail.walk() if p.get_content_type() == "text/html"]  # SmtpNotifier sends HTML
        texts.append(f"{mail['Subject']}\n{html.unescape(body.get_payload(decode=True).decode('utf-8'))}")
    return texts


def test_clean_run_publishes_and_sends_nothing(runs: dict) -> None:
    assert runs["clean"] == {CLEAN_DAY: 0}, f"see logs under {runs['logs']}"
    states = runs["clean_states"]
    assert {states.get(t) for t in STABLE_TASKS} == {"success"}, states
    assert set(states.values()) == {"success"}, states
    after = runs["after_clean"]
    assert after["posts"] == 0 and after["mails"] == 0, "a clean run must not alert"
    assert len(after["publications"]) == 1, after["publications"]
    _run_id, logical_date, status, tables = after["publications"][0]
    assert CLEAN_DAY in logical_date and status == "passed"
    assert "fct_investment_mention" in tables
    assert after["marts"]["fct_investment_mention"][0] > 0
    with connect() as conn:
        published_days = {
            str(r[0]) for r in conn.execute("select distinct published_date from marts.fct_investment_mention")
        }
    assert published_days == {CLEAN_DAY}


def test_bad_data_fails_the_extraction_check(runs: dict) -> None:
    assert runs["bad"][BAD_DAY] != 0, "a run whose quality check failed must not exit 0"
    states = runs["bad_states"]
    assert states["check_raw"] == "success", states
    assert states["extract"] == "success", states
    assert states["check_extraction"] == "failed", states
    # the build ran beside the check (into marts_candidate only); the marts check and publish never ran
    for task in ("check_marts", "publish"):
        assert states[task] == "upstream_failed", (task, states)
    assert all(states[t] == "success" for t in states if t.startswith("ingest_")), states
    # The bad figure really reached the gate: it is in `extract`, so the check had something to catch.
    with connect() as conn:
        staged = conn.execute(
            "select count(*) from extract.investment_facts where amount_cny = %s", (BAD_AMOUNT_CNY,)
        ).fetchone()[0]
    assert staged >= 1


def test_failed_check_leaves_marts_unpublished(runs: dict) -> None:
    before, after = runs["after_clean"], runs["after_bad"]
    assert after["publications"] == before["publications"], "no publication may be logged for a failed run"
    assert after["marts"] == before["marts"], "schema marts changed although a check failed"
    with connect() as conn:
        bad_rows = conn.execute(
            "select count(*) from marts.fct_investment_mention where amount_cny = %s or published_date = %s",
            (BAD_AMOUNT_CNY, BAD_DAY),
        ).fetchone()[0]
    assert bad_rows == 0


def test_one_alert_per_failed_task_on_both_channels(runs: dict, webhook: WebhookReceiver, mailbox: Mailbox) -> None:
    failed_tasks = sorted(t for t, s in runs["bad_states"].items() if s == "failed")
    assert failed_tasks == ["check_extraction"]
    # upstream_failed tasks (the dbt build, check_marts, publish) must not add alerts of their own
    assert len(webhook.posts) == len(failed_tasks), [p["text"][:200] for p in webhook.posts]
    assert len(mailbox.messages) == len(failed_tasks), [m["Subject"] for m in mailbox.messages]
    assert webhook.paths == ["/hook"]
    assert mailbox.envelopes == [(MAIL_FROM, MAIL_TO)]


def test_alert_names_dag_date_suite_expectation_observed_value_and_docs(
    runs: dict, webhook: WebhookReceiver, mailbox: Mailbox
) -> None:
    texts = _alert_texts(webhook, mailbox)
    assert len(texts) == 2
    docs_index = str(runs["docs_index"])
    for text in texts:
        assert DAG_ID in text
        assert BAD_DAY in text  # the logical date
        assert "check_extraction" in text
        assert "extraction.investment_facts" in text  # the suite
        assert "expect_column_values_to_be_between" in text and "amount_cny" in text
        assert str(BAD_AMOUNT_CNY) in text or "5e+13" in text.lower(), text  # the observed value
        assert f"Data Docs: {docs_index}" in text
    # only the absurd figure broke a rule: the alert does not cry wolf about the rest
    assert "extraction.region_resolution" not in texts[0] and "raw." not in texts[0]


def test_data_docs_exist_after_both_runs(runs: dict) -> None:
    assert runs["after_clean"]["docs_index"] and runs["after_bad"]["docs_index"]
    index = runs["docs_index"].read_text("utf-8")
    assert "extraction.investment_facts" in index
    # the failed run's validation pages were added, not just the clean run's kept
    new_pages = set(runs["after_bad"]["docs_files"]) - set(runs["after_clean"]["docs_files"])
    assert any("investment_facts" in page for page in new_pages), sorted(new_pages)[:20]
