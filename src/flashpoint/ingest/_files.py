"""Input files: their bytes under a size cap (errors name the file) and their article ids."""

from __future__ import annotations

from pathlib import Path

from flashpoint.errors import IngestError
from flashpoint.model import Article

__all__ = ["file_article_id", "read_capped"]


def read_capped(path: Path, max_bytes: int, label: str | None = None) -> bytes:
    """The file's bytes (at most max_bytes + 1, so callers can tell "too large").

    Raises:
        IngestError: the file is larger than `max_bytes` or cannot be read.
    """
    name = label or str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(name, f"too large: {size} bytes, the limit is {max_bytes}")
        with path.open("rb") as handle:
            return handle.read(max_bytes + 1)
    except OSError as exc:
        raise IngestError(name, f"cannot read: {exc.strerror or exc}") from exc


def file_article_id(path: Path, text: str) -> str:
    """"<file stem>-<8 hex of the content hash>": readable, and stable for the same content.

    The stem alone would make two "report.txt" files in different folders one article (the
    second skipped as a duplicate); the hash alone hides which file an article came from.
    The same text under the same name is the same article wherever it lies, and an edited
    file is a new article (its events are de-duplicated against the old version's).
    """
    return f"{path.stem}-{Article.make_id(text)[:8]}"
