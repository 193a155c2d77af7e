"""Quote: direct or reported speech with its speaker."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from flashpoint.model.actor import Actor


@dataclass(frozen=True, slots=True)
class Quote:
    article_id: str
    sentence_index: int
    text: str
    span: tuple[int, int]
    kind: str  # "direct" (inside quotation marks) or "reported" ("said that ...")
    speaker: Actor | None
    verb: str | None = None

    @property
    def quote_id(self) -> str:
        key = f"{self.article_id}|{self.span[0]}:{self.span[1]}"
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": "quote",
            "quote_id": self.quote_id,
            "article_id": self.article_id,
            "sentence_index": self.sentence_index,
            "text": self.text,
            "span": list(self.span),
            "kind": self.kind,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "verb": self.verb,
        }
