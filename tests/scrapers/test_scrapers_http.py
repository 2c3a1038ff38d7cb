"""The polite client against real faults injected by the dev server."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from scrapers.http import PoliteClient, parse_retry_after
from xiangmu.local.sample_server import ArchiveServer, FaultRule

ART = "/sjzrb/sjzrbpaper/pc/content/202308/07/content_1001.html"
HB_ART = "/hbrb/pc/paper/c/202308/07/c123456.html"


def test_ok_fetch_records_everything(client: PoliteClient, base_url: str) -> None:
    res = client.fetch(base_url + ART)
    assert res.ok and res.status == 200 and res.attempts == 1 and res.error is None
    assert res.final_url == res.url == base_url + ART
    assert res.headers["Content-Type"] == "text/html; charset=utf-8"
    assert res.text is not None and "全市312个项目集中开工" in res.text
    assert len(res.content_hash) == 64 and res.fetched_at.tzinfo is not None


def test_404_is_returned_not_raised_and_not_retried(
    client: PoliteClient, base_url: str, archive: ArchiveServer
) -> None:
    res = client.fetch(base_url + "/sjzrb/sjzrbpaper/pc/layout/202308/06/node_01.html")
    assert (res.status, res.attempts, res.ok) == (404, 1, False)
    assert res.error == "HTTP 404"
    assert len(archive.state.requests_for("202308/06")) == 1


def test_5xx_burst_is_retried_then_succeeds(client: PoliteClient, base_url: str, archive: ArchiveServer) -> None:
    archive.state.add_rule(FaultRule(path="content_1001", kind="status", status=503, times=2))
    res = client.fetch(base_url + ART)
    assert res.ok and res.attempts == 3
    assert [r.status for r in archive.state.requests_for("content_1001")] == [503, 503, 200]


def test_persistent_5xx_gives_up_without_raising(
    make_client: Callable[..., PoliteClient], base_url: str, archive: ArchiveServer
) -> None:
    archive.state.add_rule(FaultRule(path="content_1001", kind="status", status=500))
    res = make_client(max_retries=2).fetch(base_url + ART)
    assert (res.status, res.attempts, res.ok, res.error) == (500, 3, False, "HTTP 500")


def test_retry_after_is_honoured(client: PoliteClient, base_url: str, archive: ArchiveServer) -> None:
    archive.state.add_rule(FaultRule(path="content_1001", kind="retry_after", status=429, retry_after="1", times=1))
    res = client.fetch(base_url + ART)
    assert res.ok and res.attempts == 2
    first, second = archive.state.requests_for("content_1001")
    assert first.status == 429 and second.status == 200
    assert second.at - first.at >= 0.95  # backoff alone would be ~0.01 s


def test_retry_after_beyond_limit_is_not_waited_for(
    make_client: Callable[..., PoliteClient], base_url: str, archive: ArchiveServer
) -> None:
    archive.state.add_rule(FaultRule(path="content_1001", kind="retry_after", retry_after="3600"))
    started = time.monotonic()
    res = make_client(retry_after_max=5).fetch(base_url + ART)
    assert res.status == 503 and res.attempts == 1
    assert time.monotonic() - started < 1


def test_parse_retry_after_forms() -> None:
    assert parse_retry_after("7") == 7
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480 - 10) == 10
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


def test_timeout_is_retried(make_client: Callable[..., PoliteClient], base_url: str, archive: ArchiveServer) -> None:
    archive.state.add_rule(FaultRule(path="content_1001", kind="delay", delay=1.0, times=1))
    res = make_client(read_timeout=0.3).fetch(base_url + ART)
    assert res.ok and res.attempts == 2


def test_truncated_body_is_retried(client: PoliteClient, base_url: str, archive: ArchiveServer) -> None:
    archive.state.add_rule(FaultRule(path="content_1001", kind="truncate", times=1))
    res = client.fetch(base_url + ART)
    assert res.ok and res.attempts == 2 and res.text is not None and "</html>" in res.text


def test_redirect_is_followed(client: PoliteClient, base_url: str, archive: ArchiveServer) -> None:
    archive.state.add_rule(FaultRule(path="moved", kind="redirect", location=ART))
    res = client.fetch(base_url + "/moved")
    assert res.ok and res.final_url == base_url + ART


def test_gbk_pages_are_decoded(client: PoliteClient, base_url: str, archive: ArchiveServer) -> None:
    for declare in ("meta", "header", "none"):
        archive.state.clear()
        archive.state.add_rule(FaultRule(path="c123456", kind="gbk", gbk_declare=declare))
        res = client.fetch(base_url + HB_ART)
        assert res.ok
        assert res.body != (archive.state.root / HB_ART.lstrip("/")).read_bytes()  # really re-encoded
        assert res.body.decode("gbk")  # and really GBK
        assert res.text is not None and "全省重点项目建设提速增效" in res.text, declare
        assert "河北日报记者 宋立群" in res.text


def test_body_size_limit(make_client: Callable[..., PoliteClient], base_url: str) -> None:
    res = make_client(max_body_bytes=100).fetch(base_url + ART)
    assert not res.ok and res.body == b"" and res.error is not None and "too large" in res.error


def test_robots_txt_is_honoured(client: PoliteClient, base_url: str, archive: ArchiveServer) -> None:
    res = client.fetch(base_url + "/sjzrb/private/secret.html")
    assert res.status is None and res.error == "disallowed by robots.txt"
    assert archive.state.requests_for("/private/") == []
    assert len(archive.state.requests_for("robots.txt")) == 1  # cached per host
    client.fetch(base_url + ART)
    assert len(archive.state.requests_for("robots.txt")) == 1


def test_connection_error_is_returned(make_client: Callable[..., PoliteClient]) -> None:
    res = make_client(max_retries=1, respect_robots=False).fetch("http://127.0.0.1:9/nothing.html")
    assert res.status is None and res.attempts == 2 and res.error is not None


def test_user_agent_is_sent(make_client: Callable[..., PoliteClient], base_url: str, archive: ArchiveServer) -> None:
    c = make_client(user_agent="XiangmuTest/1.0")
    assert c.session.headers["User-Agent"] == "XiangmuTest/1.0"
    assert c.fetch(base_url + ART).ok


def test_politeness_interval_measured_by_server(
    make_client: Callable[..., PoliteClient], base_url: str, archive: ArchiveServer
) -> None:
    interval = 0.3
    c = make_client(min_interval=interval, max_concurrency=4, respect_robots=False)
    urls = [f"{base_url}/sjzrb/sjzrbpaper/pc/content/202308/07/content_100{i}.html" for i in range(1, 7)]
    with ThreadPoolExecutor(4) as pool:  # callers in parallel must still be spaced
        results = list(pool.map(c.fetch, urls[:3]))
    results += c.fetch_many(urls[3:])
    assert all(r.ok for r in results)
    times = sorted(r.at for r in archive.state.requests_for("/content_100"))
    assert len(times) == 6
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert min(gaps) >= interval * 0.9, gaps


def test_config_from_env(monkeypatch) -> None:
    from scrapers.http import ClientConfig

    monkeypatch.setenv("XIANGMU_HTTP_MIN_INTERVAL", "2.5")
    monkeypatch.setenv("XIANGMU_HTTP_USER_AGENT", "UA/2")
    cfg = ClientConfig.from_env()
    assert (cfg.min_interval, cfg.user_agent, cfg.max_concurrency) == (2.5, "UA/2", 4)


def test_devserver_fault_spec() -> None:
    from xiangmu.local.sample_server import parse_fault

    rule = parse_fault("node_01:status:2")
    assert (rule.path, rule.kind, rule.times) == ("node_01", "status", 2)
    assert parse_fault("c1:gbk").times is None


def test_keyword_overrides_and_failure_result() -> None:
    from scrapers.http import FetchResult

    with PoliteClient(min_interval=0, timeout=3, max_retries=1, user_agent="UA/3") as c:
        assert (c.config.min_interval, c.config.read_timeout, c.config.connect_timeout) == (0, 3, 3)
        assert (c.config.max_retries, c.session.headers["User-Agent"]) == (1, "UA/3")
    f = FetchResult.failure("http://x/y", "boom")
    assert (f.ok, f.status, f.error, f.body) == (False, None, "boom", b"")
