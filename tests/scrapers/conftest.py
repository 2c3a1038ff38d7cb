"""One real HTTP server for the whole session; rules and the request log are reset per test."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from scrapers.http import ClientConfig, PoliteClient
from xiangmu.devserver import DEFAULT_ROOT, ArchiveServer, serve_archive


@pytest.fixture(scope="session")
def server() -> Iterator[ArchiveServer]:
    srv, _ = serve_archive(DEFAULT_ROOT)
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture()
def archive(server: ArchiveServer) -> Iterator[ArchiveServer]:
    server.state.clear()
    yield server
    server.state.clear()


@pytest.fixture()
def base_url(archive: ArchiveServer) -> str:
    host, port = archive.server_address[:2]
    return f"http://{host}:{port}"


@pytest.fixture()
def make_client() -> Iterator[Callable[..., PoliteClient]]:
    """Clients with no politeness wait and short backoff unless overridden: the suite stays fast."""
    made: list[PoliteClient] = []

    def factory(**overrides: object) -> PoliteClient:
        values: dict[str, object] = {
            "min_interval": 0.0,
            "backoff_base": 0.01,
            "backoff_max": 0.05,
            "connect_timeout": 2.0,
            "read_timeout": 2.0,
        }
        values.update(overrides)
        c = PoliteClient(ClientConfig(**values))  # type: ignore[arg-type]
        made.append(c)
        return c

    yield factory
    for c in made:
        c.close()


@pytest.fixture()
def client(make_client: Callable[..., PoliteClient]) -> PoliteClient:
    return make_client()
