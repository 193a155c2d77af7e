"""Input readers: a file, a folder, stdin or a URL -> Articles; READERS maps each format to its reader.

    read("news/")                      every .txt/.text/.html/.htm/.jsonl/.jsonl.gz file below news/, sorted
    read("export.json")                the articles of a JSON array (never one text of JSON)
    read("day.jsonl.gz", date=d)       d is the date of lines that give none
    read("-", format="jsonl")          JSON Lines from stdin (plain text without format=)
    read("https://example.org/feed")   a feed's entries (each link fetched) or one HTML page

Errors on one input, or one JSONL line, go to `on_error` and reading continues; with
no handler they are raised, so a batch run decides whether to skip or stop.
"""

from __future__ import annotations

import datetime
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import IO, Protocol

from flashpoint.config import MAX_TEXT_CHARS
from flashpoint.errors import IngestError, UnsupportedFormat
from flashpoint.ingest._checks import check_article, checked, unencodable_at
from flashpoint.ingest.dates import parse_date
from flashpoint.ingest.fetch import Client, FetchedPage, fetch
from flashpoint.ingest.html import HTML_SUFFIXES, read_html
from flashpoint.ingest.jsonl import read_json, read_jsonl
from flashpoint.ingest.rss import FEED_SUFFIXES, read_feed
from flashpoint.ingest.text import MAX_BYTES, read_text
from flashpoint.ingest.url import is_url, page_fetcher, read_url
from flashpoint.model import Article

__all__ = [
    "FOLDER_SUFFIXES",
    "ErrorHandler",
    "FetchedPage",
    "READERS",
    "Reader",
    "check_article",
    "checked",
    "detect_format",
    "fetch",
    "is_url",
    "parse_date",
    "read",
    "read_feed",
    "read_html",
    "read_json",
    "read_jsonl",
    "read_text",
    "read_url",
]

ErrorHandler = Callable[[IngestError], None]

# Only files with these endings are picked up from a folder; a file named explicitly
# is read whatever its ending (as text unless detect_format says otherwise). Feeds
# are not picked up from folders: reading one fetches every entry's link.
FOLDER_SUFFIXES = (".txt", ".text", ".jsonl", ".jsonl.gz", *HTML_SUFFIXES)
_JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")


class Reader(Protocol):
    """A format's reader: one path or stream -> Articles, errors to `on_error`."""

    def __call__(
        self,
        source: Path | IO[str] | IO[bytes],
        *,
        date: datetime.date | None,
        on_error: ErrorHandler | None,
    ) -> Iterator[Article]: ...


def _one(read_one: Callable[[], Article], on_error: ErrorHandler | None) -> Iterator[Article]:
    """A reader of one article as the reader protocol: yield it, or route its error."""
    try:
        article = read_one()
    except IngestError as error:
        if on_error is None:
            raise
        on_error(error)
        return
    yield article


def _read_text_source(
    source: Path | IO[str] | IO[bytes],
    *,
    date: datetime.date | None,
    on_error: ErrorHandler | None,
) -> Iterator[Article]:
    yield from _one(lambda: read_text(source, date=date), on_error)


def _read_jsonl_source(
    source: Path | IO[str] | IO[bytes],
    *,
    date: datetime.date | None,
    on_error: ErrorHandler | None,
) -> Iterator[Article]:
    return read_jsonl(source, date=date, on_error=on_error)


def _read_json_source(
    source: Path | IO[str] | IO[bytes],
    *,
    date: datetime.date | None,
    on_error: ErrorHandler | None,
) -> Iterator[Article]:
    if isinstance(source, Path):
        return read_json(source, date=date, on_error=on_error)
    # A stream has no file to read whole: the same objects one per line.
    return read_jsonl(source, date=date, on_error=on_error)


def _read_html_source(
    source: Path | IO[str] | IO[bytes],
    *,
    date: datetime.date | None,
    on_error: ErrorHandler | None,
) -> Iterator[Article]:
    if isinstance(source, Path):
        yield from _one(lambda: read_html(source, date=date), on_error)
    else:
        yield from _one(lambda: read_html(_stream_bytes(source, "<stdin>"), date=date, name="<stdin>"), on_error)


def _read_feed_source(
    source: Path | IO[str] | IO[bytes],
    *,
    date: datetime.date | None,
    on_error: ErrorHandler | None,
    client: Client | None = None,
    allow_private: bool = False,
) -> Iterator[Article]:
    # A feed file's entries link to pages: fetched (public addresses only, unless
    # read() was told otherwise) over `client` or a client opened for this feed.
    name: str | None = None
    if isinstance(source, Path):
        data: Path | bytes = source
    else:
        name = "<stdin>"
        try:
            data = _stream_bytes(source, name)
        except IngestError as error:
            if on_error is None:
                raise
            on_error(error)
            return
    with page_fetcher(client, allow_private=allow_private) as fetch_page:
        yield from read_feed(data, fetch_page=fetch_page, date=date, on_error=on_error, name=name)


READERS: Mapping[str, Reader] = MappingProxyType(
    {
        "html": _read_html_source,
        "json": _read_json_source,
        "jsonl": _read_jsonl_source,
        "rss": _read_feed_source,
        "text": _read_text_source,
    }
)


