"""flashpoint: code English news into CAMEO and PLOVER political events.

    >>> import flashpoint
    >>> coder = flashpoint.load()
    >>> coded = coder.code_text("Russia accused Ukraine of shelling.", published=date(2022, 2, 15))

    >>> store = flashpoint.open("flashpoint.duckdb")      # after `flashpoint ingest`
    >>> store.events(source="RUS", target="UKR")           # pandas DataFrames
    >>> store.trend("RUS", "UKR", freq="week")

Importing flashpoint loads no model and no data; `load()` does, once per process.
`open()` imports DuckDB only when called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flashpoint.about import __version__
from flashpoint.config import Settings
from flashpoint.errors import (
    ConfigError,
    DataError,
    FlashpointError,
    GazetteerError,
    IngestError,
    LexiconError,
    ModelNotInstalled,
    NotFound,
    OntologyError,
    QueryError,
    SchemaMismatch,
    StoreError,
    StoreLocked,
    UnsupportedFormat,
)
from flashpoint.model import Action, Actor, Article, CodedArticle, DatePrecision, Event, Failure, Mode, Plover, Quote, Sentence

if TYPE_CHECKING:
    from pathlib import Path

    from flashpoint.coding.coder import Coder
    from flashpoint.store import Store

__all__ = [
    "Action",
    "Actor",
    "Article",
    "CodedArticle",
    "Coder",
    "ConfigError",
    "DataError",
    "DatePrecision",
    "Event",
    "Failure",
    "FlashpointError",
    "GazetteerError",
    "IngestError",
    "LexiconError",
    "Mode",
    "ModelNotInstalled",
    "NotFound",
    "OntologyError",
    "Plover",
    "QueryError",
    "Quote",
    "SchemaMismatch",
    "Sentence",
    "Settings",
    "StoreError",
    "StoreLocked",
    "UnsupportedFormat",
    "__version__",
    "load",
    "open",
]


def load(settings: Settings | None = None) -> Coder:
    """The event coder (spaCy pipeline + data), loaded once per process. See runner.load."""
    from flashpoint.runner import load as _load  # spaCy is imported only when a coder is asked for

    return _load(settings)


def open(db: str | Path | None = None, *, read_only: bool = True) -> Store:  # noqa: A001  (like io.open, on purpose)
    """The event store at `db` (default FLASHPOINT_DB or ./flashpoint.duckdb), for notebooks.

    Its `.events(**filters)`, `.quotes(speaker)`, `.articles()` and `.trend(source, target,
    freq)` return pandas DataFrames. Opened read-only by default, so it can be read while
    nothing writes; close it (or use `with`) before ingesting into the same file.

    Raises:
        StoreError: no store at `db`, or it cannot be read (StoreLocked: a writer holds it).
    """
    from flashpoint.store import open_store  # DuckDB is imported only when a store is opened

    path = db if db is not None else Settings.from_env().db_path
    return open_store(path, read_only=read_only)


def __getattr__(name: str) -> Any:
    if name == "Coder":
        from flashpoint.coding.coder import Coder

        return Coder
    raise AttributeError(f"module 'flashpoint' has no attribute {name!r}")
