"""Reading an input file's bytes under a size cap, with errors that name the file."""

from __future__ import annotations

from pathlib import Path

from flashpoint.errors import IngestError

__all__ = ["read_capped"]


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
