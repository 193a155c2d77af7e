"""Event: one coded political event with its evidence."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from flashpoint.model.actor import Actor


class Mode(str, Enum):
    """Whether the text reports the event as a fact. Only ASSERTED events are facts."""

    ASSERTED = "asserted"
    NEGATED = "negated"  # "Russia did not invade"
    HYPOTHETICAL = "hypothetical"  # "whether Moscow plans to invade", "a deal would end"
    INTENDED = "intended"  # "plans to", "will", "is preparing to"
    DENIED = "denied"  # "insists it is not planning to invade", "denied attacking"


class DatePrecision(str, Enum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class Action:
    text: str
    span: tuple[int, int]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": list(self.span)}


@dataclass(frozen=True, slots=True)
class Plover:
    event: str | None
    mode: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"event": self.event, "mode": self.mode}


@dataclass(frozen=True, slots=True)
class Place:
    """Where an event happened, as the sentence names it.

    `name` is the gazetteer's name ("Kyiv" for "Kiev") or the text itself for a place the
    gazetteer does not know; `country` the CAMEO country code (None when unknown); `kind`
    one of country, city, region, territory (None when unknown); `span` offsets into the
    article text.
    """

    text: str
    name: str
    country: str | None
    kind: str | None
    span: tuple[int, int]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "name": self.name, "country": self.country, "kind": self.kind, "span": list(self.span)}


@dataclass(frozen=True, slots=True)
class Event:
    article_id: str
    article_date: date | None
    sentence_index: int
    sentence: str
    source: Actor | None
    target: Actor | None
    action: Action
    cameo: str
    cameo_name: str
    goldstein: float
    quad_class: int
    plover: Plover
    mode: Mode
    rule: str
    speaker: Actor | None = None
    event_date: date | None = None
    date_precision: DatePrecision | None = None
    background: bool = False
    confidence: float = 1.0
    place: Place | None = None
    # Evidence for the mode and the date: the cue word that made the event non-asserted
    # ("not", "would", "urged"), and the time expression it was dated by (None: the article date).
    mode_cue: str | None = None
    date_text: str | None = None

    @property
    def root(self) -> str:
        return self.cameo[:2]

    @property
    def event_id(self) -> str:
        """Stable across runs: article, action span, code and actor codes."""
        key = "|".join(
            [
                self.article_id,
                f"{self.action.span[0]}:{self.action.span[1]}",
                self.cameo,
                (self.source.code or self.source.text) if self.source else "",
                (self.target.code or self.target.text) if self.target else "",
                f"{self.target.span}" if self.target else "",
            ]
        )
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    @property
    def is_fact(self) -> bool:
        return self.mode is Mode.ASSERTED

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape documented in docs/event-schema.md."""
        return {
            "type": "event",
            "event_id": self.event_id,
            "article_id": self.article_id,
            "article_date": self.article_date.isoformat() if self.article_date else None,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "action": self.action.to_dict(),
            "cameo": self.cameo,
            "root": self.root,
            "cameo_name": self.cameo_name,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "plover": self.plover.to_dict(),
            "mode": self.mode.value,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "date_precision": self.date_precision.value if self.date_precision else None,
            "background": self.background,
            "confidence": round(self.confidence, 3),
            "place": self.place.to_dict() if self.place else None,
            "rule": self.rule,
            "mode_cue": self.mode_cue,
            "date_text": self.date_text,
        }
