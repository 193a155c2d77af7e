"""Plain-text articles: one file (or stdin) -> one Article, headline split off.

Bytes are decoded as encoding.py says: a byte-order mark, else UTF-8, else the detected encoding.

The body is normalised to "\\n" line ends and stripped of surrounding whitespace;
character offsets downstream index that body (`Article.text`) with the headline coded in
front of it (coding/title.py), which is the file's text, never the raw bytes.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import IO

from flashpoint.errors import IngestError
from flashpoint.ingest._files import file_article_id, read_capped
from flashpoint.ingest.encoding import decode_bytes
from flashpoint.model import Article

__all__ = ["MAX_BYTES", "read_text", "split_headline"]

MAX_BYTES = 10 * 1024 * 1024
HEADLINE_MAX_CHARS = 200
# A line ending like a sentence ("... on Tuesday.") is body text, not a headline.
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]\u00bb]*$")


def read_text(
    source: str | Path | IO[str] | IO[bytes],
    *,
    date: datetime.date | None = None,
    max_bytes: int = MAX_BYTES,
    name: str | None = None,
) -> Article:
    """Read one plain-text article from a file path or an open stream (e.g. stdin).

    The id is `file_article_id` (file stem plus content hash) for a path and a content
    hash for a stream. A
    `YYYY-MM-DD` prefix of the file name is the article date; otherwise `date`
    becomes `Article.published`. `name`
    labels a stream in error messages (default "<stdin>").

    Raises:
        IngestError: the file cannot be opened, is binary (NUL bytes in its first
            8 KB), is larger than `max_bytes`, cannot be decoded (encoding.decode_bytes;
            the message gives the byte offset) or holds only whitespace.
    """
    if isinstance(source, (str, Path)):
        path = Path(source)
        label = str(path)
        data = read_capped(path, max_bytes)
        named: Path | None = path
        # A file named "2022-02-15-border.txt" carries its date in its name.
        date = _date_from_name(path.name) or date
    else:
        label = name or "<stdin>"
        data = _read_stream(source, label, max_bytes)
        named = None
    text = decode_bytes(data, label).text
    title, body = split_headline(text)
    if not body:
        raise IngestError(label, "empty: the input holds only whitespace")
    return Article(
        id=file_article_id(named, body) if named is not None else Article.make_id(body),
        text=body,
        published=date,
        title=title,
    )


_NAME_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:\D|$)")


def _date_from_name(name: str) -> datetime.date | None:
    match = _NAME_DATE.match(name)
    if match is None:
        return None
    try:
        return datetime.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def split_headline(text: str) -> tuple[str | None, str]:
    """(headline, body) of a text; headline None when the first line is not one.

    The first line is a headline when a blank line follows it, it is shorter than
    200 characters and it does not end like a sentence. Line ends are normalised
    to "\\n" and both parts are stripped.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    first, newline, rest = text.partition("\n")
    if not newline:
        return None, text
    following, _, _ = rest.partition("\n")
    first = first.strip()
    body = rest.strip()
    if (
        following.strip() == ""
        and body
        and len(first) < HEADLINE_MAX_CHARS
        and not _SENTENCE_END.search(first)
    ):
        return first, body
    return None, text



def _read_stream(stream: IO[str] | IO[bytes], label: str, max_bytes: int) -> bytes:
    # sys.stdin is a text stream over a binary buffer; read the bytes so that
    # decoding errors are ours to report. A bare StringIO has no buffer.
    raw: IO[str] | IO[bytes] = getattr(stream, "buffer", stream)
    try:
        data = raw.read(max_bytes + 1)
    except (OSError, UnicodeDecodeError) as exc:
        raise IngestError(label, f"cannot read: {exc}") from exc
    if isinstance(data, str):
        try:
            data = data.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise IngestError(label, f"not UTF-8 text: {exc.reason} at character {exc.start}") from exc
    if len(data) > max_bytes:
        raise IngestError(label, f"too large: more than {max_bytes} bytes")
    return data


