"""fetch: http(s) only, public addresses only (each redirect hop too), timeouts, size cap.

Every request goes to an httpx.MockTransport, and host names resolve through a fake
getaddrinfo, so nothing here touches the network.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator

import httpx
import pytest

from flashpoint.errors import IngestError
from flashpoint.ingest.fetch import MAX_REDIRECTS, FetchedPage, check_url, fetch, open_client

PAGE = b"<html><body><p>Envoys met.</p></body></html>"
PUBLIC_IP = "93.184.215.14"
REAL_GETADDRINFO = socket.getaddrinfo
# Host name -> the address our fake resolver gives it.
HOSTS = {
    "news.example": PUBLIC_IP,
    "other.example": "93.184.215.15",
    "intranet.example": "10.1.2.3",
    "sneaky.example": "127.0.0.1",
    "mixed.example": (PUBLIC_IP, "192.168.0.7"),
    "v6loop.example": "::1",
}


@pytest.fixture(autouse=True)
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Resolve HOSTS without DNS; any other name fails as an unknown host would."""
    looked_up: list[str] = []

    def getaddrinfo(host: str, port: int, *args: object, **kwargs: object) -> list[tuple]:
        looked_up.append(host)
        if host not in HOSTS:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        found = HOSTS[host]
        addresses = found if isinstance(found, tuple) else (found,)
        return [
            (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
            for a in addresses
        ]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return looked_up


def mock_client(handler: Callable[[httpx.Request], httpx.Response]) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(handler))


def serve(routes: dict[str, httpx.Response]) -> tuple[httpx.Client, list[str]]:
    """A client answering each URL in `routes`; also returns the URLs requested, in order."""
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return routes.get(str(request.url), httpx.Response(404))

    return mock_client(handler), seen


def test_fetch_returns_body_type_and_urls() -> None:
    client, seen = serve(
        {"http://news.example/a": httpx.Response(200, content=PAGE, headers={"content-type": "text/html"})}
    )
    page = fetch("http://news.example/a", client=client)
    assert page == FetchedPage(
        url="http://news.example/a", final_url="http://news.example/a", content_type="text/html", body=PAGE
    )
    assert seen == ["http://news.example/a"]


def test_fetch_follows_relative_redirect_to_public_host() -> None:
    client, seen = serve(
        {
            "http://news.example/a": httpx.Response(301, headers={"location": "https://other.example/b"}),
            "https://other.example/b": httpx.Response(302, headers={"location": "/c"}),
            "https://other.example/c": httpx.Response(200, content=PAGE),
        }
    )
    page = fetch("http://news.example/a", client=client)
    assert (page.url, page.final_url, page.body) == ("http://news.example/a", "https://other.example/c", PAGE)
    assert seen == ["http://news.example/a", "https://other.example/b", "https://other.example/c"]


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://news.example/file.txt",
        "data:text/html,<p>hi</p>",
        "javascript:alert(1)",
        "gopher://news.example/",
        "news.example/no-scheme",
    ],
)
def test_fetch_refuses_non_http_schemes(url: str) -> None:
    client, seen = serve({})
    with pytest.raises(IngestError) as info:
        fetch(url, client=client)
    assert info.value.source == url
    assert info.value.reason.startswith("refused: only http and https URLs are fetched")
    assert seen == []


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("http://127.0.0.1/", "127.0.0.1"),
        ("http://127.9.9.9:8080/x", "127.9.9.9"),
        ("http://10.0.0.1/", "10.0.0.1"),
        ("http://172.16.5.4/", "172.16.5.4"),
        ("http://192.168.1.1/", "192.168.1.1"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("http://[::1]/", "::1"),
        ("http://[fe80::1]/", "fe80::1"),
        ("http://[::ffff:127.0.0.1]/", "::ffff:7f00:1"),
        ("http://0.0.0.0/", "0.0.0.0"),
        ("http://224.0.0.1/", "224.0.0.1"),
        ("http://240.0.0.1/", "240.0.0.1"),
        ("http://sneaky.example/", "127.0.0.1"),
        ("http://intranet.example/", "10.1.2.3"),
        ("http://v6loop.example/", "::1"),
        ("http://mixed.example/", "192.168.0.7"),
    ],
)
def test_fetch_refuses_non_public_addresses(url: str, address: str) -> None:
    client, seen = serve({url: httpx.Response(200, content=PAGE)})
    with pytest.raises(IngestError) as info:
        fetch(url, client=client)
    assert info.value.source == url
    assert info.value.reason.startswith("refused: host ")
    assert f"resolves to non-public address {address} " in info.value.reason
    assert seen == []


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1/", "http://10.0.0.1/", "http://169.254.1.1/", "http://[::1]/", "http://sneaky.example/"]
)
def test_fetch_allow_private_fetches_private_addresses(url: str, fake_dns: list[str]) -> None:
    client, seen = serve({url: httpx.Response(200, content=PAGE)})
    assert fetch(url, client=client, allow_private=True).body == PAGE
    assert seen == [url]
    assert fake_dns == []  # no lookup is needed when every address is allowed


