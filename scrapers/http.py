"""A polite HTTP client for e-paper sites.

Founder sites ban IPs that crawl fast, and a run must record every failure
rather than abort, so: one request per host per ``min_interval``, few parallel
requests, retries with backoff on transient errors only, robots.txt honoured,
and ``fetch`` never raises for HTTP or network errors — the outcome is data.
"""

from __future__ import annotations

import dataclasses
import hashlib
import random
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import requests

from scrapers.text import decode_html, decode_html_checked

DEFAULT_USER_AGENT = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0 Safari/537.36 XiangmuBot/0.1"
)
RETRYABLE_STATUS = frozenset({408, 429, 500, 502, 503, 504})
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class ClientConfig:
    user_agent: str = DEFAULT_USER_AGENT
    min_interval: float = 1.0  # seconds between request starts to one host; 0 disables
    max_concurrency: int = 4
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_retries: int = 3  # retries after the first attempt
    backoff_base: float = 1.0
    backoff_max: float = 60.0
    retry_after_max: float = 120.0  # a longer Retry-After is not waited for
    max_body_bytes: int = 20 * 1024 * 1024
    respect_robots: bool = True

    @classmethod
    def from_settings(cls, settings: Mapping[str, object]) -> ClientConfig:
        """The defaults with a deployment's overrides (xiangmu.config.http_client_settings).

        `timeout` sets the read timeout and caps the connect timeout.
        """
        values = dict(settings)
        base = cls()
        timeout = values.pop("timeout", None)
        if timeout is not None:
            values["read_timeout"] = float(timeout)  # type: ignore[arg-type]
            values["connect_timeout"] = min(float(timeout), base.connect_timeout)  # type: ignore[arg-type]
        return dataclasses.replace(base, **values)  # type: ignore[arg-type]

    @classmethod
    def from_env(cls) -> ClientConfig:
        """Politeness is tuned per deployment (XIANGMU_HTTP_*, read by xiangmu.config), never by editing code."""
        from xiangmu import config

        return cls.from_settings(config.http_client_settings())


@dataclass(frozen=True)
class FetchResult:
    """What one fetch brought back, a failure included (`fetch` never raises; `error` says why).

    The text, its warnings and the hash are worked out here from the body and
    its Content-Type, so every result (a page, or an empty failure) gets them
    the same way.
    """

    url: str
    final_url: str
    status: int | None
    headers: dict[str, str]
    body: bytes
    attempts: int
    error: str | None = None
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    text: str | None = field(init=False)
    content_hash: str = field(init=False)
    #: Problems with a body that was still used (undecodable bytes replaced), for raw.*.warnings.
    warnings: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        ctype = self.headers.get("Content-Type", "")
        is_text = bool(self.body) and ("html" in ctype or ctype.startswith("text/") or not ctype)
        text, warnings = decode_html_checked(self.body, ctype) if is_text else (None, [])
        # frozen: the derived fields are set once, here
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "content_hash", _hash(self.body))
        object.__setattr__(self, "warnings", tuple(warnings))

    @property
    def ok(self) -> bool:
        return self.status == 200 and self.error is None

    @classmethod
    def failure(
        cls, url: str, error: str, status: int | None = None, attempts: int = 0, final_url: str | None = None
    ) -> FetchResult:
        """A result without a body, for the fetch log: a fetch refused or failed before a response,
        or something that failed outside a fetch (e.g. a crawl aborted)."""
        return cls(url, final_url or url, status, {}, b"", attempts, error)


def _hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    current = now if now is not None else time.time()
    return max(0.0, when.timestamp() - current)


@dataclass
class _HostState:
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_slot: float = 0.0
    robots: RobotFileParser | None = None
    robots_loaded: bool = False


