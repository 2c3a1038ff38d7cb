"""Alerts reach a real local webhook receiver and a real local SMTP server."""

from __future__ import annotations

import html
import json
import logging
from collections.abc import Iterator
from email.message import Message
from pathlib import Path
from types import SimpleNamespace

import psycopg
import pytest
from processes import free_port
from quality_synthetic import add_edition, add_good_day
from receivers import Mailbox, WebhookReceiver, serve_smtp, serve_webhook

from expectations.run import ExpectationFailure, QualityCheckFailed, QualityResult, run_checkpoint
from xiangmu import alerts

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

LOGICAL_DATE = "2026-11-22T23:30:00+00:00"
AIRFLOW_RUN_ID = "scheduled__2026-11-22T23:30:00+00:00"


@pytest.fixture
def webhook() -> Iterator[WebhookReceiver]:
    with serve_webhook() as receiver:
        yield receiver


@pytest.fixture
def smtp() -> Iterator[tuple[Mailbox, int]]:
    with serve_smtp("alerts", "s3cret-pw") as mailbox:
        yield mailbox, mailbox.port


def _smtp_connection(port: int) -> str:
    """The SMTP connection as the SmtpHook reads it: plain SMTP (the test server has no TLS)."""
    return json.dumps(
        {
            "conn_type": "smtp",
            "host": "127.0.0.1",
            "port": port,
            "login": "alerts",
            "password": "s3cret-pw",
            "extra": {
                "from_email": "xiangmu@example.test",
                "to": "data@example.test, oncall@example.test",
                "disable_ssl": True,
                "disable_tls": True,
                "retry_limit": 0,
            },
        }
    )


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch, webhook: WebhookReceiver, smtp: tuple[Mailbox, int]) -> None:
    # the webhook's full URL in host, as incoming webhooks (Slack, Feishu, DingTalk) carry their token in it
    monkeypatch.setenv(
        "AIRFLOW_CONN_XIANGMU_ALERT_WEBHOOK",
        json.dumps({"conn_type": "http", "host": f"http://127.0.0.1:{webhook.port}/hook"}),
    )
    monkeypatch.setenv("AIRFLOW_CONN_XIANGMU_ALERT_SMTP", _smtp_connection(smtp[1]))


