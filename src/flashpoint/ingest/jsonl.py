"""JSON Lines articles (.jsonl, .jsonl.gz, or a stream): one object per line -> Article;
and .json files: an array of such objects (or one), never read as text.

A line is {"id", "text", "date"?, "title"?, "source"?, "url"?}; "published" (the key
`Article.to_dict` writes) is read when "date" is absent, so our own output reads back.
The text is kept exactly as given, since producers may hold offsets into it. (The coder codes
the title in front of it, so coded offsets index title + blank line + text: coding/title.py.)
"""

from __future__ import annotations

import datetime
import gzip
import io
import json
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from flashpoint.errors import IngestError
from flashpoint.ingest._files import read_capped
from flashpoint.ingest.dates import parse_date
from flashpoint.ingest.encoding import bom_encoding, decode_bytes, holds_utf8
from flashpoint.ingest.text import MAX_BYTES
from flashpoint.model import Article

__all__ = ["read_json", "read_jsonl"]

# Reading a damaged gzip member fails with any of these, depending on where the damage is.
_GZIP_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error)
_OPTIONAL_STRINGS = ("title", "source", "url")


def read_jsonl(
    source: str | Path | IO[str] | IO[bytes],
    *,
    date: datetime.date | None = None,
    on_error: Callable[[IngestError], None] | None = None,
    name: str | None = None,
) -> Iterator[Article]:
    """Yield one Article per non-blank line of a JSONL file (gzipped if it ends in .gz) or stream.

    `date` is the published date for lines that give none. A bad line (malformed
    JSON, not an object, no text, a bad date or field) is an IngestError whose
    source is "path:line"; it goes to `on_error` and the following lines are still
    read. A file that cannot be opened or a corrupt gzip stops that file with one
    IngestError naming it. With `on_error` None every error is raised.

    Raises:
        IngestError: only when `on_error` is None.
    """

    report = _reporter(on_error)
    if isinstance(source, (str, Path)):
        path = Path(source)
        label = str(path)
        try:
            handle: IO[bytes] | IO[str] = (
                gzip.open(path, "rb") if path.name.endswith(".gz") else path.open("rb")
            )
        except OSError as exc:
            report(IngestError(label, f"cannot read: {exc.strerror or exc}"))
            return
        with handle:
            yield from _read_lines(handle, label, date, report)
    else:
        label = name or "<stdin>"
        yield from _read_lines(getattr(source, "buffer", source), label, date, report)


def read_json(
    source: str | Path,
    *,
    date: datetime.date | None = None,
    on_error: Callable[[IngestError], None] | None = None,
    max_bytes: int = MAX_BYTES,
) -> Iterator[Article]:
    """Yield the Articles of a .json file: an array of JSONL-line objects, or one such object.

    Anything else is refused, never read as the text of an article. A bad element is an
    IngestError whose source is "path item N" (from 1); the other elements are still read.

    Raises:
        IngestError: only when `on_error` is None.
    """

    report = _reporter(on_error)
    label = str(source)
    try:
        text = decode_bytes(read_capped(Path(source), max_bytes), label).text
        items = _json_items(text.lstrip("\ufeff"), label)
    except IngestError as error:
        report(error)
        return
    for index, obj in enumerate(items, 1):
        where = f"{label} item {index}"
        try:
            if not isinstance(obj, dict):
                raise IngestError(where, f"expected a JSON object, got {type(obj).__name__}")
            article = _article(obj, where, date)
        except IngestError as error:
            report(error)
            continue
        yield article


def _reporter(on_error: Callable[[IngestError], None] | None) -> Callable[[IngestError], None]:
    """`on_error`, or raising the error when there is none."""

    def report(error: IngestError) -> None:
        if on_error is None:
            raise error
        on_error(error)

    return report


def _json_items(text: str, label: str) -> list[Any]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(label, f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from exc
    except RecursionError as exc:
        raise IngestError(label, "malformed JSON: nested too deeply") from exc
    if isinstance(value, dict):
        return [value]
    if not isinstance(value, list):
        raise IngestError(label, f"expected an array of article objects or one object, got {type(value).__name__}")
    if not value:
        raise IngestError(label, "empty: the array holds no articles")
    return value


def _read_lines(
    lines: Iterable[str | bytes],
    label: str,
    default_date: datetime.date | None,
    report: Callable[[IngestError], None],
) -> Iterator[Article]:
    number = 0
    blank = True
    decode = _LineDecoder(label)
    try:
        iterator = iter(_text_lines(lines))
    except _GZIP_ERRORS as exc:
        report(IngestError(label, f"corrupt gzip: {exc}"))
        return
    while True:
        try:
            raw = next(iterator)
        except StopIteration:
            if blank:
                # An empty export is worth a word: read silently, it looks like a success.
                report(IngestError(label, "empty: no JSON lines (the input holds only whitespace)"))
            return
        except _GZIP_ERRORS as exc:
            report(IngestError(label, f"corrupt gzip after line {number}: {exc}"))
            return
        except (OSError, UnicodeDecodeError) as exc:
            report(IngestError(label, f"cannot read after line {number}: {exc}"))
            return
        number += 1
        blank = blank and not raw.strip()
        where = f"{label}:{number}"
        try:
            line = decode(raw, where, first=number == 1)
            if not line.strip():
                continue
            article = _article(_parse_object(line, where), where, default_date)
        except IngestError as error:
            report(error)
            continue
        yield article


def _text_lines(handle: Iterable[str | bytes]) -> Iterable[str | bytes]:
    """The handle's lines: text in the encoding a UTF-16 or UTF-32 byte-order mark names
    (their line ends are not b"\\n"), else its byte lines, decoded one by one."""
    if isinstance(handle, io.TextIOBase) or not hasattr(handle, "read"):
        return handle
    buffered = handle if hasattr(handle, "peek") else io.BufferedReader(handle)  # type: ignore[arg-type]
    bom = bom_encoding(buffered.peek(4)[:4])
    if bom is None or bom[0] == "utf-8":
        return buffered  # type: ignore[no-any-return]
    return io.TextIOWrapper(buffered, encoding=bom[0][:6])  # "utf-16", "utf-32": the mark is read and dropped


class _LineDecoder:
    """Byte lines -> text: UTF-8, else (a line with no UTF-8 in it) the encoding detected on the
    first such line, kept for the file's later ones and logged once (encoding.py's policy)."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.fallback: str | None = None

    def __call__(self, raw: str | bytes, where: str, *, first: bool) -> str:
        if isinstance(raw, str):
            return raw.lstrip("\ufeff") if first else raw
        try:
            # utf-8-sig on the first line only: a BOM elsewhere would be a real character.
            return raw.decode("utf-8-sig" if first else "utf-8")
        except UnicodeDecodeError as exc:
            error = IngestError(where, f"not UTF-8 text: undecodable byte 0x{raw[exc.start]:02x} at column {exc.start + 1}")
            if holds_utf8(raw):
                raise error from exc
            if self.fallback is None:
                try:
                    self.fallback = decode_bytes(raw, self.label).encoding
                except IngestError:
                    raise error from exc
            try:
                return raw.decode(self.fallback)
            except UnicodeDecodeError:
                raise error from exc


def _parse_object(line: str, where: str) -> dict[str, Any]:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise IngestError(where, f"malformed JSON: {exc.msg} at column {exc.colno}") from exc
    if not isinstance(obj, dict):
        raise IngestError(where, f"expected a JSON object, got {type(obj).__name__}")
    return obj


def _article(obj: dict[str, Any], where: str, default_date: datetime.date | None) -> Article:
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise IngestError(where, 'missing or empty "text"')
    fields: dict[str, str | None] = {}
    for key in _OPTIONAL_STRINGS:
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            raise IngestError(where, f'"{key}" must be a string, got {type(value).__name__}')
        fields[key] = value or None
    raw_id = obj.get("id")
    if raw_id is not None and (isinstance(raw_id, bool) or not isinstance(raw_id, (str, int))):
        raise IngestError(where, f'"id" must be a string or integer, got {type(raw_id).__name__}')
    article_id = str(raw_id) if raw_id not in (None, "") else Article.make_id(text, fields["url"])
    raw_date = obj.get("date", obj.get("published"))
    if raw_date is None:
        published = default_date
    elif isinstance(raw_date, str):
        published = parse_date(raw_date, source=where)
    else:
        raise IngestError(where, f'"date" must be a string, got {type(raw_date).__name__}')
    return Article(
        id=article_id,
        text=text,
        published=published,
        title=fields["title"],
        source=fields["source"],
        url=fields["url"],
    )
