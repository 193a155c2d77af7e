"""GET /api/articles/{id} (the text with its sentences, events and quotes) and POST
/api/articles (code an article and store it; needs the bearer token)."""

from __future__ import annotations

import datetime
from typing import Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from flashpoint.api.backend import Backend, get_backend
from flashpoint.api.records import json_response, records
from flashpoint.api.security import check_read, check_write
from flashpoint.errors import IngestError, NotFound
from flashpoint.ingest import check_article, read_url
from flashpoint.model import Article
from flashpoint.store import Store, queries

router = APIRouter(tags=["articles"])


class ArticleIn(BaseModel):
    """An article to code: `text`, or a `url` to fetch it from (http(s), public addresses only
    unless the server runs with --allow-private). Unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(None, min_length=1, max_length=200, description="Your id; default: a hash of text and url.")
    url: str | None = Field(None, min_length=1, max_length=2000, description="Where the text comes from (fetched when there is no text).")
    title: str | None = Field(None, max_length=1000)
    source: str | None = Field(None, max_length=200, description="The outlet.")
    text: str | None = Field(None, description="The article body.")
    date: datetime.date | None = Field(None, description="Published date, YYYY-MM-DD.")


def article_of(body: ArticleIn, text: str, max_chars: int, max_coded_chars: int) -> Article:
    """The Article for a request body, its text within the server's limit (`max_chars`) and
    checked as ingest checks what it reads (title and text within `max_coded_chars`,
    Settings.max_text_chars).

    Raises:
        IngestError: the text is empty or too long, or a field holds what UTF-8 cannot
            encode (a JSON "\\udcff": 422, not a failure in the store).
    """
    label = body.id or body.url or "posted article"
    if not text.strip():
        raise IngestError(label, "the article text is empty")
    if len(text) > max_chars:
        raise IngestError(label, f"the article text has {len(text)} characters; the limit is {max_chars}")
    article = Article(
        id=body.id or Article.make_id(text, body.url), text=text, published=body.date,
        title=body.title, source=body.source, url=body.url,
    )  # fmt: skip
    return check_article(article, label, max_coded_chars)


def _fetch(url: str, date: datetime.date | None, allow_private: bool) -> Article:
    """The first article at `url` (one HTML page, text, or a feed's first entry), through
    flashpoint.ingest, which refuses other schemes and private addresses."""
    articles = read_url(url, date=date, allow_private=allow_private)
    try:
        first = next(articles, None)
    finally:
        articles.close()
    if first is None:
        raise IngestError(url, "no article found at this address")
    return first


def _stored_events(reader: Store, article_id: str) -> list[dict[str, Any]]:
    rows = records(reader.read(queries.events, article_id=article_id))
    return sorted(rows, key=lambda row: (row["sentence_index"], row["action_start"], row["event_id"]))


def article_detail(reader: Store, article_id: str) -> dict[str, Any]:
    """The stored article with its sentences, events (text order) and quotes.

    Raises:
        NotFound: no article has this id.
    """
    rows = records(reader.read(queries.article, article_id))
    if not rows:
        raise NotFound("article", article_id)
    article = rows[0]
    article.pop("hash", None)
    return {
        "article": article,
        "sentences": records(reader.read(queries.sentences, article_id)),
        "events": _stored_events(reader, article_id),
        "quotes": records(reader.read(queries.quotes, article_id=article_id)),
    }


@router.get("/api/articles/{article_id:path}", dependencies=[Depends(check_read)])
async def get_article(article_id: str, backend: Backend = Depends(get_backend)) -> Response:
    """`{"article": {id, url, source, title, published, ingested_at, text}, "sentences": [...],
    "events": [row...], "quotes": [...]}`; every span is a character offset into `text`."""
    detail = await run_in_threadpool(backend.read, lambda reader: article_detail(reader, article_id))
    return json_response(detail)


@router.post("/api/articles", status_code=201, dependencies=[Depends(check_write)])
async def post_article(body: ArticleIn, backend: Backend = Depends(get_backend)) -> Response:
    """Code and store an article. 201 `{"article_id", "stored": true, "events": [row...],
    "quotes": [...]}`; 200 with `"stored": false` and the stored events when the id is
    already stored (nothing is coded again). 422 when there is no text, the URL is refused
    or unreachable, or coding fails."""
    options = backend.options
    if body.text is not None and body.text.strip():
        text = body.text
        article = article_of(body, text, options.max_text_chars, backend.settings.max_text_chars)
    elif body.url:
        fetched = await run_in_threadpool(_fetch, body.url, body.date, options.allow_private)
        article = article_of(
            body.model_copy(update={"id": body.id or fetched.id, "title": body.title or fetched.title,
                                    "date": body.date or fetched.published}),
            fetched.text, options.max_text_chars, backend.settings.max_text_chars,
        )  # fmt: skip
    else:
        raise IngestError(body.id or "posted article", "give the article's text, or a url to fetch it from")
    if await run_in_threadpool(backend.read, lambda reader: reader.has_article(article.id)):
        events = await run_in_threadpool(backend.read, lambda reader: _stored_events(reader, article.id))
        return json_response({"article_id": article.id, "stored": False, "duplicate": True, "events": events}, 200)
    coded = await backend.code(article)
    report = await backend.write(coded)
    stored = report.new == 1

    def read_back(reader: Store) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        return _stored_events(reader, article.id), records(reader.read(queries.quotes, article_id=article.id))

    events, quotes = await run_in_threadpool(backend.read, read_back)
    payload = {"article_id": article.id, "stored": stored, "duplicate": not stored, "events": events, "quotes": quotes}
    return json_response(payload, 201 if stored else 200)
