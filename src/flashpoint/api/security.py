"""Who may do what, and how much they may send: bearer token, loopback reads, body cap, headers.

Writes always need `Authorization: Bearer <token>`; reads need it only from clients
that are not on loopback. Tokens are compared with secrets.compare_digest.
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

__all__ = ["TOKEN_ENV", "BodyLimit", "SecurityHeaders", "check_read", "check_write", "resolve_token"]

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
        body = dumps({"error": "TooLarge", "message": f"request body larger than {self.max_bytes} bytes"})
        await send({
            "type": "http.response.start",
            "status": 413,
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


class SecurityHeaders:
    """ASGI middleware adding a Content-Security-Policy and no-sniff/no-frame headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", _CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"no-referrer"),
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)
