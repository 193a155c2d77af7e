"""GET /api/quotes (quotes, by speaker or article) and GET /api/quotes/speakers (who is quoted)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from starlette.responses import Response

from flashpoint.api.backend import Backend, get_backend
from flashpoint.api.records import dumps, records
from flashpoint.api.security import check_read
from flashpoint.store import queries

router = APIRouter(tags=["quotes"], dependencies=[Depends(check_read)])


@router.get("/api/quotes/speakers")
async def speakers(
    limit: int = Query(200, ge=1, le=2000, description="At most this many speakers, most quoted first."),
    backend: Backend = Depends(get_backend),
) -> Response:
    """`{"speakers": [{speaker_code, speaker_text, n}]}`."""

    def compute() -> bytes:
        with backend.reader() as reader:
            return dumps({"speakers": records(reader.read(queries.quote_speakers, limit=limit))})

    return Response(await backend.cached(("speakers", limit), compute), media_type="application/json")


@router.get("/api/quotes")
async def list_quotes(
    speaker: str | None = Query(None, max_length=100, description="Speaker code prefix (RUS) or part of the speaker's name."),
    article_id: str | None = Query(None, max_length=200, description="Only this article's quotes."),
    limit: int = Query(100, ge=1, le=500),
    offset: int = Query(0, ge=0, le=100_000_000),
    backend: Backend = Depends(get_backend),
) -> Response:
    """`{"limit", "offset", "quotes": [{quote_id, article_id, sentence_index, text, start_char,
    end_char, kind, speaker_text, speaker_code, verb}]}` in article and text order."""
    speaker = speaker or None

    def compute() -> bytes:
        with backend.reader() as reader:
            frame = reader.read(queries.quotes, speaker, article_id=article_id, limit=limit, offset=offset)
        return dumps({"limit": limit, "offset": offset, "quotes": records(frame)})

    key = ("quotes", speaker, article_id, limit, offset)
    return Response(await backend.cached(key, compute), media_type="application/json")
