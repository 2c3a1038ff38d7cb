"""Real local receivers for the alert channels: a webhook endpoint and an SMTP server.

Why real servers rather than mocks: the alerts go through Airflow's HTTP and
SMTP hooks, and what counts is what actually arrives (JSON body, path, MIME
message, envelope, SMTP login). Both bind to 127.0.0.1 on a free port.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from processes import free_port


class WebhookReceiver:
    """A Slack-like webhook endpoint: records every POSTed JSON body and its path."""

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


class Mailbox:
    """An aiosmtpd handler that keeps every message and its envelope."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.port = 0

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd's naming)
        self.messages.append(message_from_bytes(envelope.original_content))
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 OK"


@contextmanager
def serve_webhook() -> Iterator[WebhookReceiver]:
    receiver = WebhookReceiver()
    receiver.thread.start()
    try:
        yield receiver
    finally:
        receiver.server.shutdown()
        receiver.server.server_close()


@contextmanager
def serve_smtp(login: str, password: str) -> Iterator[Mailbox]:
    """A plain SMTP server (no TLS) that accepts only this login; the mailbox's port is set."""

    def authenticator(server, session, envelope, mechanism, auth_data) -> AuthResult:
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == login.encode()
            and auth_data.password == password.encode()
        )
        return AuthResult(success=ok)

    mailbox = Mailbox()
    controller = Controller(
        mailbox,
        hostname="127.0.0.1",
        port=free_port(),
        authenticator=authenticator,
        auth_require_tls=False,
        auth_required=True,
    )
    controller.start()
    mailbox.port = controller.port
    try:
        yield mailbox
    finally:
        controller.stop()
