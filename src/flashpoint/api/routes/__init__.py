"""The API's routes, one module per resource (as datasette's views/); ROUTERS lists them in order."""

from __future__ import annotations

from fastapi import APIRouter

from flashpoint.api.routes import actors, articles, code, dashboard, events, health, quotes, trend

__all__ = ["ROUTERS"]

ROUTERS: tuple[APIRouter, ...] = (
    health.router,
    events.router,
    trend.router,
    actors.router,
    quotes.router,
    articles.router,
    code.router,
    dashboard.router,
)
