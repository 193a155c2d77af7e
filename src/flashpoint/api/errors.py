"""Errors at the web edge: FlashpointError classes -> HTTP status, and one JSON error shape.

Every error the API sends is `{"error": <kind>, "message": <what and how to fix>}` (plus
`"detail"` for request validation), whatever raised it: a FlashpointError from the core,
a refused token, a body too large, or FastAPI's own validation of parameters.

    QueryError -> 400    NotFound -> 404    IngestError -> 422    StoreLocked, Busy -> 503
    any other FlashpointError -> 500 (logged with its traceback)
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException

from flashpoint.api.records import json_response
from flashpoint.api.security import SECURITY_HEADERS
from flashpoint.errors import FlashpointError, IngestError, NotFound, QueryError, StoreLocked

if TYPE_CHECKING:
    from fastapi import FastAPI, Request
    from starlette.responses import Response

__all__ = ["STATUS", "Busy", "install_error_handlers", "status_of"]

log = logging.getLogger(__name__)


class Busy(FlashpointError):
    """The server has as much coding work queued as it takes; the client should retry later."""


# Most specific class first: the first isinstance match wins.
STATUS: tuple[tuple[type[FlashpointError], int], ...] = (
    (QueryError, 400),
    (NotFound, 404),
    (IngestError, 422),
    (StoreLocked, 503),
    (Busy, 503),
)


def status_of(exc: FlashpointError) -> int:
    """The HTTP status for a FlashpointError (500 when no row of STATUS matches)."""
    for kind, status in STATUS:
        if isinstance(exc, kind):
            return status
    return 500


def _flashpoint_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, FlashpointError)
    status = status_of(exc)
    if status >= 500:
        log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    headers = {"Retry-After": "5"} if status == 503 else None
    return json_response({"error": type(exc).__name__, "message": str(exc)}, status, headers)


def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    kind = {401: "Unauthorized", 403: "Forbidden", 404: "NotFound", 405: "MethodNotAllowed", 413: "TooLarge"}
    return json_response(
        {"error": kind.get(exc.status_code, "HTTPError"), "message": str(exc.detail)},
        exc.status_code,
        dict(exc.headers) if exc.headers else None,
    )


def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems: list[dict[str, Any]] = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error.get("loc", ()))
        problems.append({"field": where, "problem": str(error.get("msg", "invalid"))})
    message = "; ".join(f"{p['field']}: {p['problem']}" for p in problems) or "invalid request"
    return json_response({"error": "ValidationError", "message": message, "detail": problems}, 422)


def _unexpected(request: Request, exc: Exception) -> Response:
    # A bug, not a user error: the traceback goes to the log, the client gets the JSON shape.
    log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    # Starlette sends this answer outside every middleware, SecurityHeaders too.
    return json_response(
        {"error": "InternalError", "message": f"{type(exc).__name__}: the server failed (see its log)"}, 500,
        dict(SECURITY_HEADERS),
    )


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers: core errors, HTTP errors, request validation, anything else."""
    app.add_exception_handler(FlashpointError, _flashpoint_error)
    app.add_exception_handler(Exception, _unexpected)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
