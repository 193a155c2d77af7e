"""GET /api/events (the filters of `flashpoint events`, plus article_id and paging, newest
first) and GET /api/events/{event_id} (one event with its evidence)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from flashpoint.api.backend import Backend, Scope, get_backend
from flashpoint.api.records import dumps, json_response, plain_rows, records
from flashpoint.api.security import check_read
from flashpoint.errors import NotFound
from flashpoint.store import Store, queries

router = APIRouter(tags=["events"], dependencies=[Depends(check_read)])

_ARTICLE_FIELDS = ("id", "title", "url", "source", "published")


@router.get("/api/events")
async def list_events(
    source: str | None = Query(None, max_length=40, description="Source actor code prefix (RUS matches RUSGOV)."),
    target: str | None = Query(None, max_length=40, description="Target actor code prefix."),
    root: str | None = Query(None, max_length=2, description="CAMEO root, e.g. 19."),
    mode: str | None = Query(None, max_length=20, description="asserted, negated, hypothetical, intended or denied."),
    since: str | None = Query(None, max_length=10, description="First event date, YYYY-MM-DD (inclusive)."),
    until: str | None = Query(None, max_length=10, description="Last event date, YYYY-MM-DD (inclusive)."),
    text: str | None = Query(None, max_length=200, description="Words the sentence must all contain (any case)."),
    article_id: str | None = Query(None, max_length=200, description="Only this article's events."),
    limit: int = Query(50, ge=1, le=500, description="Events per page."),
    offset: int = Query(0, ge=0, le=100_000_000, description="Events to skip."),
    backend: Backend = Depends(get_backend),
) -> Response:
    """Stored events, most recent event date first: `{"total", "limit", "offset", "events": [row...]}`.

    Each row has the columns of the store's events table (docs/api.md)."""
    filters: dict[str, Any] = {
        "source": source or None, "target": target or None, "root": root or None, "mode": mode or None,
        "since": since or None, "until": until or None, "text": text or None, "article_id": article_id,
    }  # fmt: skip

    def compute() -> bytes:
        with backend.reader() as reader:
            rows = reader.read(queries.event_records, **filters, limit=limit, offset=offset, newest_first=True)
            total = reader.read(queries.count_events, **filters)
        return dumps({"total": total, "limit": limit, "offset": offset, "events": plain_rows(rows)})

    key = ("events", tuple(filters.items()), limit, offset)
    # Only a written event of these actors (or root) can change this page; see backend.Scope.
    scope = Scope(source, target, root.strip().zfill(2) if root else None)
    return Response(await backend.cached(key, compute, scope), media_type="application/json")


def event_detail(reader: Store, event_id: str) -> dict[str, Any]:
    """One event row with its article's metadata and its evidence (sentence and spans).

    Raises:
        NotFound: no event has this id.
    """
    rows = records(reader.read(queries.event, event_id))
    if not rows:
        raise NotFound("event", event_id)
    event = rows[0]
    articles = records(reader.read(queries.article, event["article_id"]))
    article = {k: articles[0][k] for k in _ARTICLE_FIELDS} if articles else None

    def span(prefix: str) -> dict[str, Any] | None:
        if event.get(f"{prefix}_start") is None:
            return None
        return {"text": event[f"{prefix}_text"], "span": [event[f"{prefix}_start"], event[f"{prefix}_end"]]}

    evidence = {
        "sentence": event["sentence"],
        "sentence_index": event["sentence_index"],
        "sentence_span": [event["sentence_start"], event["sentence_end"]] if event.get("sentence_start") is not None else None,
        "source": span("source"),
        "action": span("action"),
        "target": span("target"),
        "rule": event["rule"],
    }
    return {"event": event, "article": article, "evidence": evidence}


@router.get("/api/events/{event_id}")
async def get_event(event_id: str, backend: Backend = Depends(get_backend)) -> Response:
    """`{"event": row, "article": {id, title, url, source, published}, "evidence": {sentence,
    sentence_span, source, action, target (each {text, span} or null), rule}}`; 404 if unknown.
    Spans are character offsets into the article text."""
    if len(event_id) > 64:
        raise NotFound("event", event_id[:64] + "...")
    detail = await run_in_threadpool(backend.read, lambda reader: event_detail(reader, event_id))
    return json_response(detail)
