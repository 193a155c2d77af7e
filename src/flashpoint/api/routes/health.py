"""GET /api/health: is the store open, what it holds, which version answers."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from flashpoint.about import __version__
from flashpoint.api.backend import Backend, get_backend
from flashpoint.api.records import json_response
from flashpoint.api.security import check_read

router = APIRouter(tags=["health"], dependencies=[Depends(check_read)])


@router.get("/api/health")
async def health(backend: Backend = Depends(get_backend)) -> Response:
    """`{"status": "ok", "version", "generation", "counts": {articles, sentences, events, quotes, clusters}}`."""
    counts = await run_in_threadpool(backend.read, lambda reader: reader.counts())
    return json_response({"status": "ok", "version": __version__, "generation": backend.generation, "counts": counts})
