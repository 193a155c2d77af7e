"""The server's edge (issue 13): the Host header must name this server (DNS rebinding), and every
answer carries the security headers, the 400, 413 and 500 ones included."""

from __future__ import annotations

import httpx
import pytest
from _api_fixtures import AUTH, FakeCoder, start_server

from flashpoint.api.security import SECURITY_HEADERS, allowed_hosts

pytestmark = pytest.mark.issue(13)


class _Crashing(FakeCoder):
    def pipe(self, articles, *, on_error="record"):
        raise RuntimeError("the coder broke")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("edge") / "edge.duckdb"
    with start_server(db, FakeCoder(), allowed_hosts=("news.internal",), max_body_bytes=2000) as running:
        yield running


def _assert_security_headers(response: httpx.Response) -> None:
    assert {name: response.headers.get(name) for name, _ in SECURITY_HEADERS} == dict(SECURITY_HEADERS)


@pytest.mark.parametrize(
    ("method", "path"), [("GET", "/api/events"), ("GET", "/"), ("POST", "/api/code"), ("GET", "/api/health")]
)
@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:8765", "127.0.0.1.attacker.example", "", "localhost.evil"])
def test_foreign_host_header_is_400(server, method, path, host):
    with httpx.Client(base_url=server.url) as http:
        response = http.request(method, path, headers={"Host": host}, json={"text": "Russia attacked Ukraine."})
    assert response.status_code == 400
    assert response.json()["error"] == "BadHost"
    assert response.json()["message"].startswith(f"Host {host!r} is not a name this server answers to")
    _assert_security_headers(response)


@pytest.mark.parametrize("host", ["localhost", "LOCALHOST:8765", "127.0.0.1", "127.0.0.1:1", "[::1]", "[::1]:8765", "news.internal:80"])
def test_loopback_and_configured_hosts_are_answered(server, host):
    with httpx.Client(base_url=server.url) as http:
        response = http.get("/api/events", headers={"Host": host})
    assert response.status_code == 200
    _assert_security_headers(response)


@pytest.mark.parametrize(
    ("bind", "extra", "expected"),
    [
        ("127.0.0.1", (), {"localhost", "127.0.0.1", "[::1]"}),
        ("0.0.0.0", ("News.Internal",), {"localhost", "127.0.0.1", "[::1]", "news.internal"}),
        ("192.168.1.5", (), {"localhost", "127.0.0.1", "[::1]", "192.168.1.5"}),
        ("fd00::5", (), {"localhost", "127.0.0.1", "[::1]", "[fd00::5]"}),
        ("::", (), {"localhost", "127.0.0.1", "[::1]"}),
    ],
)
def test_allowed_hosts_are_loopback_configured_and_a_specific_bind_address(bind, extra, expected):
    assert allowed_hosts(bind, extra) == expected


def test_body_over_the_cap_413_has_security_headers(server):
    with httpx.Client(base_url=server.url) as http:
        response = http.post("/api/code", json={"text": "Russia attacked Ukraine. " * 200})
    assert response.status_code == 413
    _assert_security_headers(response)


def test_unexpected_error_500_has_security_headers(tmp_path):
    with start_server(tmp_path / "crash.duckdb", _Crashing()) as running, httpx.Client(base_url=running.url) as http:
        response = http.post("/api/articles", json={"text": "Russia attacked Ukraine."}, headers=AUTH)
    assert response.status_code == 500
    assert response.json() == {"error": "InternalError", "message": "RuntimeError: the server failed (see its log)"}
    _assert_security_headers(response)
