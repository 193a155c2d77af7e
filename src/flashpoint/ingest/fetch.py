"""http(s) URLs -> page bytes, refusing other schemes, private addresses and huge bodies.

The only module that imports httpx (STYLE §5). The client is injected, so tests pass
`httpx.Client(transport=httpx.MockTransport(...))` and nothing touches the network.

Redirects are followed here, one hop at a time, because each new host must pass the
same address check as the first: a public page redirecting to http://169.254.169.254/
(a cloud metadata service) is the classic server-side request forgery.

Checking a host name before the request is not enough on its own: a hostile DNS server
can answer the check with a public address and httpx's own lookup, a moment later, with
a private one (DNS rebinding). So the client from `open_client()` connects through
`_PublicOnlyBackend`, which resolves each host once, refuses it unless every address is
public, and connects to the address it checked.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

from flashpoint.errors import IngestError

__all__ = [
    "ALLOWED_SCHEMES",
    "Client",
    "FetchedPage",
    "MAX_BYTES",
    "MAX_REDIRECTS",
    "TIMEOUT",
    "check_url",
    "fetch",
    "open_client",
]

# The client class fetch() takes, named here so that other modules need not import httpx.
Client = httpx.Client

ALLOWED_SCHEMES = ("http", "https")
MAX_BYTES = 5_000_000
MAX_REDIRECTS = 5
# Connect fast or give up; a slow news site may take a while to send a large page.
TIMEOUT = httpx.Timeout(15.0, connect=5.0)
_USER_AGENT = "flashpoint (news event coder)"


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """One fetched response: `url` as asked for, `final_url` after redirects."""

    url: str
    final_url: str
    content_type: str
    body: bytes


def open_client(*, allow_private: bool = False) -> httpx.Client:
    """A client with flashpoint's timeouts and user agent; the caller closes it.

    Unless `allow_private`, its direct connections go only to the public addresses
    `_PublicOnlyBackend` checked (a proxy from the environment is connected to as is).
    """
    transport = httpx.HTTPTransport()
    if not allow_private:
        # httpx 0.28 builds the httpcore pool itself and takes no network backend; the
        # pool's backend is the one place where the connected address can be chosen.
        # tests/ingest/test_fetch.py fails if a new httpx moves it.
        transport._pool._network_backend = _PublicOnlyBackend()
    return httpx.Client(timeout=TIMEOUT, headers={"User-Agent": _USER_AGENT}, follow_redirects=False, transport=transport)


class _PublicOnlyBackend(httpcore.NetworkBackend):
    """httpcore's network backend, connecting only to public addresses it resolved itself."""

    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        label = f"{host}:{port}"
        try:
            addresses = _resolve(label, host, port)
        except IngestError as exc:
            raise httpcore.ConnectError(exc.reason) from exc
        refused = [a for a in addresses if not _is_public(a)]
        if refused or not addresses:
            # Raised as a connection error so httpx reports it; fetch() names the URL.
            raise httpcore.ConnectError(f"refused: host {host!r} resolves to non-public address {refused[0] if refused else '?'}")
        return self._inner.connect_tcp(str(addresses[0]), port, timeout, local_address, socket_options)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("refused: unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def fetch(
    url: str,
    *,
    client: httpx.Client,
    max_bytes: int = MAX_BYTES,
    allow_private: bool = False,
) -> FetchedPage:
    """GET `url` and return its body, following at most 5 redirects.

    Every hop is checked with `check_url` before it is requested. Timeouts are 5 s
    to connect and 15 s between reads, whatever the client's own settings. The body
    is read in chunks (decompressed) and abandoned past `max_bytes`.

    Raises:
        IngestError: naming the URL, when it is refused (scheme, address), cannot be
            fetched (DNS, connection, timeout, HTTP status other than 2xx, too many
            redirects) or its body is larger than `max_bytes`; httpx errors are
            chained as the cause.
    """
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        try:
            check_url(current, allow_private=allow_private)
        except IngestError as error:
            if current == url:
                raise
            # Name the URL the caller asked for; the hop is in the reason.
            raise IngestError(url, f"{error.reason} (redirected to {current})") from error
        try:
            with client.stream("GET", current, timeout=TIMEOUT, follow_redirects=False) as response:
                if response.is_redirect:
                    current = str(response.url.join(response.headers["location"]))
                    continue
                if not response.is_success:
                    raise IngestError(
                        url, f"HTTP {response.status_code} {response.reason_phrase} from {current}"
                    )
                body = _read_body(response, url, max_bytes)
                return FetchedPage(
                    url=url,
                    final_url=str(response.url),
                    content_type=response.headers.get("content-type", ""),
                    body=body,
                )
        except httpx.TimeoutException as exc:
            raise IngestError(url, f"timed out fetching {current} ({type(exc).__name__})") from exc
        except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as exc:
            raise IngestError(url, f"cannot fetch {current}: {type(exc).__name__}: {exc}") from exc
    raise IngestError(url, f"too many redirects (more than {MAX_REDIRECTS}); the last was to {current}")


def _read_body(response: httpx.Response, url: str, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise IngestError(url, f"too large: {declared} bytes declared, the limit is {max_bytes}")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise IngestError(url, f"too large: more than {max_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def check_url(url: str, *, allow_private: bool = False) -> None:
    """Refuse a URL fetch() must not request.

    Only http and https are fetched. Unless `allow_private`, the host must resolve
    only to globally routable addresses: private, loopback, link-local, multicast,
    reserved and unspecified ones are refused, and so is a host resolving to any
    such address among public ones.

    Raises:
        IngestError: the URL is refused or its host cannot be resolved.
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise IngestError(url, f"not a valid URL: {exc}") from exc
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        shown = f"{scheme}:" if scheme else "no scheme"
        raise IngestError(url, f"refused: only http and https URLs are fetched, not {shown}")
    host = parts.hostname
    if not host:
        raise IngestError(url, "not a valid URL: no host")
    if allow_private:
        return
    for address in _resolve(url, host, port or (443 if scheme == "https" else 80)):
        if not _is_public(address):
            raise IngestError(
                url,
                f"refused: host {host!r} resolves to non-public address {address} "
                "(pass allow_private=True to fetch from a private network)",
            )


def _resolve(url: str, host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        # An IP literal needs no lookup (and "[::1]" reaches here as "::1").
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise IngestError(url, f"cannot resolve host {host!r}: {exc}") from exc
    # sockaddr[0] of an IPv6 link-local address may carry a zone ("fe80::1%eth0").
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]


def _is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    # "::ffff:127.0.0.1" reaches 127.0.0.1; judge the IPv4 address it maps.
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )
