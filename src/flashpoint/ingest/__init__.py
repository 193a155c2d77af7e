"""Input readers: a file, a folder or stdin -> Articles; READERS maps each format to its reader.

    read("news/")                      every .txt/.text/.jsonl/.jsonl.gz file below news/, sorted
    read("day.jsonl.gz", date=d)       d is the date of lines that give none
    read("-", format="jsonl")          JSON Lines from stdin (plain text without format=)

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

from flashpoint.errors import IngestError, UnsupportedFormat
from flashpoint.ingest.dates import parse_date
from flashpoint.ingest.jsonl import read_jsonl
from flashpoint.ingest.text import read_text
from flashpoint.model import Article

__all__ = [
    "ErrorHandler",
    "READERS",
    "Reader",
    "detect_format",
    "parse_date",
    "read",
    "read_jsonl",
    "read_text",
]

ErrorHandler = Callable[[IngestError], None]

# Only files with these endings are picked up from a folder; a file named explicitly
# is read whatever its ending (as text unless it is JSON Lines).
FOLDER_SUFFIXES = (".txt", ".text", ".jsonl", ".jsonl.gz")
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


def _read_text_source(
    source: Path | IO[str] | IO[bytes],
    *,
    date: datetime.date | None,
    on_error: ErrorHandler | None,
) -> Iterator[Article]:
    # read_text returns one Article; the reader protocol yields, and routes its error.
    try:
        article = read_text(source, date=date)
    except IngestError as error:
        if on_error is None:
            raise
        on_error(error)
        return
    yield article


def _read_jsonl_source(
    source: Path | IO[str] | IO[bytes],
    *,
    date: datetime.date | None,
    on_error: ErrorHandler | None,
) -> Iterator[Article]:
    return read_jsonl(source, date=date, on_error=on_error)


READERS: Mapping[str, Reader] = MappingProxyType(
    {"jsonl": _read_jsonl_source, "text": _read_text_source}
)


def detect_format(path: str | Path) -> str:
    """The READERS key for a file name: "jsonl" for .jsonl/.jsonl.gz, else "text"."""
    return "jsonl" if Path(path).name.lower().endswith(_JSONL_SUFFIXES) else "text"


def read(
    source: str | Path,
    *,
    format: str | None = None,
    date: datetime.date | None = None,
    on_error: ErrorHandler | None = None,
) -> Iterator[Article]:
    """Articles from a file, a folder (recursively, in sorted path order) or "-" (stdin).

    `format` overrides detection by file name (see `detect_format`); stdin is text
    unless format="jsonl". `date` is the published date of articles whose input
    gives none. Hidden files and folders (".name") are skipped in a folder.

    Raises:
        UnsupportedFormat: `format` is not a READERS key (at once, before reading).
        IngestError: an input cannot be read, only when `on_error` is None.
    """
    if format is not None and format not in READERS:
        raise UnsupportedFormat(
            str(source), f"unknown format {format!r}; known formats: {', '.join(sorted(READERS))}"
        )
    return _read(source, format, date, on_error)


def _read(
    source: str | Path,
    format: str | None,
    date: datetime.date | None,
    on_error: ErrorHandler | None,
) -> Iterator[Article]:
    if isinstance(source, str) and source == "-":
        # Looked up at call time, so a replaced sys.stdin (tests, embedding) is honoured.
        yield from READERS[format or "text"](sys.stdin, date=date, on_error=on_error)
        return
    path = Path(source)
    files = _files_under(path, on_error) if path.is_dir() else [path]
    for file in files:
        yield from READERS[format or detect_format(file)](file, date=date, on_error=on_error)


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