class PoliteClient:
    """Thread-safe; share one per run so the per-host interval holds across threads."""

    def __init__(
        self,
        config: ClientConfig | None = None,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
        **overrides: Any,
    ) -> None:
        """``overrides`` are ClientConfig fields (plus ``timeout``, setting both timeouts)."""
        if "timeout" in overrides:
            timeout = float(overrides.pop("timeout"))
            overrides.setdefault("read_timeout", timeout)
            overrides.setdefault("connect_timeout", min(timeout, ClientConfig.connect_timeout))
        self.config = dataclasses.replace(config or ClientConfig(), **overrides)
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = self.config.user_agent
        self._sleep = sleep
        self._hosts: dict[str, _HostState] = {}
        self._hosts_lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(max(1, self.config.max_concurrency))

    # ---- context management -------------------------------------------------
    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- politeness ---------------------------------------------------------
    def _host(self, url: str) -> _HostState:
        key = urlsplit(url).netloc.lower()
        with self._hosts_lock:
            return self._hosts.setdefault(key, _HostState())

    def _wait_turn(self, url: str) -> None:
        """Reserve the next start slot for the host, then sleep until it (outside the lock)."""
        interval = self.config.min_interval
        if interval <= 0:
            return
        state = self._host(url)
        with state.lock:
            now = time.monotonic()
            start = max(now, state.next_slot)
            state.next_slot = start + interval
        delay = start - now
        if delay > 0:
            self._sleep(delay)

    def _push_back(self, url: str, seconds: float) -> None:
        """A Retry-After applies to the host, not only to this request."""
        state = self._host(url)
        with state.lock:
            state.next_slot = max(state.next_slot, time.monotonic() + seconds)

    def allowed(self, url: str) -> bool:
        if not self.config.respect_robots:
            return True
        state = self._host(url)
        with state.lock:
            loaded = state.robots_loaded
        if not loaded:
            parser = self._load_robots(url)
            with state.lock:
                state.robots, state.robots_loaded = parser, True
        rp = state.robots
        return True if rp is None else rp.can_fetch(self.config.user_agent, url)

    def _load_robots(self, url: str) -> RobotFileParser | None:
        """None means allow all: missing robots.txt (4xx) or unreachable host."""
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        self._wait_turn(robots_url)
        try:
            resp = self.session.get(robots_url, timeout=(self.config.connect_timeout, self.config.read_timeout))
        except requests.RequestException:
            return None
        if resp.status_code != 200:
            return None
        rp = RobotFileParser(robots_url)
        rp.parse(decode_html(resp.content, resp.headers.get("Content-Type")).splitlines())
        return rp

    # ---- fetching -----------------------------------------------------------
    def _backoff(self, attempt: int) -> float:
        base = min(self.config.backoff_max, self.config.backoff_base * (2 ** (attempt - 1)))
        return base * (0.5 + random.random())  # jitter so parallel retries spread out

    def fetch(self, url: str) -> FetchResult:
        """GET with retries; never raises for HTTP/network errors."""
        if not self.allowed(url):
            return FetchResult.failure(url, "disallowed by robots.txt")
        with self._slots:
            return self._fetch_with_retries(url)

    def fetch_many(self, urls: Iterable[str]) -> list[FetchResult]:
        """Fetch in parallel up to max_concurrency; results keep the input order."""
        url_list = list(urls)
        if not url_list:
            return []
        workers = max(1, min(self.config.max_concurrency, len(url_list)))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(self.fetch, url_list))

    def _fetch_with_retries(self, url: str) -> FetchResult:
        cfg = self.config
        attempts = 0
        while True:
            attempts += 1
            self._wait_turn(url)
            last, retry_after, transient = self._attempt(url, attempts)
            # Transient only: 5xx/408/429, timeouts, resets, truncated bodies.
            retryable = transient or last.status in RETRYABLE_STATUS
            if not retryable or attempts > cfg.max_retries:
                return last
            if retry_after is not None and retry_after > cfg.retry_after_max:
                return last  # the server asks for longer than a run can wait
            delay = retry_after if retry_after is not None else self._backoff(attempts)
            if retry_after is not None:
                self._push_back(url, retry_after)
            self._sleep(delay)

    def _get(self, url: str, attempts: int) -> tuple[requests.Response | None, str, FetchResult | None]:
        """GET following redirects ourselves, so every hop is spaced and checked against robots.txt.

        Returns (response, final_url, None), or (None, url, failure) when a hop may not be followed.
        """
        cfg = self.config
        current = url
        for hop in range(MAX_REDIRECTS + 1):
            if hop:
                if not self.allowed(current):
                    refused = f"redirect to {current} disallowed by robots.txt"
                    return None, current, FetchResult.failure(url, refused, attempts=attempts, final_url=current)
                self._wait_turn(current)
            resp = self.session.get(
                current, timeout=(cfg.connect_timeout, cfg.read_timeout), stream=True, allow_redirects=False
            )
            target = self.session.get_redirect_target(resp)
            if not resp.is_redirect or not target:
                return resp, current, None
            resp.close()
            current = urljoin(current, target)
        too_many = f"more than {MAX_REDIRECTS} redirects"
        return None, current, FetchResult.failure(url, too_many, attempts=attempts, final_url=current)

    def _attempt(self, url: str, attempts: int) -> tuple[FetchResult, float | None, bool]:
        """One try: (result, Retry-After seconds, whether the failure is transient)."""
        cfg = self.config
        try:
            resp, final_url, refused = self._get(url, attempts)
        except requests.Timeout as exc:
            return FetchResult.failure(url, f"timeout: {exc}", attempts=attempts), None, True
        except requests.RequestException as exc:
            return FetchResult.failure(url, f"{type(exc).__name__}: {exc}", attempts=attempts), None, True
        if resp is None:
            assert refused is not None
            return refused, None, False
        headers = {k: v for k, v in resp.headers.items()}
        status = resp.status_code
        size = 0
        try:
            declared = int(headers.get("Content-Length", "0") or 0)
            if declared > cfg.max_body_bytes:
                return FetchResult(
                    url, final_url, status, headers, b"", attempts,
                    f"body too large: Content-Length {declared} > {cfg.max_body_bytes}",
                ), None, False
            chunks: list[bytes] = []
            for chunk in resp.iter_content(64 * 1024):
                size += len(chunk)
                if size > cfg.max_body_bytes:
                    return FetchResult(
                        url, final_url, status, headers, b"", attempts,
                        f"body too large: more than {cfg.max_body_bytes} bytes",
                    ), None, False
                chunks.append(chunk)
            body = b"".join(chunks)
        except requests.Timeout as exc:
            return FetchResult(url, final_url, status, headers, b"", attempts, f"timeout: {exc}"), None, True
        except (requests.RequestException, ValueError) as exc:
            # A body shorter than its Content-Length (or a reset mid-body) is a transport
            # error: retried, and if it persists recorded with the status the server sent.
            declared_text = headers.get("Content-Length") or "?"
            return FetchResult(
                url, final_url, status, headers, b"", attempts,
                f"truncated body: {size} of {declared_text} bytes ({type(exc).__name__}: {exc})",
            ), None, True
        finally:
            resp.close()
        error = None if status == 200 else f"HTTP {status}"
        retry_after = parse_retry_after(headers.get("Retry-After")) if status in RETRYABLE_STATUS else None
        return FetchResult(url, final_url, status, headers, body, attempts, error), retry_after, False
