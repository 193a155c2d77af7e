"""http(s) URLs -> Articles: a page is read as HTML, a feed as its entries' pages.

fetch.py gets the bytes (and refuses what must not be fetched); this module decides
what they are and hands them to html.py, rss.py, text.py or jsonl.py. A URL's
Article has `url` set to the address asked for and `id = Article.make_id(text, url)`,
so re-reading the same URL gives the same id even if it redirects elsewhere.
"""

from __future__ import annotations

import contextlib
import datetime
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from flashpoint.errors import IngestError, UnsupportedFormat
from flashpoint.ingest.fetch import MAX_BYTES, Client, FetchedPage, fetch, open_client
from flashpoint.ingest.html import read_html
from flashpoint.ingest.jsonl import read_jsonl
from flashpoint.ingest.rss import FetchPage, is_feed, read_feed
from flashpoint.ingest.text import read_text
from flashpoint.model import Article

__all__ = ["fetch_article", "is_url", "page_fetcher", "read_url"]

# "scheme://..." or a scheme that never has "//": all are URLs, so that fetch() can
# refuse the ones it does not fetch instead of their being read as file names.
_URL = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*://|(?:data|javascript|vbscript|mailto):)", re.IGNORECASE)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
               "application/xml", "text/xml", "application/feed+xml")
# Only a body that starts like XML is worth a feed parse when the type does not say.
_XML_STARTS = (b"<?xml", b"<rss", b"<feed", b"<rdf:rdf")


def is_url(source: object) -> bool:
    """Whether `source` is a URL string (any scheme) rather than a path."""
    return isinstance(source, str) and _URL.match(source) is not None


def read_url(
    url: str,
    *,
    format: str | None = None,
    date: datetime.date | None = None,
    on_error: Callable[[IngestError], None] | None = None,
    client: Client | None = None,
    allow_private: bool = False,
    max_bytes: int = MAX_BYTES,
) -> Iterator[Article]:
    """Articles from one http(s) URL: a feed's entries or one page.

    Without `format` the response's content type decides: RSS/Atom/XML (or a body
    that parses as a feed with entries) is a feed, plain text is text, anything
    else HTML. `format` ("html", "rss", "text", "jsonl") forces a reader. With no
    `client` one is opened for this call and closed after it.

    Raises:
        IngestError: only when `on_error` is None (see fetch.fetch for what is refused).
    """

    def report(error: IngestError) -> None:
        if on_error is None:
            raise error
        on_error(error)

    with _client(client, allow_private) as http:
        try:
            page = fetch(url, client=http, max_bytes=max_bytes, allow_private=allow_private)
            kind = format or _kind(page)
        except IngestError as error:
            report(error)
            return
        if kind == "rss":
            fetch_page = _fetcher(http, allow_private, max_bytes)
            yield from read_feed(
                page.body, fetch_page=fetch_page, date=date, on_error=on_error,
                url=page.final_url, name=url, max_bytes=max_bytes,
            )
        elif kind == "jsonl":
            yield from read_jsonl(io.BytesIO(page.body), date=date, on_error=on_error, name=url)
        else:
            try:
                if kind == "text":
                    article = read_text(io.BytesIO(page.body), date=date, name=url, max_bytes=max_bytes)
                    article = replace(article, id=Article.make_id(article.text, url), url=url)
                else:
                    article = read_html(page.body, url=url, date=date, name=url, max_bytes=max_bytes)
            except IngestError as error:
                report(error)
                return
            yield article


def fetch_article(
    url: str, *, client: Client, allow_private: bool = False, max_bytes: int = MAX_BYTES
) -> Article:
    """The article on the HTML page at `url` (a feed entry's link, say).

    Raises:
        IngestError: the URL is refused or unreachable, the response is not HTML, or
            the page holds no article text.
    """
    page = fetch(url, client=client, max_bytes=max_bytes, allow_private=allow_private)
    media_type = _media_type(page)
    if media_type and media_type not in _HTML_TYPES:
        raise UnsupportedFormat(url, f"not an HTML page: content type {media_type}")
    return read_html(page.body, url=url, name=url, max_bytes=max_bytes)


@contextlib.contextmanager
def page_fetcher(client: Client | None = None, *, allow_private: bool = False) -> Iterator[FetchPage]:
    """A `fetch_page(url) -> Article` for read_feed, over `client` or one opened (and closed) here."""
    with _client(client, allow_private) as http:
        yield _fetcher(http, allow_private, MAX_BYTES)


def _fetcher(client: Client, allow_private: bool, max_bytes: int) -> FetchPage:
    def fetch_page(url: str) -> Article:
        return fetch_article(url, client=client, allow_private=allow_private, max_bytes=max_bytes)

    return fetch_page


@contextlib.contextmanager
def _client(client: Client | None, allow_private: bool) -> Iterator[Client]:
    if client is not None:
        yield client
        return
    with open_client(allow_private=allow_private) as own:
        yield own


def _media_type(page: FetchedPage) -> str:
    return page.content_type.split(";", 1)[0].strip().lower()


def _kind(page: FetchedPage) -> str:
    media_type = _media_type(page)
    if media_type in _FEED_TYPES:
        return "rss"
    # Feeds are often served as text/plain or text/html; their first bytes tell.
    if page.body[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith(_XML_STARTS) and is_feed(page.body):
        return "rss"
    if media_type == "text/plain":
        return "text"
    if media_type and media_type not in _HTML_TYPES and not media_type.startswith("text/"):
        raise UnsupportedFormat(page.url, f"cannot read content type {media_type} (not HTML, text or a feed)")
    return "html"
