"""The dashboard: GET / (the page), /static/* (its script and style), /vendor/* (Plotly and
Swagger UI from their installed Python packages) and GET /docs. Nothing comes from a CDN."""

from __future__ import annotations

import importlib.util
from importlib import resources
from pathlib import Path

from fastapi import APIRouter, FastAPI
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.staticfiles import StaticFiles

from flashpoint.errors import NotFound

__all__ = ["mount_static", "router"]

router = APIRouter(include_in_schema=False)

# Swagger UI 5 files /docs needs (FastAPI writes OpenAPI 3.1), from the fastapi-offline package.
_SWAGGER_FILES = {"swagger-ui-bundle.js": "text/javascript", "swagger-ui.css": "text/css"}
# Vendor files never change for an installed version: let the browser keep them a day.
_VENDOR_CACHE = {"Cache-Control": "public, max-age=86400"}


def _package_dir(name: str) -> Path | None:
    """Where an installed package's files are, without importing it (plotly imports slowly)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _page(name: str) -> HTMLResponse:
    html = resources.files("flashpoint.api").joinpath("static", name).read_text(encoding="utf-8")
    return HTMLResponse(html, headers={"Cache-Control": "no-cache"})


@router.get("/")
async def dashboard() -> HTMLResponse:
    return _page("index.html")


@router.get("/docs")
async def docs() -> HTMLResponse:
    return _page("docs.html")


@router.get("/vendor/plotly.min.js")
async def plotly_js() -> Response:
    folder = _package_dir("plotly")
    path = folder / "package_data" / "plotly.min.js" if folder else None
    if path is None or not path.is_file():
        raise NotFound("file", "plotly.min.js (install the plotly package)")
    return FileResponse(path, media_type="text/javascript", headers=_VENDOR_CACHE)


@router.get("/vendor/swagger/{name}")
async def swagger_file(name: str) -> Response:
    folder = _package_dir("fastapi_offline")
    path = folder / "static" / name if folder and name in _SWAGGER_FILES else None
    if path is None or not path.is_file():
        raise NotFound("file", name)
    return FileResponse(path, media_type=_SWAGGER_FILES[name], headers=_VENDOR_CACHE)


def mount_static(app: FastAPI) -> None:
    """Serve the package's static/ folder at /static."""
    app.mount("/static", StaticFiles(packages=[("flashpoint.api", "static")]), name="static")
