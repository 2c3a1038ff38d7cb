"""Alerts for failed quality checks and failed tasks, sent by Airflow's provider notifiers.

Why notifiers: the SMTP and HTTP providers already send mail and webhooks
from Airflow connections (UI, secrets backend or AIRFLOW_CONN_<ID> env vars),
so this module only decides *what* to say: the failed expectations with
their observed values, the edition date, the Data Docs link, or a scrape
task's layout-drift error (URL and selectors tried). Either channel, both or
none may be configured:

- `xiangmu_alert_webhook` (http): SlackNotifier-compatible JSON `{"text": ...}`
  POSTed to the connection's URL (a full URL in host, as incoming webhooks
  carry their token in it, or host/port/schema plus extra `endpoint`);
- `xiangmu_alert_smtp` (smtp): the SmtpHook's connection (extra
  `from_email`, `disable_ssl`, `disable_tls`, `timeout`) plus extra `to`,
  the recipients (comma- or semicolon-separated).

Why alerts never raise: they run in failure paths. A broken webhook must not
hide the quality failure or the task error that triggered the alert, so every
sending problem is logged and reported in the return value instead.
"""

from __future__ import annotations

import html
import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from expectations.run import ExpectationFailure, QualityResult

log = logging.getLogger(__name__)

WEBHOOK_CONN_ID = "xiangmu_alert_webhook"
SMTP_CONN_ID = "xiangmu_alert_smtp"
TIMEOUT_SECONDS = 10.0
MAX_FAILURES_LISTED = 30

# (dag_id, run_id, task_id, map_index, try_number) already alerted in this
# process: guards against the same failure being reported twice when a
# callback is attached both to the DAG's default_args and to the task.
_alerted: set[tuple[str, ...]] = set()


@dataclass(frozen=True)
class Alert:
    subject: str
    text: str


def _get_connection(conn_id: str):
    """The Airflow connection, or None (with a warning) when it is not configured."""
    try:
        from airflow.sdk import BaseHook

        return BaseHook.get_connection(conn_id)
    except Exception as exc:  # AirflowNotFoundException, or no Airflow at all
        log.warning("alert connection %r not available (%s); skipping that channel", conn_id, exc)
        return None


def webhook_notifier(alert: Alert, conn) -> Any:
    """HttpNotifier posting Slack-compatible JSON to the webhook connection."""
    from airflow.providers.http.notifications.http import HttpNotifier

    return HttpNotifier(
        http_conn_id=conn.conn_id,
        endpoint=(conn.extra_dejson or {}).get("endpoint"),
        json={"text": f"*{alert.subject}*\n{alert.text}"},
        extra_options={"timeout": TIMEOUT_SECONDS},
    )


def email_notifier(alert: Alert, conn) -> Any:
    """SmtpNotifier mailing the alert (preformatted, so its layout survives HTML) to extra 'to'."""
    from airflow.providers.smtp.notifications.smtp import SmtpNotifier

    to = (conn.extra_dejson or {}).get("to")
    if not to:
        raise ValueError(f"connection {conn.conn_id!r} needs the recipients in extra 'to'")
    return SmtpNotifier(
        smtp_conn_id=conn.conn_id,
        to=to,
        subject=alert.subject,
        html_content=f"<pre>{html.escape(alert.text, quote=False)}</pre>",
    )


def send_alert(alert: Alert) -> dict[str, bool]:
    """Send through every configured channel; returns {channel: sent}, never raises.

    notify() rather than calling the notifier: calling it would render the
    alert as a Jinja template, and article text or observed values may hold
    braces.
    """
    outcome: dict[str, bool] = {}
    for channel, conn_id, notifier in (
        ("webhook", WEBHOOK_CONN_ID, webhook_notifier),
        ("email", SMTP_CONN_ID, email_notifier),
    ):
        conn = _get_connection(conn_id)
        if conn is None:
            continue
        try:
            notifier(alert, conn).notify({})
            outcome[channel] = True
            log.info("alert sent via %s (%s)", channel, conn_id)
        except Exception:
            outcome[channel] = False
            log.exception("could not send alert via %s (%s)", channel, conn_id)
    if not outcome:
        log.warning(
            "no alert channel configured (%s, %s): alert not sent: %s", WEBHOOK_CONN_ID, SMTP_CONN_ID, alert.subject
        )
    return outcome


def _compact(value: Any, limit: int = 500) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _failure_lines(failures: Iterable[ExpectationFailure]) -> list[str]:
    failures = list(failures)
    lines = []
    for f in failures[:MAX_FAILURES_LISTED]:
        column = f" column `{f.column}`" if f.column else ""
        lines.append(
            f"• suite `{f.suite}`: {f.expectation_type}{column}\n"
            f"    observed: {_compact(f.observed_value)}"
            + (f"\n    rule: {f.description}" if f.description else "")
        )
    if len(failures) > MAX_FAILURES_LISTED:
        lines.append(f"… and {len(failures) - MAX_FAILURES_LISTED} more (see Data Docs)")
    return lines


