"""Serve the sample e-paper archive over real HTTP, optionally with injected faults.

Scrapers are tested against a real socket (not mocks) so that timeouts,
retries, charsets and politeness are exercised the way the live sites will.
Faults are data (a rules table) so new kinds are one branch in ``_apply``.
Every request is logged with a timestamp so tests can measure politeness.
"""

from __future__ import annotations

import argparse
import mimetypes
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from xiangmu.config import PROJECT_ROOT

DEFAULT_ROOT = PROJECT_ROOT / "sample_epaper"
_META_UTF8 = re.compile(r'<meta charset="utf-8"\s*/?>', re.I)
_HTTP_EQUIV_UTF8 = re.compile(r'<meta http-equiv="Content-Type" content="text/html; charset=utf-8"\s*/?>', re.I)
FAULT_KINDS = ("status", "retry_after", "gbk", "truncate", "delay", "redirect", "pad", "nul", "badbytes")


@dataclass
class FaultRule:
    """Apply ``kind`` to requests whose path matches ``path`` (regex, searched).

    times: how many matching requests are affected (None = all).
    status: HTTP status for 'status'/'retry_after' (default 503).
    retry_after: header value for 'retry_after'.
    delay: seconds to sleep before answering ('delay' = timeout simulation).
    location: target for 'redirect' (302).
    gbk_declare: for 'gbk', where the charset is declared: 'header', 'meta' or 'none'.
    pad_bytes: for 'pad', bytes of HTML comment appended (an oversized body).
    'nul' puts a NUL byte into the last paragraph's text (PostgreSQL refuses it in text);
    'badbytes' puts bytes that are not UTF-8 there, while the page still declares UTF-8.
    """

    path: str
    kind: str
    times: int | None = None
    status: int = 503
    retry_after: str = "1"
    delay: float = 0.0
    location: str = ""
    gbk_declare: str = "meta"
    pad_bytes: int = 0
    hits: int = 0

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}; known: {FAULT_KINDS}")
        self._regex = re.compile(self.path)

    def take(self, path: str) -> bool:
        if not self._regex.search(path):
            return False
        if self.times is not None and self.hits >= self.times:
            return False
        self.hits += 1
        return True


@dataclass
class RequestRecord:
    host: str
    path: str
    at: float  # time.monotonic() when the request was read
    status: int = 0  # set just before the response is sent


@dataclass
class ArchiveState:
    root: Path
    rules: list[FaultRule] = field(default_factory=list)
    log: list[RequestRecord] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add_rule(self, rule: FaultRule) -> FaultRule:
        with self.lock:
            self.rules.append(rule)
        return rule

    def clear(self) -> None:
        with self.lock:
            self.rules.clear()
            self.log.clear()

    def requests_for(self, path_regex: str = "") -> list[RequestRecord]:
        rx = re.compile(path_regex)
        with self.lock:
            return [r for r in self.log if rx.search(r.path)]


class ArchiveServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], state: ArchiveState) -> None:
        super().__init__(address, ArchiveHandler)
        self.state = state


def _content_type(path: Path) -> str:
    if path.suffix in {".html", ".htm"}:
        return "text/html; charset=utf-8"
    if path.suffix in {".txt", ".json"}:
        return ("application/json" if path.suffix == ".json" else "text/plain") + "; charset=utf-8"
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"