def test_fetch_redirect_to_private_address_refused() -> None:
    client, seen = serve(
        {
            "http://news.example/a": httpx.Response(302, headers={"location": "http://169.254.169.254/latest/"}),
            "http://169.254.169.254/latest/": httpx.Response(200, content=b"secret"),
        }
    )
    with pytest.raises(IngestError) as info:
        fetch("http://news.example/a", client=client)
    assert info.value.source == "http://news.example/a"
    assert "169.254.169.254" in info.value.reason and info.value.reason.startswith("refused: host ")
    assert seen == ["http://news.example/a"]


def test_fetch_redirect_to_host_resolving_to_loopback_refused() -> None:
    client, seen = serve(
        {"http://news.example/a": httpx.Response(307, headers={"location": "http://sneaky.example/admin"})}
    )
    with pytest.raises(IngestError, match="resolves to non-public address 127.0.0.1"):
        fetch("http://news.example/a", client=client)
    assert seen == ["http://news.example/a"]


def test_fetch_redirect_to_file_scheme_refused() -> None:
    client, _ = serve({"http://news.example/a": httpx.Response(302, headers={"location": "file:///etc/passwd"})})
    with pytest.raises(IngestError, match="only http and https URLs are fetched, not file:"):
        fetch("http://news.example/a", client=client)


def test_fetch_too_many_redirects() -> None:
    routes = {
        f"http://news.example/{n}": httpx.Response(302, headers={"location": f"/{n + 1}"})
        for n in range(MAX_REDIRECTS + 2)
    }
    client, seen = serve(routes)
    with pytest.raises(IngestError) as info:
        fetch("http://news.example/0", client=client)
    assert info.value.reason == f"too many redirects (more than 5); the last was to http://news.example/{MAX_REDIRECTS + 1}"
    assert len(seen) == MAX_REDIRECTS + 1


def test_fetch_body_over_cap_is_too_large() -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(10):
            yield b"x" * 400

    client = mock_client(lambda request: httpx.Response(200, content=chunks()))
    with pytest.raises(IngestError) as info:
        fetch("http://news.example/big", client=client, max_bytes=1000)
    assert info.value.reason == "too large: more than 1000 bytes"


def test_fetch_declared_length_over_cap_is_too_large() -> None:
    client = mock_client(lambda request: httpx.Response(200, content=b"y" * 2000))
    with pytest.raises(IngestError) as info:
        fetch("http://news.example/big", client=client, max_bytes=1999)
    assert info.value.reason == "too large: 2000 bytes declared, the limit is 1999"


def test_fetch_body_at_cap_is_read() -> None:
    client = mock_client(lambda request: httpx.Response(200, content=b"z" * 1000))
    assert len(fetch("http://news.example/ok", client=client, max_bytes=1000).body) == 1000