def format_quality_alert(
    result: QualityResult,
    *,
    dag_id: str | None,
    logical_date: Any,
    task_id: str | None = None,
    run_id: str | None = None,
) -> Alert:
    """The alert for a failed checkpoint."""
    dag = dag_id or "(no DAG)"
    suites = ", ".join(result.failed_suites) or "(none)"
    subject = f"[xiangmu] data quality failed: {result.checkpoint} — DAG {dag}, {logical_date}"
    lines = [
        f"Data quality checkpoint `{result.checkpoint}` failed.",
        f"DAG: {dag}" + (f"  task: {task_id}" if task_id else ""),
        f"Logical date: {logical_date}",
    ]
    if run_id:
        lines.append(f"Run: {run_id}")
    lines.append(f"Failed suites: {suites}")
    lines.append(f"Failed expectations ({len(result.failures)}):")
    lines += _failure_lines(result.failures)
    lines.append(f"Data Docs: {result.data_docs_index}")
    return Alert(subject=subject, text="\n".join(lines))


def _context_get(context: Mapping[str, Any], key: str) -> Any:
    try:
        return context.get(key)
    except Exception:
        return None


def _quality_result(exception: BaseException | None) -> QualityResult | None:
    """The QualityResult carried by the error or by what it was raised from.

    Callers may wrap QualityCheckFailed (e.g. `raise AirflowFailException(...)
    from exc` to skip pointless retries); the alert should still list the
    failed expectations.
    """
    seen = 0
    while exception is not None and seen < 5:
        result = getattr(exception, "quality_result", None)
        if isinstance(result, QualityResult):
            return result
        exception = exception.__cause__ or exception.__context__
        seen += 1
    return None


def format_task_failure_alert(context: Mapping[str, Any]) -> Alert:
    """The alert for any failed task; lists failed expectations when the error carries them.

    Any other error is quoted whole: a scrape task's EditionIncomplete names
    the edition's status (e.g. layout_changed), its URL and the selectors tried.
    """
    ti = _context_get(context, "ti") or _context_get(context, "task_instance")
    dag = _context_get(context, "dag")
    dag_id = getattr(dag, "dag_id", None) or getattr(ti, "dag_id", None) or "(unknown DAG)"
    task_id = getattr(ti, "task_id", None) or getattr(_context_get(context, "task"), "task_id", None)
    logical_date = _context_get(context, "logical_date")
    run_id = _context_get(context, "run_id") or getattr(ti, "run_id", None)
    exception = _context_get(context, "exception")
    try_number = getattr(ti, "try_number", None)
    map_index = getattr(ti, "map_index", -1)

    result = _quality_result(exception)
    if result is not None:
        alert = format_quality_alert(result, dag_id=dag_id, logical_date=logical_date, task_id=task_id, run_id=run_id)
        return Alert(subject=alert.subject, text=alert.text + f"\nTask failed: {task_id} (try {try_number})")

    task_label = f"{task_id}" + (f"[{map_index}]" if map_index not in (None, -1) else "")
    lines = [
        f"Task `{task_label}` failed.",
        f"DAG: {dag_id}",
        f"Logical date: {logical_date}",
        f"Run: {run_id}",
        f"Try: {try_number}",
        f"Error: {type(exception).__name__ if exception else 'unknown'}: {exception}",
    ]
    log_url = getattr(ti, "log_url", None)
    if log_url:
        lines.append(f"Log: {log_url}")
    return Alert(subject=f"[xiangmu] task failed: {dag_id}.{task_label} — {logical_date}", text="\n".join(lines))


def task_failure_alert(context: Mapping[str, Any]) -> None:
    """on_failure_callback for any task (scrape, dbt, checks): one alert per failed task.

    Airflow calls on_failure_callback only once retries are exhausted, so one
    call is one failure. If it is wired as an on_retry_callback by mistake,
    the up_for_retry state makes it stay quiet; a second call for the same
    try (DAG- and task-level callbacks) is ignored. Never raises.
    """
    try:
        ti = _context_get(context, "ti") or _context_get(context, "task_instance")
        state = getattr(ti, "state", None)
        if state is not None and str(getattr(state, "value", state)) == "up_for_retry":
            log.info("task will be retried; no alert for this try")
            return
        dag = _context_get(context, "dag")
        key = tuple(
            str(v)
            for v in (
                getattr(dag, "dag_id", None) or getattr(ti, "dag_id", None),
                _context_get(context, "run_id") or getattr(ti, "run_id", None),
                getattr(ti, "task_id", None),
                getattr(ti, "map_index", None),
                getattr(ti, "try_number", None),
            )
        )
        if ti is not None and key in _alerted:
            log.info("alert for %s already sent", key)
            return
        alert = format_task_failure_alert(context)
        send_alert(alert)
        if ti is not None:
            _alerted.add(key)
    except Exception:
        log.exception("task_failure_alert itself failed; the task's own error stands")
