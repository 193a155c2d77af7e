"""The web app: FastAPI routes and a dashboard over one event store (`flashpoint serve`).

    from flashpoint.api.app import create_app       # the app (imports FastAPI)
    from flashpoint.api.serve import serve          # run it under uvicorn
    from flashpoint.api.client import ingest_remote # send articles to a running server

Importing this package imports nothing else: `flashpoint ingest` loads api.client (and
no FastAPI) only when a running server holds the store. docs/api.md describes the routes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flashpoint.api.app import create_app
    from flashpoint.api.options import ServerOptions

__all__ = ["ServerOptions", "create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from flashpoint.api.app import create_app

        return create_app
    if name == "ServerOptions":
        from flashpoint.api.options import ServerOptions

        return ServerOptions
    raise AttributeError(f"module 'flashpoint.api' has no attribute {name!r}")
