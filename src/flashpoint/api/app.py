"""create_app: the FastAPI app over one event store (no module-level app, no global state).

    app = create_app(Settings.from_env(), ServerOptions(token="..."))
    uvicorn.run(app, host="127.0.0.1", port=8765)     # or flashpoint.api.serve.serve(...)

The lifespan opens the store read-write (the server is its only writer; see backend.py),
starts the coder, writes the discovery file when asked, and undoes all of it on shutdown.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from flashpoint.about import __version__
from flashpoint.api.backend import Backend
from flashpoint.api.discovery import ServerInfo, remove_discovery, write_discovery
from flashpoint.api.errors import install_error_handlers
from flashpoint.api.options import ServerOptions
from flashpoint.api.routes import ROUTERS
from flashpoint.api.routes.dashboard import mount_static
from flashpoint.api.security import AllowedHosts, BodyLimit, SecurityHeaders, allowed_hosts, resolve_token
from flashpoint.api.worker import Coding, ProcessCoding
from flashpoint.config import Settings
from flashpoint.store import Store, open_store

__all__ = ["create_app"]

log = logging.getLogger(__name__)


def create_app(
    settings: Settings,
    options: ServerOptions | None = None,
    *,
    store: Store | None = None,
    coding: Coding | None = None,
) -> FastAPI:
    """The web app over the store at settings.db_path (or over `store`, left open on shutdown).

    `coding` codes posted articles (default: ProcessCoding, one worker process loading
    the configured spaCy pipeline). Without `options.token` a random token is made; only
    the discovery file (when `options.discovery`) tells it.
    """
    options = options or ServerOptions()
    token = options.token or resolve_token({})[0]

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own_store = store is None
        opened = store if store is not None else open_store(settings.db_path)
        backend = Backend(settings, options, opened, coding if coding is not None else ProcessCoding(settings))
        backend.coding.start()
        app.state.backend = backend
        if options.discovery:
            url = options.url or f"http://{options.host}:{options.port}"
            write_discovery(settings.db_path, ServerInfo(url=url, pid=os.getpid(), token=token, db=str(settings.db_path)))
        try:
            yield
        finally:
            if options.discovery:
                remove_discovery(settings.db_path)
            app.state.backend = None
            backend.close()
            if own_store:
                opened.close()

    app = FastAPI(
        title="flashpoint",
        version=__version__,
        description="Political events coded from news (CAMEO/PLOVER), read from and written to one DuckDB store.",
        lifespan=lifespan,
        docs_url=None,  # served from the package by routes/dashboard.py: Swagger UI without a CDN
        redoc_url=None,
    )
    app.state.token = token
    app.state.db_path = settings.db_path
    app.state.options = options
    app.state.backend = None
    install_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    mount_static(app)
    # Starlette runs the middleware added last outermost: the headers go on every answer,
    # the 400 for a foreign Host and the 413 of the body cap included, and both refuse before
    # anything reads the body.
    app.add_middleware(BodyLimit, max_bytes=options.max_body_bytes)
    app.add_middleware(AllowedHosts, hosts=allowed_hosts(options.host, options.allowed_hosts))
    app.add_middleware(SecurityHeaders)
    return app
