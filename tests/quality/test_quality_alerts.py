"""Alerts reach a real local webhook receiver and a real local SMTP server."""

from __future__ import annotations

import json
import logging
import socket
import threading
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import psycopg
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from quality_synthetic import add_edition, add_good_day

from expectations.run import ExpectationFailure, QualityCheckFailed, QualityResult, run_checkpoint
from xiangmu import alerts

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

LOGICAL_DATE = "2026-11-22T23:30:00+00:00"
AIRFLOW_RUN_ID = "scheduled__2026-11-22T23:30:00+00:00"


class _Receiver:
    def __init__(self) -> None:
        self.posts: list[dict] = []
        self.paths: list[str] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length", 0))
                receiver.posts.append(json.loads(self.rfile.read(length).decode("utf-8")))
                receiver.paths.append(self.path)
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)


@pytest.fixture
def webhook() -> Iterator[_Receiver]:
    receiver = _Receiver()
    receiver.thread.start()
    yield receiver
    receiver.server.shutdown()
    receiver.server.server_close()


class _Mailbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd's naming)
        self.messages.append(message_from_bytes(envelope.original_content))
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _authenticator(server, session, envelope, mechanism, auth_data) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"alerts" and auth_data.password == b"s3cret-pw"
    return AuthResult(success=ok)


@pytest.fixture
def smtp() -> Iterator[tuple[_Mailbox, int]]:
    mailbox = _Mailbox()
    port = _free_port()
    controller = Controller(
        mailbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=_authenticator,
        auth_require_tls=False,
        auth_required=True,
    )
    controller.start()
    yield mailbox, port
    controller.stop()


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch, webhook: _Receiver, smtp: tuple[_Mailbox, int]) -> None:
    monkeypatch.setenv("AIRFLOW_CONN_XIANGMU_ALERT_WEBHOOK", f"http://127.0.0.1:{webhook.port}/hook")
    monkeypatch.setenv(
        "AIRFLOW_CONN_XIANGMU_ALERT_SMTP",
        json.dumps(
            {
                "conn_type": "smtp",
                "host": "127.0.0.1",
                "port": smtp[1],
                "login": "alerts",
                "password": "s3cret-pw",
                "extra": {"from": "xiangmu@example.test", "to": "data@example.test, oncall@example.test"},
            }
        ),
    )


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
    return message.get_payload(decode=True).decode("utf-8")


def test_failed_checkpoint_alert_reaches_webhook_and_smtp(
    db: psycopg.Connection, connections: None, webhook: _Receiver, smtp: tuple[_Mailbox, int]
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
    connections: None, webhook: _Receiver, smtp: tuple[_Mailbox, int]
) -> None:
    alerts.task_failure_alert(_context(RuntimeError("boom"), task_id="dbt_build", try_number=1, state="up_for_retry"))
    assert webhook.posts == []

    alerts.task_failure_alert(_context(RuntimeError("dbt exited with 1"), task_id="dbt_build", try_number=3))
    assert len(webhook.posts) == 1
    text = webhook.posts[0]["text"]
    assert "dbt_build" in text and "xiangmu_daily" in text and LOGICAL_DATE in text and "dbt exited with 1" in text
    assert len(smtp[0].messages) == 1


def test_quality_alert_without_connections_sends_nothing_and_does_not_crash(
    no_connections: None, webhook: _Receiver, caplog: pytest.LogCaptureFixture
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
        assert alerts.send_quality_alert(result, dag_id="xiangmu_daily", logical_date=LOGICAL_DATE) == {}
        alerts.task_failure_alert(_context(QualityCheckFailed(result), try_number=7))
    assert webhook.posts == []
    assert "not available" in caplog.text


def test_sending_failure_is_logged_not_raised(
    monkeypatch: pytest.MonkeyPatch, connections: None, smtp: tuple[_Mailbox, int], caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("AIRFLOW_CONN_XIANGMU_ALERT_WEBHOOK", f"http://127.0.0.1:{_free_port()}/closed")
    alert = alerts.Alert(subject="s", text="t")
    with caplog.at_level(logging.ERROR, logger="xiangmu.alerts"):
        assert alerts.send_alert(alert) == {"webhook": False, "email": True}
    assert "could not send alert via webhook" in caplog.text
    assert len(smtp[0].messages) == 1


def test_webhook_url_forms() -> None:
    def conn(**kw):
        base = {"conn_id": "c", "conn_type": "http", "host": None, "schema": None, "port": None, "extra_dejson": {}}
        return SimpleNamespace(**(base | kw))

    assert alerts.webhook_url(conn(host="127.0.0.1", port=8080, schema="hook")) == "http://127.0.0.1:8080/hook"
    assert alerts.webhook_url(conn(extra_dejson={"url": "https://hooks.example/x"})) == "https://hooks.example/x"
    assert alerts.webhook_url(conn(host="https://hooks.example/services/T/B")) == "https://hooks.example/services/T/B"
    assert (
        alerts.webhook_url(conn(conn_type="https", host="hooks.example", schema="services/T/B"))
        == "https://hooks.example/services/T/B"
    )
    assert (
        alerts.webhook_url(conn(host="hooks.example", schema="https", extra_dejson={"endpoint": "services/T"}))
        == "https://hooks.example/services/T"
    )


def test_wrapped_quality_failure_still_lists_expectations(connections: None, webhook: _Receiver) -> None:
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
