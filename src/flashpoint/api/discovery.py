"""The discovery file: how `flashpoint ingest` finds the server that holds a store open.

DuckDB lets one process write a file, and the server is that process while it runs. It
writes `<db>.server.json` next to the store (url, pid, token; mode 0600, since the token
grants writes) once the store is open, and removes it on shutdown. A file whose pid is no
longer running is stale (a killed server) and is ignored.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

__all__ = ["ServerInfo", "discovery_path", "find_server", "remove_discovery", "write_discovery"]


@dataclass(frozen=True, slots=True)
class ServerInfo:
    """A running server as its discovery file describes it."""

    url: str
    pid: int
    token: str
    db: str


def discovery_path(db_path: str | Path) -> Path:
    """`<db>.server.json` for the store at `db_path` (absolute, so every caller agrees)."""
    db = Path(db_path).expanduser().resolve()
    return db.with_name(db.name + ".server.json")


def write_discovery(db_path: str | Path, info: ServerInfo) -> Path:
    """Write the discovery file atomically, readable by this user only."""
    path = discovery_path(db_path)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(asdict(info), handle)
    os.chmod(partial, 0o600)  # in case the file existed with wider bits
    os.replace(partial, path)
    return path


def remove_discovery(db_path: str | Path, pid: int | None = None) -> None:
    """Remove the discovery file, but only if it is ours (`pid`, default this process)."""
    path = discovery_path(db_path)
    info = _read(path)
    if info is not None and info.pid != (os.getpid() if pid is None else pid):
        return  # another server's file: not ours to remove
    try:
        path.unlink()
    except FileNotFoundError:
        pass


def find_server(db_path: str | Path) -> ServerInfo | None:
    """The live server holding the store at `db_path`, or None (no file, unreadable, or stale)."""
    info = _read(discovery_path(db_path))
    if info is None or not _alive(info.pid):
        return None
    return info


def _read(path: Path) -> ServerInfo | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return ServerInfo(url=str(data["url"]), pid=int(data["pid"]), token=str(data["token"]), db=str(data["db"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True