@pytest.fixture
def no_connections(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AIRFLOW_CONN_XIANGMU_ALERT_WEBHOOK", raising=False)
    monkeypatch.delenv("AIRFLOW_CONN_XIANGMU_ALERT_SMTP", raising=False)


def _context(exception: BaseException, *, task_id: str = "check_raw", try_number: int = 3, state: str = "failed"):
    ti = SimpleNamespace(
        dag_id="xiangmu_daily",
        task_id=task_id,
        run_id=AIRFLOW_RUN_ID,
        map_index=-1,
        try_number=try_number,
        state=state,
        log_url=None,
    )
    return {
        "dag": SimpleNamespace(dag_id="xiangmu_daily"),
        "ti": ti,
        "task_instance": ti,
        "logical_date": LOGICAL_DATE,
        "run_id": ti.run_id,
        "exception": exception,
    }


def _mail_text(message: Message) -> str:
    """The text of the notifier's HTML part (the alert, preformatted and escaped)."""
    [part] = [p for p in message.walk() if p.get_content_type() == "text/html"]
    return html.unescape(part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8"))


def test_failed_checkpoint_alert_reaches_webhook_and_smtp(
    db: psycopg.Connection, connections: None, webhook: WebhookReceiver, smtp: tuple[Mailbox, int]
) -> None:
    add_good_day(db)
    mojibake = "锟斤拷 石家庄市重点项目集中开工，总投资100亿元。"
    add_edition(db, run_id=AIRFLOW_RUN_ID, newspaper="hbrb", pages=0, bodies=[mojibake])
    result = run_checkpoint("raw", run_id=AIRFLOW_RUN_ID)
    assert not result.success

    # As the DAG would: the check task raises, the failure callback alerts.
    alerts.task_failure_alert(_context(QualityCheckFailed(result)))

    assert len(webhook.posts) == 1
    assert webhook.paths == ["/hook"]
    mailbox, _ = smtp
    assert len(mailbox.messages) == 1
    assert mailbox.envelopes[0] == ("xiangmu@example.test", ["data@example.test", "oncall@example.test"])
    mail = mailbox.messages[0]
    for text in (webhook.posts[0]["text"], _mail_text(mail) + mail["Subject"]):
        assert "xiangmu_daily" in text
        assert LOGICAL_DATE in text
        assert "raw.articles" in text and "raw.editions" in text
        assert "expect_column_values_to_be_null" in text and "mojibake_marker" in text
        assert "锟斤拷" in text  # the observed value
        assert '"page_rows": 0' in text
        assert str(result.data_docs_index) in text
    assert Path(result.data_docs_index).exists()

    # The same failure reported again (DAG- and task-level callback) is not re-sent.
    alerts.task_failure_alert(_context(QualityCheckFailed(result)))
    assert len(webhook.posts) == 1


def test_task_failure_alert_for_any_task_once_and_not_on_retry(
    connections: None, webhook: WebhookReceiver, smtp: tuple[Mailbox, int]
) -> None:
    alerts.task_failure_alert(_context(RuntimeError("boom"), task_id="dbt_build", try_number=1, state="up_for_retry"))
    assert webhook.posts == []

    alerts.task_failure_alert(_context(RuntimeError("dbt exited with 1"), task_id="dbt_build", try_number=3))
    assert len(webhook.posts) == 1
    text = webhook.posts[0]["text"]
    assert "dbt_build" in text and "xiangmu_daily" in text and LOGICAL_DATE in text and "dbt exited with 1" in text
    assert len(smtp[0].messages) == 1


def test_quality_alert_without_connections_sends_nothing_and_does_not_crash(
    no_connections: None, webhook: WebhookReceiver, caplog: pytest.LogCaptureFixture
) -> None:
    result = QualityResult(
        checkpoint="extraction",
        success=False,
        failures=[
            ExpectationFailure("extraction.investment_facts", "expect_column_values_to_be_in_set", "measure", ["x"])
        ],
        data_docs_index=Path("/nowhere/index.html"),
        run_id="r",
    )
    with caplog.at_level(logging.WARNING, logger="xiangmu.alerts"):
        alert = alerts.format_quality_alert(result, dag_id="xiangmu_daily", logical_date=LOGICAL_DATE)
        assert alerts.send_alert(alert) == {}
        alerts.task_failure_alert(_context(QualityCheckFailed(result), try_number=7))
    assert webhook.posts == []
    assert "not available" in caplog.text


def test_sending_failure_is_logged_not_raised(
    monkeypatch: pytest.MonkeyPatch, connections: None, smtp: tuple[Mailbox, int], caplog: pytest.LogCaptureFixture
) -> None:
    closed = f"http://127.0.0.1:{free_port()}/closed"
    monkeypatch.setenv("AIRFLOW_CONN_XIANGMU_ALERT_WEBHOOK", json.dumps({"conn_type": "http", "host": closed}))
    alert = alerts.Alert(subject="s", text="t")
    with caplog.at_level(logging.ERROR, logger="xiangmu.alerts"):
        assert alerts.send_alert(alert) == {"webhook": False, "email": True}
    assert "could not send alert via webhook" in caplog.text
    assert len(smtp[0].messages) == 1


def test_webhook_as_host_port_and_endpoint(
    monkeypatch: pytest.MonkeyPatch, no_connections: None, webhook: WebhookReceiver
) -> None:
    """The connection's other form: host and port, the path in extra `endpoint` (HttpHook's way)."""
    monkeypatch.setenv(
        "AIRFLOW_CONN_XIANGMU_ALERT_WEBHOOK",
        json.dumps({"conn_type": "http", "host": "127.0.0.1", "port": webhook.port,
                    "extra": {"endpoint": "services/T/B"}}),
    )
    assert alerts.send_alert(alerts.Alert(subject="上接 {{ oops }}", text="observed: {% raw")) == {"webhook": True}
    assert webhook.paths == ["/services/T/B"]
    # the text is sent as it is: never rendered as a Jinja template
    assert webhook.posts == [{"text": "*上接 {{ oops }}*\nobserved: {% raw"}]


def test_smtp_without_recipients_is_reported_not_raised(
    monkeypatch: pytest.MonkeyPatch, no_connections: None, smtp: tuple[Mailbox, int], caplog: pytest.LogCaptureFixture
) -> None:
    conn = json.loads(_smtp_connection(smtp[1]))
    del conn["extra"]["to"]
    monkeypatch.setenv("AIRFLOW_CONN_XIANGMU_ALERT_SMTP", json.dumps(conn))
    with caplog.at_level(logging.ERROR, logger="xiangmu.alerts"):
        assert alerts.send_alert(alerts.Alert(subject="s", text="t")) == {"email": False}
    assert "extra 'to'" in caplog.text
    assert smtp[0].messages == []


def test_wrapped_quality_failure_still_lists_expectations(connections: None, webhook: WebhookReceiver) -> None:
    result = QualityResult(
        checkpoint="marts",
        success=False,
        failures=[
            ExpectationFailure(
                "marts.row_counts",
                "expect_column_values_to_be_between",
                "row_count_ratio",
                {"partial_unexpected_index_list": [{"row_ref": "fct_investment_mention", "row_count_ratio": 0.25}]},
            )
        ],
        data_docs_index=Path("/docs/index.html"),
        run_id="r",
    )
    try:
        try:
            raise QualityCheckFailed(result)
        except QualityCheckFailed as exc:
            raise RuntimeError("failing fast, no retries") from exc
    except RuntimeError as wrapped:
        alerts.task_failure_alert(_context(wrapped, task_id="check_marts", try_number=1))
    text = webhook.posts[0]["text"]
    assert "marts.row_counts" in text and "0.25" in text and "/docs/index.html" in text and "check_marts" in text
