"""Article gold scoring: coded events scored as ../shared/tools/score_articles.py scores them.

An article gold file (../shared/data/articles/GUIDE.md, read by `article_gold`) lists,
for one article, the `required` events a coder must find, `optional` ones it may output,
`forbidden_current` traps it must not output as current, and `background` events from
earlier years. This module reads coded events (the `flashpoint code --format jsonl`
records, or our own Events through `Event.to_dict()`, so both paths score alike), and
scores them with the reference scorer's rules:

- an event is *current* when its mode is asserted and it is not background;
- events and gold compare by actor *token* (`actor_token`), CAMEO root and a
  normalised sentence substring (`normalise_text`);
- precision~ is matched current events over all current events (1.0 with none);
  recall is required found over required listed (0.0 with none listed).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flashpoint.errors import DataError, FlashpointError
from flashpoint.evaluation.article_gold import ArticleGold, ArticleGoldEntry
from flashpoint.evaluation.gold import read_json_lines
from flashpoint.evaluation.scoring import EventCoder
from flashpoint.model import Article, Mode

__all__ = [
    "ArticleCounts",
    "ArticleReport",
    "ArticleScore",
    "ScoredEvent",
    "actor_token",
    "evaluate_articles",
    "normalise_text",
    "read_event_records",
    "score_articles",
    "scored_event",
]

log = logging.getLogger(__name__)

ASSERTED = Mode.ASSERTED.value

# Bloc tokens, tried in this order against the actor's country (equal) and code (prefix):
# NATO's "IGOWSTNAT" is NATO, not the "IGO" its first three letters would give.
BLOC_TOKENS: tuple[tuple[str, str], ...] = (
    ("IGOWSTNAT", "NATO"),
    ("NATO", "NATO"),
    ("IGOEUREEC", "EU"),
    ("IGOEUR", "EU"),
    ("EU", "EU"),
    ("EUR", "EU"),
    ("WST", "WST"),
    ("WSTGOV", "WST"),
    ("WSTMIL", "WST"),
)
# Gold sentence_has is copied as printed; coders may see either kind of quote.
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def normalise_text(text: str) -> str:
    """Curly quotes made straight, whitespace runs collapsed to one space, lower case."""
    return " ".join(text.translate(_QUOTES).lower().split())


def actor_token(actor: Mapping[str, Any] | str | None) -> str | None:
    """The actor's comparison token: NATO/EU/WST, else its country, else its code's first three letters.

    `actor` is an event record's actor object ({"code", "country", ...}), a bare code, or None
    (no actor: None, which no gold list contains).
    """
    if not actor:
        return None
    fields: Mapping[str, Any] = {"code": actor} if isinstance(actor, str) else actor
    country = str(fields.get("country") or "").upper()
    code = str(fields.get("code") or "").upper()
    for prefix, token in BLOC_TOKENS:
        if country == prefix or code.startswith(prefix):
            return token
    return country or code[:3] or None


@dataclass(frozen=True, slots=True)
class ScoredEvent:
    """The parts of one coded event that article scoring compares."""

    article_id: str | None
    sentence: str
    root: str | None
    source: str | None
    target: str | None
    mode: str = ASSERTED
    background: bool = False
    event_date: str = ""
    rule: str | None = None

    @property
    def current(self) -> bool:
        """Asserted and not background: the events precision and FP count."""
        return not self.background and self.mode == ASSERTED

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "sentence": self.sentence,
            "root": self.root,
            "source": self.source,
            "target": self.target,
            "mode": self.mode,
            "background": self.background,
            "event_date": self.event_date or None,
            "rule": self.rule,
        }


def scored_event(record: Mapping[str, Any]) -> ScoredEvent:
    """A ScoredEvent from an event record (`Event.to_dict()` or a `flashpoint code` JSON line).

    The root is `root`, else the first two characters of `cameo` (or `code`), zero-padded;
    a missing mode is asserted; `sentence` may be a string or {"text": ...}.
    """
    raw_root = record.get("root") or str(record.get("cameo") or record.get("code") or "")[:2]
    sentence = record.get("sentence")
    if isinstance(sentence, Mapping):
        sentence = sentence.get("text")
    rule = record.get("rule")
    article_id = record.get("article_id")
    return ScoredEvent(
        article_id=None if article_id is None else str(article_id),
        sentence=str(sentence or ""),
        root=str(raw_root).zfill(2)[:2] if raw_root else None,
        source=actor_token(record.get("source")),
        target=actor_token(record.get("target")),
        mode=str(record.get("mode") or ASSERTED),
        background=bool(record.get("background")),
        event_date=str(record.get("event_date") or ""),
        rule=None if rule is None else str(rule),
    )


def read_event_records(path: Path) -> list[ScoredEvent]:
    """The events of a JSONL file written by `flashpoint code --format jsonl`.

    Blank lines are skipped, and so are records whose "type" is not "event" (the quote
    records of `--quotes`; the reference scorer would count them as false positives).

    Raises:
        DataError: the file cannot be read, or a line is not a JSON object (named as path:line).
    """
    path = Path(path)
    events: list[ScoredEvent] = []
    for number, obj in read_json_lines(path, "events file"):
        if obj.get("type", "event") != "event":
            continue
        try:
            events.append(scored_event(obj))
        except (AttributeError, TypeError) as exc:  # an actor or sentence of the wrong JSON type
            raise DataError(f"not an event record: {exc}", path, number) from exc
    return events


def _matches(event: ScoredEvent, entry: ArticleGoldEntry, *, with_target: bool = True) -> bool:
    """Same sentence (a sentence_has substring), an accepted root and accepted actor tokens."""
    sentence = normalise_text(event.sentence)
    if not any(normalise_text(part) in sentence for part in entry.sentence_has):
        return False
    if event.root not in entry.roots:
        return False
    if entry.source is not None and event.source not in entry.source:
        return False
    return not (with_target and entry.target is not None and event.target not in entry.target)


@dataclass(frozen=True, slots=True)
class ArticleCounts:
    """Counts over one article or a sum of them (see the module docstring for the rates)."""

    articles: int = 0
    required: int = 0
    found: int = 0
    false_positives: int = 0
    forbidden: int = 0
    background: int = 0
    background_listed: int = 0
    current: int = 0
    matched: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 0.0

    @property
    def precision(self) -> float:
        """precision~: matched current events over current events; 1.0 when none is current."""
        return self.matched / self.current if self.current else 1.0

    @property
    def fp_rate(self) -> float:
        """False positives per required event (0.0 when none is listed)."""
        return self.false_positives / self.required if self.required else 0.0

    def __add__(self, other: ArticleCounts) -> ArticleCounts:
        return ArticleCounts(*(getattr(self, f) + getattr(other, f) for f in _COUNTS))

    def to_dict(self) -> dict[str, Any]:
        counts: dict[str, Any] = {name: getattr(self, name) for name in _COUNTS}
        return {**counts, "recall": round(self.recall, 4), "precision": round(self.precision, 4),
                "fp_rate": round(self.fp_rate, 4)}  # fmt: skip


_COUNTS = (
    "articles", "required", "found", "false_positives", "forbidden",
    "background", "background_listed", "current", "matched",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ArticleScore:
    """One article's result: counts, each required entry with whether it was found, the
    forbidden entries a current event matched, and the false-positive events."""

    article_id: str
    counts: ArticleCounts
    required: tuple[tuple[ArticleGoldEntry, bool], ...]
    forbidden_hits: tuple[ArticleGoldEntry, ...]
    false_positives: tuple[ScoredEvent, ...]

    @property
    def missed(self) -> tuple[ArticleGoldEntry, ...]:
        return tuple(entry for entry, found in self.required if not found)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article_id,
            **self.counts.to_dict(),
            "found_ids": [entry.id for entry, found in self.required if found],
            "missed": [{"id": e.id, "note": e.note} for e in self.missed],
            "forbidden_hits": [{"id": e.id, "note": e.note} for e in self.forbidden_hits],
            "false_positive_events": [e.to_dict() for e in self.false_positives],
        }


@dataclass(frozen=True, slots=True)
class ArticleReport:
    """Per-article scores (sorted by article id) and their sum; `failures` names articles the
    coder failed on ("id: error: message"), which are scored with the events it kept."""

    articles: tuple[ArticleScore, ...]
    failures: tuple[str, ...] = ()

    @property
    def total(self) -> ArticleCounts:
        return sum((a.counts for a in self.articles), ArticleCounts())

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total.to_dict(),
            "articles": [a.to_dict() for a in self.articles],
            "failures": list(self.failures),
        }


def score_articles(gold: Sequence[ArticleGold], events: Iterable[ScoredEvent]) -> ArticleReport:
    """Score coded events against article gold; events of articles without gold are ignored,
    and a gold article with no events scores every required entry as missed."""
    by_article: dict[str | None, list[ScoredEvent]] = {}
    for event in events:
        by_article.setdefault(event.article_id, []).append(event)
    ordered = sorted(gold, key=lambda g: g.article_id)
    return ArticleReport(tuple(_score_article(g, by_article.get(g.article_id, [])) for g in ordered))


def _score_article(gold: ArticleGold, events: Sequence[ScoredEvent]) -> ArticleScore:
    used: set[int] = set()
    required: list[tuple[ArticleGoldEntry, bool]] = []
    for entry in gold.required:
        hits = [i for i, e in enumerate(events) if not e.background and e.mode in entry.modes and _matches(e, entry)]
        used.update(hits)
        required.append((entry, bool(hits)))
    forbidden_hits: list[ArticleGoldEntry] = []
    for entry in gold.forbidden:
        hits = [i for i, e in enumerate(events) if e.current and _matches(e, entry, with_target=False)]
        used.update(hits)
        if hits:
            forbidden_hits.append(entry)
    background = 0
    for entry in gold.background:
        hits = [
            i for i, e in enumerate(events)
            if not e.current and _matches(e, entry) and e.event_date.startswith(entry.year or "")
        ]  # fmt: skip
        used.update(hits)
        background += bool(hits)

    # Precision pass: an event used above counts as matched unless it hit a forbidden entry;
    # any other current event is matched by an optional, required or background entry
    # whatever its target (a debatable target is not a false positive).
    anywhere = gold.optional + gold.required + gold.background
    matched = 0
    for i, event in enumerate(events):
        if not event.current:
            continue
        if i in used:
            matched += not any(_matches(event, f, with_target=False) for f in gold.forbidden)
        elif any(_matches(event, entry, with_target=False) for entry in anywhere):
            used.add(i)
            matched += 1
    false_positives = tuple(e for i, e in enumerate(events) if e.current and i not in used)
    counts = ArticleCounts(
        articles=1,
        required=len(gold.required),
        found=sum(found for _, found in required),
        false_positives=len(false_positives),
        forbidden=len(forbidden_hits),
        background=background,
        background_listed=len(gold.background),
        current=sum(e.current for e in events),
        matched=matched,
    )
    return ArticleScore(gold.article_id, counts, tuple(required), tuple(forbidden_hits), false_positives)


def evaluate_articles(gold: Sequence[ArticleGold], coder: EventCoder, articles: Iterable[Article]) -> ArticleReport:
    """Code the `articles` that have gold with `coder.pipe` and score every event, in every mode.

    Articles without gold are not coded. A gold article absent from `articles` is logged
    and scored with no events. Coding failures are kept in `ArticleReport.failures`.

    Raises:
        IngestError: reading `articles` failed (raised by the iterable).
        FlashpointError: the coder returned a result for an article it was not given.
    """
    wanted = {g.article_id for g in gold}
    given: list[str] = []

    def with_gold() -> Iterator[Article]:
        for article in articles:
            if article.id in wanted:
                given.append(article.id)
                yield article

    events: list[ScoredEvent] = []
    failures: list[str] = []
    for coded in coder.pipe(with_gold()):
        if coded.article.id not in wanted:
            raise FlashpointError(f"the coder returned article {coded.article.id!r}, which it was not given")
        # Through the record shape, so coding here and scoring a `flashpoint code` JSONL
        # file of the same articles give the same report.
        events.extend(scored_event(event.to_dict()) for event in coded.events)
        failures.extend(f"{f.article_id}: {f.error}: {f.message}" for f in coded.failures)
    for article_id in sorted(wanted - set(given)):
        log.warning("gold article %s is not in the input: scored with no events", article_id)
    report = score_articles(gold, events)
    return ArticleReport(report.articles, tuple(failures))
