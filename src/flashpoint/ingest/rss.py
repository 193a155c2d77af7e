"""RSS and Atom feeds -> Articles: each entry's link is fetched and read as the article.

The feed itself only says where the stories are. The page behind each entry's link
is fetched through an injected `fetch_page(url) -> Article` (ingest.read builds one
from fetch.py and html.py), so this module never touches the network itself. When
a page cannot be had, an entry whose own text (summary or content) is long enough
to code stands in for it.
"""

from __future__ import annotations

import datetime
import email.utils
import io
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import feedparser

from flashpoint.errors import IngestError
from flashpoint.ingest._files import read_capped
from flashpoint.ingest.dates import parse_date
from flashpoint.ingest.text import MAX_BYTES
from flashpoint.model import Article

__all__ = ["FEED_SUFFIXES", "MIN_SUMMARY_CHARS", "is_feed", "read_feed"]

FEED_SUFFIXES = (".rss", ".atom")
# Below this an entry's summary is a teaser ("Troops moved overnight. Read more..."),
# not a story worth coding; 200 characters is about two full news sentences.
MIN_SUMMARY_CHARS = 200

logger = logging.getLogger(__name__)

FetchPage = Callable[[str], Article]


def read_feed(
    source: str | Path | bytes,
    *,
    fetch_page: FetchPage | None = None,
    date: datetime.date | None = None,
    on_error: Callable[[IngestError], None] | None = None,
    url: str | None = None,
    name: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Iterator[Article]:
    """Yield one Article per feed entry, from a feed file (a path) or a feed's bytes.

    With `fetch_page`, each entry's link is fetched and read as the article; the
    entry's title and date win over the page's. When fetching fails, or there is no
    `fetch_page` or link, the entry's own text (the longer of its content and
    summary, HTML stripped) is the article if it has at least MIN_SUMMARY_CHARS
    characters; otherwise the entry's error goes to `on_error` and the following
    entries are still read. The published date is the entry's (the date as written,
    not converted to UTC), else the page's, else `date`.

    `url` is the feed's address: it labels errors and resolves relative entry links.
    `name` labels bytes in errors (default: `url`, else "<feed>").

    Raises:
        IngestError: only when `on_error` is None: the file cannot be read or is
            larger than `max_bytes`, the feed is malformed or not a feed (no
            entries and a parse error or no RSS/Atom version), or an entry fails.
    """

    def report(error: IngestError) -> None:
        if on_error is None:
            raise error
        on_error(error)

    if isinstance(source, bytes):
        label = name or url or "<feed>"
        data = source
    else:
        path = Path(source)
        label = name or str(path)
        try:
            data = read_capped(path, max_bytes, label)
        except IngestError as error:
            report(error)
            return
    if len(data) > max_bytes:
        report(IngestError(label, f"too large: {len(data)} bytes, the limit is {max_bytes}"))
        return
    try:
        parsed = _parse(data, url, label)
    except IngestError as error:
        report(error)
        return
    if not parsed.entries:
        if parsed.get("bozo"):
            exc = parsed.get("bozo_exception")
            report(IngestError(label, f"malformed feed: {exc}"))
        elif not parsed.get("version"):
            report(IngestError(label, "not an RSS or Atom feed"))
        # A well-formed feed with no entries is empty, not an error.
        return
    if parsed.get("bozo"):
        # feedparser recovers entries from, e.g., a truncated download; keep them.
        logger.warning("%s: feed is not well-formed (%s); reading its entries anyway",
                       label, parsed.get("bozo_exception"))
    feed_title = _clean(parsed.feed.get("title"))
    for index, entry in enumerate(parsed.entries, 1):
        where = f"{label} entry {index}"
        try:
            article = _entry_article(entry, where, feed_title, fetch_page, date)
        except IngestError as error:
            report(error)
            continue
        except (ValueError, TypeError, LookupError, AttributeError) as exc:
            # What feedparser hands over is loosely typed (odd dates, fields of odd types).
            report(IngestError(where, f"malformed entry: {type(exc).__name__}: {exc}"))
            continue
        yield article


def is_feed(data: bytes) -> bool:
    """Whether `data` parses as an RSS or Atom feed with at least one entry."""
    try:
        parsed = _parse(data, None, "<feed>")
    except IngestError:
        return False
    return bool(parsed.entries) and bool(parsed.get("version"))


# A numeric character reference: &#55296; or &#xD800;.
_CHAR_REFERENCE = re.compile(rb"&#(?:[xX]([0-9A-Fa-f]+)|([0-9]+));")
_REPLACEMENT = b"&#xFFFD;"


def _parse(data: bytes, url: str | None, label: str) -> Any:
    """feedparser's parse of a feed's bytes.

    Raises:
        IngestError: feedparser fails on them (naming `label`).
    """
    # Always a stream: given bytes or a str, feedparser tries them as a file name
    # (and a str as a URL it would fetch itself, past fetch.py's checks).
    headers = {"content-type": "application/xml"}
    if url:
        headers["content-location"] = url
    try:
        return feedparser.parse(io.BytesIO(_valid_references(data, label)), response_headers=headers)
    except Exception as exc:  # noqa: BLE001  (feedparser raises what its parsers meet: ValueError, UnicodeError...)
        raise IngestError(label, f"malformed feed: {type(exc).__name__}: {exc}") from exc


def _valid_references(data: bytes, label: str) -> bytes:
    """`data` with each character reference to no Unicode character (a surrogate such as
    &#xD800;, or beyond U+10FFFF such as &#1114112;) made U+FFFD, as browsers read them:
    feedparser's loose parser raises on them, losing every entry of the feed (issue 13)."""

    def replace(match: re.Match[bytes]) -> bytes:
        hexadecimal, decimal = match.groups()
        value = int(hexadecimal, 16) if hexadecimal else int(decimal)
        if 0xD800 <= value <= 0xDFFF or value > 0x10FFFF:
            logger.warning("%s: %s is no Unicode character; read as U+FFFD", label, match[0].decode("ascii"))
            return _REPLACEMENT
        return match[0]

    return _CHAR_REFERENCE.sub(replace, data)



def _entry_article(
    entry: Any,
    where: str,
    feed_title: str | None,
    fetch_page: FetchPage | None,
    default_date: datetime.date | None,
) -> Article:
    link = _clean(entry.get("link"))
    title = _clean(entry.get("title"))
    published = _entry_date(entry)
    if link and fetch_page is not None:
        try:
            page = fetch_page(link)
        except IngestError as error:
            own = _entry_text(entry)
            if len(own) < MIN_SUMMARY_CHARS:
                raise
            logger.warning("%s; using the entry's summary instead", error)
            return _summary_article(own, link, title, published or default_date, feed_title)
        return replace(
            page,
            published=published or page.published or default_date,
            title=title or page.title,
            source=page.source or feed_title,
            url=page.url or link,
        )
    own = _entry_text(entry)
    if len(own) < MIN_SUMMARY_CHARS:
        why = "no link" if not link else "links are not fetched"
        raise IngestError(
            link or where,
            f"{why} and the entry's own text is too short to stand in for the article "
            f"({len(own)} characters, at least {MIN_SUMMARY_CHARS} needed)",
        )
    return _summary_article(own, link, title, published or default_date, feed_title)


def _summary_article(
    text: str, link: str | None, title: str | None, published: datetime.date | None, source: str | None
) -> Article:
    return Article(
        id=Article.make_id(text, link), text=text, published=published, title=title, source=source, url=link
    )


def _entry_text(entry: Any) -> str:
    candidates = [part.get("value", "") for part in entry.get("content", [])]
    candidates.append(entry.get("summary", ""))
    texts = [_html_text(value) for value in candidates if isinstance(value, str)]
    return max(texts, key=len, default="")


def _entry_date(entry: Any) -> datetime.date | None:
    for key in ("published", "updated"):
        value = entry.get(key)
        if isinstance(value, str) and value.strip():
            day = _written_date(value)
            if day is not None:
                return day
        # feedparser's own parse (in UTC) covers formats we do not read ourselves.
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return datetime.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def _written_date(value: str) -> datetime.date | None:
    # Atom dates are ISO 8601; RSS ones RFC 822 ("Tue, 15 Feb 2022 23:30:00 -0500").
    # Either way the day as written is the outlet's local day, which "yesterday" means.
    try:
        return parse_date(value)
    except IngestError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


class _TextCollector(HTMLParser):
    """Text of an HTML fragment, a line per block element."""

    BLOCKS = frozenset(
        {"p", "br", "div", "li", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section"}
    )
    SKIPPED = frozenset({"script", "style"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIPPED:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def _html_text(fragment: str) -> str:
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.parts).split("\n"))
    return "\n".join(line for line in lines if line)
