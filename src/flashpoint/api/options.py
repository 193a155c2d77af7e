"""ServerOptions: the knobs of `flashpoint serve` that are not store or coder settings."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LOOPBACK_HOSTS", "ServerOptions", "is_loopback_host"]

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


def is_loopback_host(host: str) -> bool:
    """Whether a bind address or a client address is on this machine only (127.0.0.0/8, ::1)."""
    import ipaddress

    name = host.strip().lower()
    if name in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(name.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
class ServerOptions:
    """How the web app behaves (see docs/api.md).

    `token` guards every write (POST /api/articles); `None` makes create_app generate one,
    which only the discovery file then knows. `discovery` writes `<db>.server.json` (url,
    pid, token) while the app runs, so `flashpoint ingest` can route through it; `url` is
    the address written there. Reads need no token from loopback clients; other clients
    need it for everything. `coding_queue` bounds the articles waiting for the coder (one
    more is refused with 503). `allowed_hosts` are Host names answered besides localhost,
    127.0.0.1, [::1] and `host` itself (any other Host header gets 400).
    """

    host: str = "127.0.0.1"
    port: int = 8765
    token: str | None = None
    max_body_bytes: int = 2_000_000
    max_text_chars: int = 200_000
    allow_private: bool = False
    discovery: bool = False
    url: str | None = None
    read_connections: int = 4
    cache_entries: int = 512
    coding_queue: int = 16
    max_page: int = 500
    allowed_hosts: tuple[str, ...] = ()