class ArchiveHandler(BaseHTTPRequestHandler):
    server: ArchiveServer
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: with Nagle on, the body waits for the client's
    # delayed ACK of the headers (40 ms a request on Linux, 16x the request's own cost).
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        """Quiet: the request log in ArchiveState is what tests read."""

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib naming
        self._serve(head=True)

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        self._serve(head=False)

    def _serve(self, head: bool) -> None:
        received = time.monotonic()
        state = self.server.state
        path = unquote(urlsplit(self.path).path)
        with state.lock:
            rule = next((r for r in state.rules if r.take(path)), None)
            # Logged on arrival: a slow (delayed) handler must not land in a later test's log.
            self._record = RequestRecord(self.headers.get("Host", ""), path, received)
            state.log.append(self._record)
        self._respond(state.root, path, rule, head)

    def _send(
        self,
        status: int,
        body: bytes,
        ctype: str,
        head: bool,
        extra: dict[str, str] | None = None,
        declared_length: int | None = None,
    ) -> int:
        with self.server.state.lock:
            self._record.status = status  # before answering: a client holding the response sees it
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(declared_length if declared_length is not None else len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if not head:
            self.wfile.write(body)
        if declared_length is not None:
            self.close_connection = True
        return status

    def _respond(self, root: Path, path: str, rule: FaultRule | None, head: bool) -> int:
        if rule is not None and rule.kind == "delay":
            time.sleep(rule.delay)
        if rule is not None and rule.kind in {"status", "retry_after"}:
            extra = {"Retry-After": rule.retry_after} if rule.kind == "retry_after" else {}
            return self._send(rule.status, b"<html><body>busy</body></html>", "text/html; charset=utf-8", head, extra)
        if rule is not None and rule.kind == "redirect":
            return self._send(302, b"", "text/html; charset=utf-8", head, {"Location": rule.location})

        file = (root / path.lstrip("/")).resolve()
        if file.is_dir() and (file / "index.html").is_file():  # a site root: its index.html (a meta refresh)
            file = file / "index.html"
        if root.resolve() not in file.parents or not file.is_file():
            return self._send(404, b"<html><body>404 Not Found</body></html>", "text/html; charset=utf-8", head)
        body = file.read_bytes()
        ctype = _content_type(file)
        if rule is not None and rule.kind == "gbk" and ctype.startswith("text/html"):
            text = body.decode("utf-8")
            meta = rule.gbk_declare == "meta"
            # Both forms: <meta charset> (current system) and http-equiv Content-Type (older system).
            text = _META_UTF8.sub('<meta charset="gbk">' if meta else "", text)
            text = _HTTP_EQUIV_UTF8.sub(
                '<meta http-equiv="Content-Type" content="text/html; charset=gbk">' if meta else "", text
            )
            body = text.encode("gbk")
            ctype = "text/html; charset=GBK" if rule.gbk_declare == "header" else "text/html"
        if rule is not None and rule.kind in {"nul", "badbytes"}:
            junk = b"\x00" if rule.kind == "nul" else b"\xff\xfe"
            at = body.rfind(b"<p>")  # the last paragraph: in the visible body, after any hidden copy
            at = at + 3 if at >= 0 else len(body) // 2
            body = body[:at] + junk + body[at:]
        if rule is not None and rule.kind == "pad":
            body += b"<!--" + b"x" * max(0, rule.pad_bytes) + b"-->"
        if rule is not None and rule.kind == "truncate":
            return self._send(200, body[: len(body) // 2], ctype, head, declared_length=len(body))
        return self._send(200, body, ctype, head)


def serve_archive(root: Path | str = DEFAULT_ROOT, port: int = 0, host: str = "127.0.0.1") -> tuple[ArchiveServer, str]:
    """Start serving ``root`` in a daemon thread; returns (server, 'http://127.0.0.1:PORT').

    Paper archives live under ``root/<code>``, so a paper's base URL is
    ``base_url + '/sjzrb'``. Stop with ``server.shutdown(); server.server_close()``.
    """
    state = ArchiveState(root=Path(root))
    server = ArchiveServer((host, port), state)
    thread = threading.Thread(target=server.serve_forever, name="archive-server", daemon=True)
    thread.start()
    bound_host, bound_port = server.server_address[:2]
    return server, f"http://{bound_host}:{bound_port}"


def parse_fault(spec: str) -> FaultRule:
    """'PATH_REGEX:KIND[:TIMES]', e.g. 'node_01:status:2' or 'c123456:gbk'."""
    path, _, rest = spec.partition(":")
    kind, _, times = rest.partition(":")
    return FaultRule(path=path, kind=kind, times=int(times) if times else None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the sample e-paper archive on localhost.")
    parser.add_argument("--root", default=str(DEFAULT_ROOT))
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="PATH_REGEX:KIND[:TIMES]",
        help=f"inject a fault; KIND is one of {', '.join(FAULT_KINDS)}",
    )
    args = parser.parse_args(argv)
    server, base = serve_archive(args.root, args.port)
    for spec in args.fault:
        server.state.add_rule(parse_fault(spec))
    print(f"serving {args.root} at {base}")
    for code in sorted(p.name for p in Path(args.root).iterdir() if p.is_dir()):
        print(f"  export XIANGMU_{code.upper()}_BASE_URL={base}/{code}")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
