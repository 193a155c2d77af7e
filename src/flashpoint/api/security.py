"""Who may do what, and how much they may send: allowed hosts, bearer token, loopback reads,
body cap, headers.

Writes always need `Authorization: Bearer <token>`; reads need it only from clients
that are not on loopback. Tokens are compared with secrets.compare_digest. A request must
name this server in its Host header (AllowedHosts), so a web page whose name an attacker
re-points at 127.0.0.1 (DNS rebinding) cannot read the store through the reader's browser.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi import Request
from starlette.exceptions import HTTPException

from flashpoint.api.options import is_loopback_host
from flashpoint.api.records import dumps

__all__ = [
    "LOOPBACK_NAMES",
    "SECURITY_HEADERS",
    "TOKEN_ENV",
    "AllowedHosts",
    "BodyLimit",
    "SecurityHeaders",
    "allowed_hosts",
    "check_read",
    "check_write",
    "resolve_token",
]

TOKEN_ENV = "FLASHPOINT_API_TOKEN"

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def resolve_token(environ: dict[str, str] | None = None) -> tuple[str, bool]:
    """The write token: FLASHPOINT_API_TOKEN when set, else a new random one.
    Returns (token, generated)."""
    env = os.environ if environ is None else environ
    given = (env.get(TOKEN_ENV) or "").strip()
    if given:
        return given, False
    return secrets.token_urlsafe(32), True


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def _check_token(request: Request, what: str) -> None:
    token: str = request.app.state.token
    given = _bearer(request)
    challenge = {"WWW-Authenticate": 'Bearer realm="flashpoint"'}
    if given is None:
        raise HTTPException(401, f"{what} needs a bearer token: send 'Authorization: Bearer <token>' "
                                 f"(FLASHPOINT_API_TOKEN, or the token `flashpoint serve` printed)", challenge)  # fmt: skip
    if not secrets.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
        raise HTTPException(403, "the bearer token is not this server's token", challenge)


def check_write(request: Request) -> None:
    """Dependency of every route that changes the store: a valid bearer token."""
    _check_token(request, f"{request.method} {request.url.path}")


def check_read(request: Request) -> None:
    """Dependency of every read route: open to loopback clients, token for anyone else."""
    client = request.client.host if request.client else ""
    if client and is_loopback_host(client):
        return
    _check_token(request, "reading from a non-loopback address")


# The names a browser on this machine uses for a loopback server; others come from
# `serve --allow-host` (and a specific --host address).
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")
_WILDCARDS = frozenset({"0.0.0.0", "::", "[::]", ""})


def allowed_hosts(bind_host: str, extra: tuple[str, ...] = ()) -> frozenset[str]:
    """The Host names (lower case, no port) the server answers: the loopback names, `extra`,
    and `bind_host` unless it is a wildcard address (0.0.0.0, ::)."""
    names = {*LOOPBACK_NAMES, *extra}
    if bind_host not in _WILDCARDS:
        names.add(f"[{bind_host}]" if ":" in bind_host and not bind_host.startswith("[") else bind_host)
    return frozenset(_host_name(name) for name in names)


def _host_name(value: str) -> str:
    """"Example.org:8765" -> "example.org", "[::1]:8765" -> "[::1]" (a trailing dot dropped)."""
    value = value.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        return value[: end + 1] if end > 0 else value
    return value.rsplit(":", 1)[0].rstrip(".") if value.count(":") == 1 else value.rstrip(".")


class AllowedHosts:
    """ASGI middleware: a request whose Host header is not one of `hosts` gets 400."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str]) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope.get("headers", ())).get(b"host", b"").decode("latin-1")
        if _host_name(given) in self.hosts:
            await self.app(scope, receive, send)
            return
        message = (f"Host {given!r} is not a name this server answers to ({', '.join(sorted(self.hosts))}); "
                   "start it with --allow-host NAME to add one")  # fmt: skip
        await _send_json(send, 400, {"error": "BadHost", "message": message})


class BodyLimit:
    """ASGI middleware: a request body over `max_bytes` gets 413 before the app sees it.

    A declared Content-Length is checked at once. A body without one (chunked) is read
    here, counted, and handed on only when it stays under the cap; raising mid-stream
    would reach the app as a parse error (400), not as 413.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", ()))
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                too_large = int(declared) > self.max_bytes
            except ValueError:
                too_large = False
            if too_large:
                await self._refuse(send)
                return
            await self.app(scope, receive, send)
            return
        if headers.get(b"transfer-encoding") is None:
            await self.app(scope, receive, send)  # no body
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, _replay([message], receive), send)  # a disconnect: let the app see it
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = {"type": "http.request", "body": b"".join(chunks), "more_body": False}
        await self.app(scope, _replay([body], receive), send)

    async def _refuse(self, send: Send) -> None:
        await _send_json(send, 413, {"error": "TooLarge", "message": f"request body larger than {self.max_bytes} bytes"})


async def _send_json(send: Send, status: int, payload: dict[str, str]) -> None:
    """Answer from a middleware, before the app: the JSON error shape, and the connection closed."""
    body = dumps(payload)
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close")],
    })  # fmt: skip
    await send({"type": "http.response.body", "body": body})


def _replay(messages: list[Message], receive: Receive) -> Receive:
    """A receive() that first returns `messages`, then whatever the server sends next."""
    pending = list(messages)

    async def replayed() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replayed


# The dashboard runs only its own scripts; Plotly injects <style> elements, hence
# 'unsafe-inline' for styles only. /docs (Swagger UI) gets the same policy: it is served
# from the package too.
_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("content-security-policy", _CSP),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "no-referrer"),
)


class SecurityHeaders:
    """ASGI middleware adding a Content-Security-Policy and no-sniff/no-frame headers to every
    response that passes it (the outermost of ours; a 500 is sent outside it, by
    errors.py, which adds SECURITY_HEADERS itself)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(name.encode(), value.encode()) for name, value in SECURITY_HEADERS]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)
