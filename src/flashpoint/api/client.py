"""The other side of the discovery file: `flashpoint ingest` sending articles to a running server.

When `flashpoint serve` holds a store, DuckDB refuses a second writer, so the CLI reads
its inputs here (same readers, same ids) and POSTs each article to /api/articles with
the server's token. The server codes and stores it; an article already stored comes back
as a duplicate. The result is the RunReport a local run would have printed.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import httpx

from flashpoint.api.discovery import ServerInfo, find_server
from flashpoint.errors import FlashpointError, IngestError, StoreError
from flashpoint.ingest import read
from flashpoint.model import Article
from flashpoint.runner import RunReport

__all__ = ["find_server", "ingest_remote", "payload_of"]

# Coding waits in the server's queue behind other writers: allow minutes, not seconds.
_TIMEOUT = httpx.Timeout(300.0, connect=5.0)
_BUSY_RETRIES = 20


def payload_of(article: Article) -> dict[str, Any]:
    """The POST /api/articles body for an article read locally (its id is kept)."""
    return {
        "id": article.id, "text": article.text, "title": article.title, "source": article.source,
        "url": article.url, "date": article.published.isoformat() if article.published else None,
    }  # fmt: skip


def ingest_remote(
    sources: Sequence[str | Path],
    server: ServerInfo,
    *,
    date: datetime.date | None = None,
    allow_private: bool = False,
    on_error: Callable[[str, str], None] | None = None,
    progress: Callable[[RunReport], None] | None = None,
    transport: httpx.BaseTransport | None = None,
) -> RunReport:
    """Read `sources` here and store each article through the server at `server.url`.

    Bad inputs and refused articles go to RunReport.failed (and `on_error`) as in `run`.

    Raises:
        StoreError: the server cannot be reached or stops answering.
    """
    started = time.perf_counter()
    report = RunReport(deduplicated=True)

    def fail(source: str, reason: str) -> None:
        report.failed.append((source, reason))
        if on_error is not None:
            on_error(source, reason)

    headers = {"Authorization": f"Bearer {server.token}"}
    # trust_env=False: an http_proxy variable must not send loopback traffic (and the token) elsewhere.
    with httpx.Client(base_url=server.url, headers=headers, timeout=_TIMEOUT, trust_env=False, transport=transport) as client:
        try:
            for source in sources:
                try:
                    articles = read(source, date=date, on_error=lambda e: fail(e.source, e.reason), allow_private=allow_private)
                    for article in articles:
                        report.read += 1
                        _post(client, server, article, report, fail)
                        if progress is not None:
                            progress(report)
                except IngestError as exc:
                    fail(exc.source, exc.reason)
        finally:
            report.seconds = time.perf_counter() - started
    return report


def _post(client: httpx.Client, server: ServerInfo, article: Article, report: RunReport, fail: Callable[[str, str], None]) -> None:
    for attempt in range(_BUSY_RETRIES + 1):
        try:
            response = client.post("/api/articles", json=payload_of(article))
        except httpx.HTTPError as exc:
            raise StoreError(server.db, f"the server at {server.url} holding this store did not answer: {exc}") from exc
        if response.status_code == 503 and attempt < _BUSY_RETRIES:
            time.sleep(min(float(response.headers.get("Retry-After", "1") or 1), 5.0))
            continue
        break
    body = _json(response)
    if response.status_code in (200, 201) and isinstance(body, dict):
        if body.get("stored"):
            report.new += 1
            report.events += len(body.get("events") or [])
        else:
            report.skipped_duplicate += 1
        return
    message = body.get("message") if isinstance(body, dict) else None
    if response.status_code in (401, 403):
        raise FlashpointError(f"the server at {server.url} refused the token from {server.db}.server.json: {message}")
    fail(article.id, f"server answered {response.status_code}: {message or response.text[:200]}")


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None
