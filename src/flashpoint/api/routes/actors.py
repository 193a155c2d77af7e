"""GET /api/actors: the actor network (who acts on whom, weighted by event mentions)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query
from starlette.responses import Response

from flashpoint.api.backend import Backend, get_backend
from flashpoint.api.records import dumps, records
from flashpoint.api.security import check_read
from flashpoint.store import queries

router = APIRouter(tags=["actors"], dependencies=[Depends(check_read)])


def network(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Nodes of an edge list: code, out (mentions as source), in (as target), n (both), heaviest first."""
    nodes: dict[str, dict[str, Any]] = {}
    for edge in edges:
        for code, side in ((edge["source"], "out"), (edge["target"], "in")):
            node = nodes.setdefault(code, {"code": code, "out": 0, "in": 0, "n": 0})
            node[side] += edge["n"]
            node["n"] += edge["n"]
    return sorted(nodes.values(), key=lambda node: (-node["n"], node["code"]))


@router.get("/api/actors")
async def actors(
    level: str = Query("country", pattern="^(country|code)$", description="country (RUSGOV counts as RUS) or code."),
    mode: str = Query("asserted", max_length=20, description="An event mode, or 'all'."),
    since: str | None = Query(None, max_length=10, description="First event date, YYYY-MM-DD."),
    until: str | None = Query(None, max_length=10, description="Last event date, YYYY-MM-DD."),
    min_count: int = Query(1, ge=1, le=1_000_000, description="Leave out pairs with fewer mentions."),
    limit: int = Query(100, ge=1, le=1000, description="At most this many pairs, heaviest first."),
    backend: Backend = Depends(get_backend),
) -> Response:
    """`{"nodes": [{code, out, in, n}], "edges": [{source, target, n, goldstein_mean,
    conflict, last_date}]}` over events with both actors resolved."""
    chosen_mode = None if mode == "all" else mode
    since, until = since or None, until or None

    def compute() -> bytes:
        with backend.reader() as reader:
            frame = reader.read(queries.actor_edges, level=level, mode=chosen_mode, since=since, until=until,
                                min_count=min_count, limit=limit)  # fmt: skip
        edges = records(frame)
        return dumps({"level": level, "nodes": network(edges), "edges": edges})

    key = ("actors", level, mode, since, until, min_count, limit)
    return Response(await backend.cached(key, compute), media_type="application/json")
