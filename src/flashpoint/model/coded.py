"""CodedArticle: everything coded from one article, plus what failed."""

from __future__ import annotations

from dataclasses import dataclass, field

from flashpoint.model.article import Article, Sentence
from flashpoint.model.event import Event
from flashpoint.model.quote import Quote


@dataclass(frozen=True, slots=True)
class Failure:
    """A recorded failure: which article (and sentence) and why."""

    article_id: str
    error: str
    message: str
    sentence_index: int | None = None


@dataclass(frozen=True, slots=True)
class CodedArticle:
    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    # Events whose source resolves to no known actor: not counted or stored, kept for
    # inspection from Python (no CLI flag yet).
    unattributed: list[Event] = field(default_factory=list)
