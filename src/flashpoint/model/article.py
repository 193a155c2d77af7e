"""Article (one input document) and Sentence (a slice of its text)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class Article:
    """One news text. `id` is given by the input or derived from the text."""

    id: str
    text: str
    published: date | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None

    @staticmethod
    def make_id(text: str, url: str | None = None) -> str:
        """A stable id from the content hash plus the source URL (for any str: a lone
        surrogate is hashed as is, and refused later by ingest's checks)."""
        digest = hashlib.sha1(((url or "") + "\n" + text).encode("utf-8", "surrogatepass")).hexdigest()
        return digest[:16]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "source": self.source,
            "url": self.url,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