def detect_format(path: str | Path) -> str:
    """The READERS key for a file name: "jsonl" for .jsonl/.jsonl.gz, "json" for .json (an
    array of articles, never text), "html" for .html/.htm, "rss" for .rss/.atom, else "text"."""
    name = Path(path).name.lower()
    if name.endswith(_JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(".json"):
        return "json"
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(FEED_SUFFIXES):
        return "rss"
    return "text"


def read(
    source: str | Path,
    *,
    format: str | None = None,
    date: datetime.date | None = None,
    on_error: ErrorHandler | None = None,
    allow_private: bool = False,
    client: Client | None = None,
    max_chars: int = MAX_TEXT_CHARS,
) -> Iterator[Article]:
    """Articles from a file, a folder (recursively, in sorted path order), "-" (stdin) or a URL.

    `format` overrides detection by file name (see `detect_format`); stdin is text
    unless `format` says otherwise. `date` is the published date of articles whose
    input gives none. Hidden files and folders (".name") are skipped in a folder.

    An http(s) URL is fetched (see `read_url`): a feed is read entry by entry, each
    entry's link fetched, and anything else as one HTML page. Only public addresses
    are fetched unless `allow_private`; URLs with other schemes are refused. `client`
    (an httpx.Client) is used for every request; without one, one is opened per
    URL or feed file and closed after it.

    Every article is checked (ingest/_checks.py): one longer than `max_chars` (title and
    text, Settings.max_text_chars) or with a field UTF-8 cannot encode is that article's
    IngestError, as is a file whose name is not valid UTF-8; the other articles are read.

    Raises:
        UnsupportedFormat: `format` is not a READERS key (at once, before reading).
        IngestError: an input cannot be read, only when `on_error` is None.
    """
    if format is not None and format not in READERS:
        raise UnsupportedFormat(
            str(source), f"unknown format {format!r}; known formats: {', '.join(sorted(READERS))}"
        )
    return _read(source, format, date, on_error, allow_private, client, max_chars)


def _read(
    source: str | Path,
    format: str | None,
    date: datetime.date | None,
    on_error: ErrorHandler | None,
    allow_private: bool,
    client: Client | None,
    max_chars: int,
) -> Iterator[Article]:
    if isinstance(source, str) and source == "-":
        # Looked up at call time, so a replaced sys.stdin (tests, embedding) is honoured.
        articles = _read_one(sys.stdin, format or "text", date, on_error, allow_private, client)
        yield from checked(articles, "<stdin>", max_chars, on_error)
        return
    if is_url(source):
        articles = read_url(
            str(source), format=format, date=date, on_error=on_error, client=client,
            allow_private=allow_private,
        )
        yield from checked(articles, str(source), max_chars, on_error)
        return
    path = Path(source)
    files = _files_under(path, on_error) if path.is_dir() else [path]
    for file in files:
        if unencodable_at(str(file)) is not None:
            # os.walk and argv hand over undecodable bytes as lone surrogates; the file's
            # id and title would carry them into the store.
            _report(IngestError(str(file), "the file name is not valid UTF-8: rename the file"), on_error)
            continue
        articles = _read_one(file, format or detect_format(file), date, on_error, allow_private, client)
        yield from checked(articles, str(file), max_chars, on_error)


def _report(error: IngestError, on_error: ErrorHandler | None) -> None:
    if on_error is None:
        raise error
    on_error(error)


def _read_one(
    source: Path | IO[str] | IO[bytes],
    format: str,
    date: datetime.date | None,
    on_error: ErrorHandler | None,
    allow_private: bool,
    client: Client | None,
) -> Iterator[Article]:
    if format == "rss":
        # The one reader that fetches: it takes read()'s network options.
        return _read_feed_source(source, date=date, on_error=on_error, client=client, allow_private=allow_private)
    return READERS[format](source, date=date, on_error=on_error)


def _stream_bytes(stream: IO[str] | IO[bytes], label: str, max_bytes: int = MAX_BYTES) -> bytes:
    # sys.stdin is text over a binary buffer; the readers want the bytes.
    raw: IO[str] | IO[bytes] = getattr(stream, "buffer", stream)
    try:
        data = raw.read(max_bytes + 1)
    except (OSError, UnicodeDecodeError) as exc:
        raise IngestError(label, f"cannot read: {exc}") from exc
    if isinstance(data, str):
        data = data.encode("utf-8", errors="replace")
    if len(data) > max_bytes:
        raise IngestError(label, f"too large: more than {max_bytes} bytes")
    return data


def _files_under(root: Path, on_error: ErrorHandler | None) -> list[Path]:
    def walk_error(exc: OSError) -> None:
        error = IngestError(str(exc.filename or root), f"cannot list folder: {exc.strerror or exc}")
        if on_error is None:
            raise error from exc
        on_error(error)

    found: list[Path] = []
    for folder, dirnames, filenames in os.walk(root, onerror=walk_error):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        found.extend(
            Path(folder, name)
            for name in filenames
            if not name.startswith(".") and name.lower().endswith(FOLDER_SUFFIXES)
        )
    # Sort by path components so "a/z.txt" precedes "a-b.txt" the same way on every OS.
    return sorted(found, key=lambda p: p.relative_to(root).parts)
