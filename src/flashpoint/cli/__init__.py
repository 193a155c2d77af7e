"""The `flashpoint` command: one module per command, all thin wrappers over the library."""

from __future__ import annotations

from flashpoint.cli import actors, batch, code, evaluate, export, ingest, query, serve, trend  # noqa: F401  (registers the commands)
from flashpoint.cli._util import app

__all__ = ["app", "main"]


def main() -> None:
    app()
