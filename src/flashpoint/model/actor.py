"""Actor: a mention resolved (or not) to a CAMEO actor code as of a date."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class Actor:
    """One actor mention.

    `code` is the CAMEO-style actor code (country or group, then sector: "RUSGOV",
    "IGOWSTNAT"); None for a named actor flashpoint could not resolve, which is
    kept with its text rather than dropped. `span` is [start, end) in Article.text.
    """

    text: str
    code: str | None
    country: str | None = None
    sector: str | None = None
    span: tuple[int, int] | None = None
    name: str | None = None
    matched_by: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None

    def at(self, text: str, span: tuple[int, int]) -> Actor:
        """The same resolved actor, mentioned elsewhere (a pronoun, a description)."""
        return replace(self, text=text, span=span)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "code": self.code,
            "country": self.country,
            "sector": self.sector,
            "span": list(self.span) if self.span else None,
        }
