"""Scoring a coder against gold: actor and triple comparison, Score, evaluate() and its report.

Scoring follows ../shared/README.md: a gold event is found when an *asserted* coded
event in the same text has an allowed root, and (for the triple) the same 3-letter
source and target prefixes. Only the PETR-2 set lists every event of a text, so
only there do unmatched coded events count against precision.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Protocol

from flashpoint.errors import FlashpointError, QueryError
from flashpoint.evaluation.gold import GoldEvent, GoldRecord
from flashpoint.model import Article, CodedArticle

# A gold actor the annotators left unknown; it matches any coded actor, even none.
UNKNOWN_ACTOR = "---"
ASSERTED = "asserted"

# set name -> (primary metric, does the gold list every event of a text?).
# Unknown sets are scored by root recall without precision.
SET_SCORING: Mapping[str, tuple[str, bool]] = MappingProxyType(
    {
        "cameo_codebook_examples": ("root_recall", False),
        "plover_gsr_cameo": ("triple_recall", False),
        "petr2_gsr_validation": ("triple_recall", True),
    }
)
_DEFAULT_SCORING = ("root_recall", False)


class EventCoder(Protocol):
    """What `evaluate` needs from a coder: one CodedArticle per Article, in order."""

    def pipe(self, articles: Iterable[Article]) -> Iterable[CodedArticle]: ...


@dataclass(frozen=True, slots=True)
class CodedSummary:
    """The parts of a coded event that scoring compares (from `Event.to_dict()`)."""

    cameo: str
    root: str
    mode: str
    source: str | None
    target: str | None
    source_prefix: str | None
    target_prefix: str | None

    @property
    def asserted(self) -> bool:
        return self.mode == ASSERTED

    def to_dict(self) -> dict[str, Any]:
        return {"cameo": self.cameo, "mode": self.mode, "source": self.source, "target": self.target}


def _summarise(event: Any) -> CodedSummary:
    data: Mapping[str, Any] = event if isinstance(event, Mapping) else event.to_dict()
    cameo = str(data["cameo"])
    mode = data.get("mode", ASSERTED)
    source, target = data.get("source"), data.get("target")
    return CodedSummary(
        cameo=cameo,
        root=str(data.get("root") or cameo[:2]),
        mode=str(getattr(mode, "value", mode)),
        source=source.get("code") if source else None,
        target=target.get("code") if target else None,
        source_prefix=_our_prefix(source),
        target_prefix=_our_prefix(target),
    )


def _our_prefix(actor: Mapping[str, Any] | None) -> str | None:
    """Our actor's 3-letter comparison key, or None when it cannot match a gold actor.

    The README compares the first three letters of the actor code, so a coded actor
    without a code (unresolved) never matches. `country` stands in only when the
    code does not start with three letters (say "---REB" with a known country).
    """
    if not actor or not actor.get("code"):
        return None
    prefix = str(actor["code"])[:3].upper()
    if len(prefix) == 3 and prefix.isalpha():
        return prefix
    country = actor.get("country")
    return str(country)[:3].upper() if country else None


def _actor_agrees(gold: str | None, ours: str | None) -> bool:
    if gold is None or gold[:3] == UNKNOWN_ACTOR:
        return True
    # IGO/NGO/IMG name a kind of actor, not a country: NATO's "IGOWSTNAT" compares as
    # "IGO" (README, "Actor comparison"), which the plain 3-letter compare already does.
    return ours is not None and ours == gold[:3].upper()


def _triple_agrees(gold: GoldEvent, coded: CodedSummary) -> bool:
    return (
        coded.root in gold.roots
        and _actor_agrees(gold.source, coded.source_prefix)
        and _actor_agrees(gold.target, coded.target_prefix)
    )



def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True, slots=True)
class Score:
    """Counts over a slice of records; the rates are None where nothing was counted.

    `coded_events` and `coded_matched` count asserted events only, and only in the
    `exhaustive_records` (records whose gold lists every event), so precision and F1
    exist only for such sets.
    """

    records: int = 0
    gold_events: int = 0
    root_found: int = 0
    gold_with_code: int = 0
    code_found: int = 0
    triple_found: int = 0
    exhaustive_records: int = 0
    coded_events: int = 0
    coded_matched: int = 0
    no_event_records: int = 0
    no_event_correct: int = 0

    @property
    def root_recall(self) -> float | None:
        return _ratio(self.root_found, self.gold_events)

    @property
    def code_recall(self) -> float | None:
        return _ratio(self.code_found, self.gold_with_code)

    @property
    def triple_recall(self) -> float | None:
        return _ratio(self.triple_found, self.gold_events)

    @property
    def actor_agreement(self) -> float | None:
        """Among gold events whose root was found, the share whose actors also agree."""
        return _ratio(self.triple_found, self.root_found)

    @property
    def precision(self) -> float | None:
        """Asserted events matching a gold triple, of all asserted events (exhaustive sets only)."""
        if not self.exhaustive_records:
            return None
        return _ratio(self.coded_matched, self.coded_events)

    @property
    def f1(self) -> float | None:
        """F1 on triples: precision against triple recall (exhaustive sets only).

        Coding nothing at all leaves precision undefined but scores F1 0.
        """
        r = self.triple_recall
        if not self.exhaustive_records or r is None:
            return None
        p = self.precision or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def no_event_accuracy(self) -> float | None:
        return _ratio(self.no_event_correct, self.no_event_records)

    def __add__(self, other: Score) -> Score:
        return Score(*(getattr(self, f) + getattr(other, f) for f in _SCORE_COUNTS))

    def to_dict(self) -> dict[str, Any]:
        counts = {name: getattr(self, name) for name in _SCORE_COUNTS}
        rates = {name: _round(getattr(self, name)) for name in _SCORE_RATES}
        return {**counts, **rates}


_SCORE_COUNTS = (
    "records",
    "gold_events",
    "root_found",
    "gold_with_code",
    "code_found",
    "triple_found",
    "exhaustive_records",
    "coded_events",
    "coded_matched",
    "no_event_records",
    "no_event_correct",
)
_SCORE_RATES = (
    "root_recall",
    "code_recall",
    "triple_recall",
    "actor_agreement",
    "precision",
    "f1",
    "no_event_accuracy",
)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


@dataclass(frozen=True, slots=True)
class RootRow:
    """One row of the per-root table."""

    root: str
    gold: int
    found: int
    triples: int

    @property
    def recall(self) -> float | None:
        return _ratio(self.found, self.gold)

    @property
    def triple_recall(self) -> float | None:
        return _ratio(self.triples, self.gold)

    def to_dict(self) -> dict[str, Any]:
        return {
            "root": self.root,
            "gold": self.gold,
            "found": self.found,
            "recall": _round(self.recall),
            "triples": self.triples,
            "triple_recall": _round(self.triple_recall),
        }


@dataclass(frozen=True, slots=True)
class Miss:
    """Something to inspect.

    kind "root": no asserted event carries the gold root; "actors": the root was found
    but no such event has both actors right (`gold` is the one missed event, `coded`
    everything coded in the text, in every mode); "false_positive": an asserted event
    matching no gold triple in an exhaustive set (`coded` is that event, `gold` all
    of the record's gold events).
    """

    record_id: str
    kind: str
    text: str
    gold: tuple[GoldEvent, ...]
    coded: tuple[CodedSummary, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.record_id,
            "kind": self.kind,
            "text": self.text,
            "gold": [g.to_dict() for g in self.gold],
            "coded": [c.to_dict() for c in self.coded],
        }


@dataclass(frozen=True, slots=True)
class EvaluationReport:
    """The result of `evaluate`: overall scores, breakdowns, and the misses."""

    sets: tuple[str, ...]
    primary_metric: str
    overall: Score
    by_root: tuple[RootRow, ...]
    by_text_kind: Mapping[str, Score]
    misses: tuple[Miss, ...]
    exhaustive: bool
    seconds: float = 0.0
    skipped: int = 0

    @property
    def primary(self) -> float | None:
        value: float | None = getattr(self.overall, self.primary_metric)
        return value

    def to_dict(self, *, include_misses: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "sets": list(self.sets),
            "primary_metric": self.primary_metric,
            "primary": _round(self.primary),
            "exhaustive": self.exhaustive,
            "seconds": round(self.seconds, 3),
            "skipped": self.skipped,
            "overall": self.overall.to_dict(),
            "by_root": [row.to_dict() for row in self.by_root],
            "by_text_kind": {kind: score.to_dict() for kind, score in self.by_text_kind.items()},
        }
        if include_misses:
            out["misses"] = [m.to_dict() for m in self.misses]
        return out



@dataclass(slots=True)
class _RecordResult:
    score: Score
    root_rows: list[tuple[str, bool, bool]] = field(default_factory=list)
    misses: list[Miss] = field(default_factory=list)


def evaluate(gold: Sequence[GoldRecord], coder: EventCoder, *, limit: int | None = None) -> EvaluationReport:
    """Code every gold text with `coder.pipe` and score the asserted events.

    Records whose "evaluate" flag is false are skipped (counted in `skipped`);
    `limit` keeps the first that many of the rest. Empty gold gives an all-None report.

    Raises:
        QueryError: `limit` is negative.
        FlashpointError: the coder returned fewer results than articles, or out of order.
    """
    if limit is not None and limit < 0:
        raise QueryError(f"limit must be 0 or more, not {limit}")
    scored = [r for r in gold if r.scored]
    records = scored if limit is None else scored[:limit]
    started = time.perf_counter()
    results = [
        _score_record(record, coded) for record, coded in _paired(records, coder.pipe(r.article() for r in records))
    ]
    seconds = time.perf_counter() - started

    sets = tuple(dict.fromkeys(r.set for r in records))
    metrics = {SET_SCORING.get(s, _DEFAULT_SCORING)[0] for s in sets}
    overall = sum((res.score for res in results), Score())
    by_kind: dict[str, Score] = {}
    for record, res in zip(records, results):
        if record.text_kind is not None:
            by_kind[record.text_kind] = by_kind.get(record.text_kind, Score()) + res.score
    return EvaluationReport(
        sets=sets,
        # A mixed list has no single primary metric; the strict one is the fair default.
        primary_metric=metrics.pop() if len(metrics) == 1 else "triple_recall",
        overall=overall,
        by_root=_root_table(res.root_rows for res in results),
        by_text_kind=MappingProxyType(dict(sorted(by_kind.items()))),
        misses=tuple(m for res in results for m in res.misses),
        exhaustive=any(_exhaustive(s) for s in sets),
        seconds=seconds,
        skipped=len(gold) - len(scored),
    )


def _exhaustive(set_name: str) -> bool:
    return SET_SCORING.get(set_name, _DEFAULT_SCORING)[1]


def _paired(records: Sequence[GoldRecord], coded: Iterable[CodedArticle]) -> Iterator[tuple[GoldRecord, CodedArticle]]:
    results = iter(coded)
    for record in records:
        result = next(results, None)
        if result is None:
            raise FlashpointError(f"the coder returned no result for gold record {record.id!r}")
        if result.article.id != record.id:
            raise FlashpointError(
                f"the coder returned article {result.article.id!r} where {record.id!r} was expected; "
                "Coder.pipe must yield one result per article, in order"
            )
        yield record, result


def _score_record(record: GoldRecord, coded_article: CodedArticle) -> _RecordResult:
    coded = tuple(_summarise(e) for e in coded_article.events)
    asserted = [c for c in coded if c.asserted]
    result = _RecordResult(Score())
    root_found = code_found = triple_found = 0
    for event in record.events:
        has_root = any(c.root in event.roots for c in asserted)
        has_triple = any(_triple_agrees(event, c) for c in asserted)
        root_found += has_root
        triple_found += has_triple
        if event.code is not None:
            code_found += any(c.cameo == event.code for c in asserted)
        result.root_rows.append((event.root_key, has_root, has_triple))
        if not has_triple:
            kind = "actors" if has_root else "root"
            result.misses.append(Miss(record.id, kind, record.text, (event,), coded))

    exhaustive = _exhaustive(record.set)
    coded_events = coded_matched = 0
    if exhaustive:
        for c in asserted:
            if any(_triple_agrees(g, c) for g in record.events):
                coded_matched += 1
            else:
                result.misses.append(Miss(record.id, "false_positive", record.text, record.events, (c,)))
        coded_events = len(asserted)

    result.score = Score(
        records=1,
        gold_events=len(record.events),
        root_found=root_found,
        gold_with_code=sum(e.code is not None for e in record.events),
        code_found=code_found,
        triple_found=triple_found,
        exhaustive_records=int(exhaustive),
        coded_events=coded_events,
        coded_matched=coded_matched,
        no_event_records=int(record.expect_no_event),
        no_event_correct=int(record.expect_no_event and not asserted),
    )
    return result


def _root_table(rows: Iterable[list[tuple[str, bool, bool]]]) -> tuple[RootRow, ...]:
    counts: dict[str, list[int]] = {}
    for per_record in rows:
        for key, found, triple in per_record:
            tally = counts.setdefault(key, [0, 0, 0])
            tally[0] += 1
            tally[1] += found
            tally[2] += triple
    return tuple(RootRow(key, *counts[key]) for key in sorted(counts))
