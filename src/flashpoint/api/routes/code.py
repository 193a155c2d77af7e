"""POST /api/code: code a text and return its events and quotes without storing anything."""

from __future__ import annotations

import datetime

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import Response

from flashpoint.api.backend import Backend, get_backend
from flashpoint.api.records import json_response
from flashpoint.api.routes.articles import ArticleIn, article_of
from flashpoint.api.security import check_read

router = APIRouter(tags=["code"])


class CodeIn(BaseModel):
    """A text to code; nothing is stored."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(..., description="The article body.")
    date: datetime.date | None = Field(None, description="Published date, YYYY-MM-DD (dates relative expressions).")
    title: str | None = Field(None, max_length=1000)
    id: str | None = Field(None, min_length=1, max_length=200)


@router.post("/api/code", dependencies=[Depends(check_read)])
async def code(body: CodeIn, backend: Backend = Depends(get_backend)) -> Response:
    """`{"article": {...}, "sentences": [{index, start, end, text}], "events": [event...],
    "quotes": [quote...]}`, events and quotes as `flashpoint code` writes them
    (docs/event-schema.md). It changes nothing, so it needs no token from loopback."""
    request = ArticleIn(id=body.id, title=body.title, text=body.text, date=body.date)
    article = article_of(request, body.text, backend.options.max_text_chars, backend.settings.max_text_chars)
    coded = await backend.code(article)
    return json_response({
        "article": article.to_dict(),
        "sentences": [{"index": s.index, "start": s.start, "end": s.end, "text": s.text} for s in coded.sentences],
        "events": [event.to_dict() for event in coded.events],
        "quotes": [quote.to_dict() for quote in coded.quotes],
    })  # fmt: skip
