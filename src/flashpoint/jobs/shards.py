"""Shards: batch inputs cut into units of work, each with a stable id and a content hash.

A JSONL(.gz) file is cut every `size` non-blank lines; text and HTML files are grouped
`size` files at a time, in sorted path order (folders are walked as `flashpoint code` walks
them). A shard's id depends only on where it is (input, line or file range), so a re-run
writes the same file names; its content hash covers the bytes it holds, so a changed input
is coded again. Local paths are read directly; other URLs (s3://, gs://, ...) through
fsspec, which needs the matching package (s3fs, gcsfs, ...) installed.
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import io
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from flashpoint.config import MAX_TEXT_CHARS
from flashpoint.errors import IngestError
from flashpoint.ingest import FOLDER_SUFFIXES, checked, detect_format, read, read_jsonl
from flashpoint.model import Article

__all__ = ["Shard", "plan_shards", "read_shard"]

_JSONL = (".jsonl", ".jsonl.gz")


@dataclass(frozen=True, slots=True)
class Shard:
    """One unit of batch work. `kind` "jsonl": lines [start, stop) of `files[0]`;
    "files": the text/HTML `files` (start, stop: their positions under `input`)."""

    id: str
    input: str
    kind: str
    start: int
    stop: int
    files: tuple[str, ...]
    content_hash: str

    def describe(self) -> dict[str, Any]:
        return {"input": self.input, "kind": self.kind, "start": self.start, "stop": self.stop, "files": list(self.files)}


def _is_remote(source: str) -> bool:
    return "://" in source and not source.startswith("file://")


def _fs(source: str) -> tuple[Any, str]:
    """(fsspec filesystem, path) for a URL.

    Raises:
        IngestError: fsspec or the package for the URL's protocol is not installed.
    """
    try:
        import fsspec  # noqa: PLC0415  (only for URLs)

        return fsspec.core.url_to_fs(source)  # type: ignore[no-any-return]
    except (ImportError, ValueError) as exc:
        raise IngestError(source, f"cannot open: {exc} (install the fsspec package for this protocol)") from exc


def _open_bytes(source: str) -> IO[bytes]:
    if _is_remote(source):
        fs, path = _fs(source)
        return fs.open(path, "rb")  # type: ignore[no-any-return]
    return open(source.removeprefix("file://"), "rb")


def _files(source: str) -> list[str]:
    """The input files under `source` (itself when it is a file), sorted."""
    if _is_remote(source):
        fs, path = _fs(source)
        if not fs.isdir(path):
            return [source]
        protocol = source.split("://", 1)[0]
        names = sorted(p for p in fs.find(path) if p.lower().endswith(FOLDER_SUFFIXES))
        return [f"{protocol}://{p}" for p in names if not any(part.startswith(".") for part in p.split("/"))]
    root = Path(source.removeprefix("file://"))
    if not root.is_dir():
        if not root.exists():
            raise IngestError(source, "no such file or folder")
        return [str(root)]
    found: list[Path] = []
    for folder, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        found.extend(
            Path(folder, name)
            for name in filenames
            if not name.startswith(".") and name.lower().endswith(FOLDER_SUFFIXES)
        )
    return [str(p) for p in sorted(found, key=lambda p: p.relative_to(root).parts)]


def _lines(source: str) -> Iterator[bytes]:
    with _open_bytes(source) as raw:
        stream: IO[bytes] = gzip.open(raw) if source.lower().endswith(".gz") else raw  # type: ignore[assignment]
        yield from stream


def _shard_id(*parts: object) -> str:
    return hashlib.sha1(_name_bytes("|".join(str(p) for p in parts))).hexdigest()[:16]


def _name_bytes(name: str) -> bytes:
    # A file name that is not UTF-8 (byte 0xFF) comes from os.walk as a lone surrogate: hash
    # its own bytes, so planning goes on and the readers report that file alone.
    return name.encode("utf-8", "surrogateescape")


def plan_shards(inputs: Sequence[str], size: int) -> list[Shard]:
    """The shards of `inputs` (files, folders, URLs), `size` articles (JSONL lines) or files each.

    Reads every input once to hash it.

    Raises:
        IngestError: an input is missing or cannot be read.
    """
    shards: list[Shard] = []
    for source in inputs:
        pending: list[str] = []
        digest = hashlib.sha1()
        first = 0

        def flush(position: int) -> None:
            nonlocal pending, digest, first
            if pending:
                shards.append(
                    Shard(_shard_id(source, "files", first, position), source, "files", first, position,
                          tuple(pending), digest.hexdigest())
                )  # fmt: skip
            pending, digest, first = [], hashlib.sha1(), position

        for position, name in enumerate(_files(source)):
            if name.lower().endswith(_JSONL):
                shards.extend(_jsonl_shards(name, size))
                continue
            if len(pending) == size:
                flush(position)
            if not pending:
                first = position
            try:
                with _open_bytes(name) as handle:
                    data = handle.read()
            except OSError as exc:
                raise IngestError(name, f"cannot read: {exc}") from exc
            digest.update(_name_bytes(name) + b"\0" + data + b"\0")
            pending.append(name)
        flush(len(pending) + first)
    return shards


def _jsonl_shards(name: str, size: int) -> list[Shard]:
    shards: list[Shard] = []
    digest = hashlib.sha1()
    start = count = 0
    number = -1
    try:
        for number, line in enumerate(_lines(name)):
            digest.update(line)  # blank lines belong to the shard they fall in
            if line.strip():
                count += 1
            if count == size:
                shards.append(Shard(_shard_id(name, "jsonl", start, number + 1), name, "jsonl", start, number + 1, (name,), digest.hexdigest()))
                digest, count, start = hashlib.sha1(), 0, number + 1
        if count:
            shards.append(Shard(_shard_id(name, "jsonl", start, number + 1), name, "jsonl", start, number + 1, (name,), digest.hexdigest()))
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise IngestError(name, f"cannot read: {exc}") from exc
    return shards


def read_shard(
    shard: Shard,
    *,
    date: datetime.date | None = None,
    on_error: Callable[[IngestError], None] | None = None,
    max_chars: int = MAX_TEXT_CHARS,
) -> list[Article]:
    """The articles of a shard, read with flashpoint's own readers (so ids, dates and titles
    are those `flashpoint code` gives, and the same articles are refused: see ingest.read).

    Raises:
        IngestError: the shard's input is gone or its content changed since it was planned.
    """
    if shard.kind == "jsonl":
        digest = hashlib.sha1()
        lines: list[bytes] = []
        try:
            for number, line in enumerate(_lines(shard.files[0])):
                if number >= shard.stop:
                    break
                if number >= shard.start:
                    digest.update(line)
                    lines.append(line)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            raise IngestError(shard.input, f"cannot read: {exc}") from exc
        _check(shard, digest.hexdigest())
        # The bytes, not a text decoded here: read_jsonl decodes them as `code` and `ingest` do.
        stream = io.BytesIO(b"".join(lines))
        return list(checked(read_jsonl(stream, date=date, on_error=on_error), shard.input, max_chars, on_error))
    digest = hashlib.sha1()
    articles: list[Article] = []
    for name in shard.files:
        try:
            with _open_bytes(name) as handle:
                data = handle.read()
        except OSError as exc:
            raise IngestError(name, f"cannot read: {exc}") from exc
        digest.update(_name_bytes(name) + b"\0" + data + b"\0")
        if _is_remote(name):
            # The readers take a date from a YYYY-MM-DD file name prefix: keep the name.
            with tempfile.TemporaryDirectory() as folder:
                local = Path(folder, name.rsplit("/", 1)[-1])
                local.write_bytes(data)
                articles.extend(read(local, format=detect_format(local), date=date, on_error=on_error, max_chars=max_chars))
        else:
            articles.extend(read(name, date=date, on_error=on_error, max_chars=max_chars))
    _check(shard, digest.hexdigest())
    return articles


def _check(shard: Shard, found: str) -> None:
    if found != shard.content_hash:
        raise IngestError(shard.input, f"changed since the batch was planned (shard {shard.id}); run the batch again")
