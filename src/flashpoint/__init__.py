"""flashpoint: code English news into CAMEO and PLOVER political events.

    >>> import flashpoint
    >>> coder = flashpoint.load()
    >>> coded = coder.code_text("Russia accused Ukraine of shelling.", published=date(2022, 2, 15))

Importing flashpoint loads no model and no data; `load()` does, once per process.
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
    UnsupportedFormat,
)
from flashpoint.model import Action, Actor, Article, CodedArticle, DatePrecision, Event, Failure, Mode, Plover, Quote, Sentence

if TYPE_CHECKING:
    from flashpoint.coding.coder import Coder

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
    "Sentence",
    "Settings",
    "UnsupportedFormat",
    "__version__",
    "load",
]


def load(settings: Settings | None = None) -> Coder:
    """The event coder (spaCy pipeline + data), loaded once per process. See runner.load."""
    from flashpoint.runner import load as _load  # spaCy is imported only when a coder is asked for

    return _load(settings)


def __getattr__(name: str) -> Any:
    if name == "Coder":
        from flashpoint.coding.coder import Coder

        return Coder
    raise AttributeError(f"module 'flashpoint' has no attribute {name!r}")