@pytest.mark.parametrize("error", [httpx.ReadTimeout, httpx.ConnectTimeout])
def test_fetch_timeout_is_ingest_error(error: type[httpx.TimeoutException]) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise error("timed out", request=request)

    with pytest.raises(IngestError) as info:
        fetch("http://news.example/slow", client=mock_client(handler))
    assert info.value.source == "http://news.example/slow"
    assert info.value.reason == f"timed out fetching http://news.example/slow ({error.__name__})"
    assert isinstance(info.value.__cause__, error)


def test_fetch_connection_error_is_ingest_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    with pytest.raises(IngestError) as info:
        fetch("http://news.example/down", client=mock_client(handler))
    assert info.value.reason == "cannot fetch http://news.example/down: ConnectError: connection refused"
    assert isinstance(info.value.__cause__, httpx.ConnectError)


def test_fetch_sets_timeouts_on_each_request() -> None:
    timeouts: list[dict[str, float | None]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        timeouts.append(request.extensions["timeout"])
        return httpx.Response(200, content=PAGE)

    # The client's own (longer) timeout is overridden per request.
    client = httpx.Client(transport=httpx.MockTransport(handler), timeout=120.0)
    fetch("http://news.example/a", client=client)
    assert timeouts == [{"connect": 5.0, "read": 15.0, "write": 15.0, "pool": 15.0}]


@pytest.mark.parametrize(("status", "phrase"), [(404, "Not Found"), (500, "Internal Server Error")])
def test_fetch_http_error_status(status: int, phrase: str) -> None:
    client = mock_client(lambda request: httpx.Response(status))
    with pytest.raises(IngestError) as info:
        fetch("http://news.example/gone", client=client)
    assert info.value.reason == f"HTTP {status} {phrase} from http://news.example/gone"


def test_fetch_unknown_host_is_ingest_error() -> None:
    client, seen = serve({})
    with pytest.raises(IngestError) as info:
        fetch("http://nowhere.example/", client=client)
    assert info.value.reason.startswith("cannot resolve host 'nowhere.example'")
    assert isinstance(info.value.__cause__, socket.gaierror)
    assert seen == []


@pytest.mark.parametrize("url", ["http:///path-only", "http://news.example:99999/"])
def test_check_url_rejects_invalid_urls(url: str) -> None:
    with pytest.raises(IngestError, match="not a valid URL"):
        check_url(url)


@pytest.fixture
def loopback_page():
    """A tiny page served on 127.0.0.1 (the only address tests may reach); yields its port."""
    import http.server
    import threading

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = b"<p>secret</p>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_fetch_dns_rebinding_refused_at_connect(monkeypatch: pytest.MonkeyPatch, loopback_page: int) -> None:
    # The name passes the check as a public address, then re-resolves to loopback when the
    # connection is made (DNS rebinding): the guarded client must not connect.
    answers = iter([PUBLIC_IP, "127.0.0.1", "127.0.0.1"])
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)

    def getaddrinfo(host: str, port: int, *args: object, **kwargs: object) -> list[tuple]:
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    with open_client() as client:
        with pytest.raises(IngestError) as info:
            fetch(f"http://rebind.example:{loopback_page}/", client=client)
    assert "resolves to non-public address 127.0.0.1" in info.value.reason


def test_fetch_allow_private_client_reaches_loopback(monkeypatch: pytest.MonkeyPatch, loopback_page: int) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", REAL_GETADDRINFO)  # an IP literal: no DNS involved
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    with open_client(allow_private=True) as client:
        page = fetch(f"http://127.0.0.1:{loopback_page}/", client=client, allow_private=True)
    assert page.body == b"<p>secret</p>"


def test_open_client_guard_is_installed() -> None:
    # open_client reaches into httpx's transport for its httpcore pool; a new httpx that
    # moves it must fail here, not silently drop the guard.
    with open_client() as client:
        backend = client._transport._pool._network_backend
    assert type(backend).__name__ == "_PublicOnlyBackend"
