"""One real HTTP server for the whole session; rules and the request log are reset per test.

make_client (fast PoliteClients) is shared with tests/load: tests/conftest.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from scrapers.http import PoliteClient
from xiangmu.local.sample_server import DEFAULT_ROOT, ArchiveServer, serve_archive


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
def client(make_client: Callable[..., PoliteClient]) -> PoliteClient:
    return make_client()
