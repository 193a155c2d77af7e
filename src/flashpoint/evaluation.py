"""Gold-set scoring: reading gold JSONL records and measuring a coder against them.

Three gold formats share one record shape (see ../shared/README.md): CAMEO codebook
examples (one exact code, no actors), PLOVER gold records (a PLOVER category, given
here as `allowed_roots`, plus ISO3+sector actors) and PETRARCH-2 validation
sentences (CAMEO code + actors, with `expect_no_event` records). Scoring follows the
README: a gold event is found when an *asserted* coded event in the same text has an
allowed root, and (for the triple) the same 3-letter source and target prefixes.
Only the PETR-2 set lists every event of a text, so only there do unmatched coded
events count against precision.

The coder is anything with `pipe(articles) -> iterable of CodedArticle`; this module
never loads spaCy or the lexicon itself.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any, Protocol

from flashpoint.errors import DataError, FlashpointError, QueryError
from flashpoint.model import Article, CodedArticle

__all__ = [
    "CodedSummary",
    "EvaluationReport",
    "EventCoder",
    "GoldEvent",
    "GoldRecord",
    "Miss",
    "RootRow",
    "Score",
    "evaluate",
    "format_report",
    "load_gold",
]

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

# Builds the DataError for the line being read, so helpers need not carry path and line.
_Fail = Callable[[str], DataError]

_CODE_RE = re.compile(r"\d{2,4}")
_ROOT_RE = re.compile(r"\d\d")


# --------------------------------------------------------------------------- gold


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One gold event. `roots` are the CAMEO roots that count as finding it."""

    source: str | None
    code: str | None
    target: str | None
    roots: tuple[str, ...]
    plover: str | None = None

    @property
    def root_key(self) -> str:
        """The label of this event's row in the per-root table ("04", or "10/02" for PLOVER)."""
        return self.code[:2] if self.code else "/".join(self.roots)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "code": self.code,
            "target": self.target,
            "roots": list(self.roots),
            "plover": self.plover,
        }


@dataclass(frozen=True, slots=True)
class GoldRecord:
    """One gold sentence with its events; `scored` is the record's "evaluate" flag."""

    id: str
    set: str
    text: str
    date: date | None
    events: tuple[GoldEvent, ...]
    expect_no_event: bool = False
    allowed_roots: tuple[str, ...] = ()
    text_kind: str | None = None
    category: str | None = None
    scored: bool = True

    def article(self) -> Article:
        return Article(id=self.id, text=self.text, published=self.date)


def load_gold(path: Path) -> list[GoldRecord]:
    """Read a gold JSONL file (any of the three shared formats).

    Raises:
        DataError: the file cannot be read, or a line is malformed (named as path:line).
    """
    path = Path(path)
    records: list[GoldRecord] = []
    seen: dict[str, int] = {}
    for number, obj in _read_jsonl(path):
        record = _read_record(obj, path, number)
        if record.id in seen:
            raise DataError(f"duplicate id {record.id!r} (first on line {seen[record.id]})", path, number)
        seen[record.id] = number
        records.append(record)
    return records


def _read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    # Not resources._tables.read_jsonl: that module is private to the packaged-data
    # loaders, and scoring should not need the resources package to import.
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"cannot open gold file: {exc.strerror}", path) from exc
    with handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise DataError(f"invalid JSON: {exc.msg} (column {exc.colno})", path, number) from exc
            if not isinstance(obj, dict):
                raise DataError("expected a JSON object", path, number)
            yield number, obj


def _read_record(obj: Mapping[str, Any], path: Path, line: int) -> GoldRecord:
    def fail(reason: str) -> DataError:
        return DataError(reason, path, line)

    record_id = obj.get("id")
    if not isinstance(record_id, str) or not record_id:
        raise fail("record has no string 'id'")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise fail(f"{record_id}: 'text' must be a non-empty string")
    set_name = obj.get("set", path.stem)
    if not isinstance(set_name, str):
        raise fail(f"{record_id}: 'set' must be a string")
    allowed = obj.get("allowed_roots") or []
    if not isinstance(allowed, list) or not all(isinstance(r, str) and _ROOT_RE.fullmatch(r) for r in allowed):
        raise fail(f"{record_id}: 'allowed_roots' must be a list of two-digit roots such as \"03\"")
    expect_none = obj.get("expect_no_event", False)
    if not isinstance(expect_none, bool):
        raise fail(f"{record_id}: 'expect_no_event' must be true or false")
    scored = obj.get("evaluate", True)
    if not isinstance(scored, bool):
        raise fail(f"{record_id}: 'evaluate' must be true or false")
    raw_events = obj.get("events")
    if not isinstance(raw_events, list):
        raise fail(f"{record_id}: 'events' must be a list")
    events = tuple(_read_event(e, tuple(allowed), record_id, fail) for e in raw_events)
    if expect_none and events:
        raise fail(f"{record_id}: 'expect_no_event' is true but the record lists events")
    if not expect_none and not events:
        raise fail(f"{record_id}: no events and 'expect_no_event' is false, so there is nothing to score")
    return GoldRecord(
        id=record_id,
        set=set_name,
        text=text,
        date=_read_date(obj.get("date"), record_id, fail),
        events=events,
        expect_no_event=expect_none,
        allowed_roots=tuple(allowed),
        text_kind=_optional_str(obj, "text_kind", record_id, fail),
        category=_optional_str(obj, "category", record_id, fail),
        scored=scored,
    )


def _read_event(raw: object, allowed: tuple[str, ...], record_id: str, fail: _Fail) -> GoldEvent:
    if not isinstance(raw, dict):
        raise fail(f"{record_id}: each event must be a JSON object")
    values: dict[str, str | None] = {}
    for key in ("source", "code", "target", "plover"):
        value = raw.get(key)
        if value is not None and not isinstance(value, str):
            raise fail(f"{record_id}: event {key!r} must be a string or null")
        values[key] = value or None
    code = values["code"]
    if code is not None and not _CODE_RE.fullmatch(code):
        raise fail(f"{record_id}: event code {code!r} is not a 2-4 digit CAMEO code")
    roots = (code[:2],) if code else allowed
    if not roots:
        raise fail(f"{record_id}: event has no code and the record no 'allowed_roots'")
    return GoldEvent(values["source"], code, values["target"], roots, values["plover"])


def _read_date(raw: object, record_id: str, fail: _Fail) -> date | None:
    if raw is None:
        return None
    if isinstance(raw, str) and re.fullmatch(r"\d{6}", raw):
        # A two-digit year cannot be placed in a century (PETR-2 record
        # AFP0808020905_1 carries "121108" in a 2008 file), so the date is unknown.
        return None
    if not isinstance(raw, str) or not re.fullmatch(r"\d{8}", raw):
        raise fail(f"{record_id}: 'date' must be YYYYMMDD or null, not {raw!r}")
    try:
        return date(int(raw[:4]), int(raw[4:6]), int(raw[6:]))
    except ValueError:
        raise fail(f"{record_id}: 'date' {raw!r} is not a calendar date") from None


def _optional_str(obj: Mapping[str, Any], key: str, record_id: str, fail: _Fail) -> str | None:
    value = obj.get(key)
    if value is not None and not isinstance(value, str):
        raise fail(f"{record_id}: {key!r} must be a string or null")
    return value or None


# --------------------------------------------------------------------------- coded side


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


# --------------------------------------------------------------------------- scores


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


# --------------------------------------------------------------------------- evaluate


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


# --------------------------------------------------------------------------- text


_METRIC_LABELS = (
    ("root_recall", "root recall", "root_found", "gold_events"),
    ("code_recall", "exact-code recall", "code_found", "gold_with_code"),
    ("triple_recall", "triple recall", "triple_found", "gold_events"),
    ("actor_agreement", "actor agreement", "triple_found", "root_found"),
    ("precision", "precision (triples)", "coded_matched", "coded_events"),
    ("f1", "F1 (triples)", "", ""),
    ("no_event_accuracy", "no-event accuracy", "no_event_correct", "no_event_records"),
)


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def format_report(report: EvaluationReport, *, misses: bool = False) -> str:
    """The report as aligned text tables (overall, per text kind, per root, then misses if asked)."""
    s = report.overall
    names = ", ".join(report.sets) or "(no records)"
    lines = [
        f"gold: {names}: {s.records} records, {s.gold_events} gold events"
        + (f", {report.skipped} skipped" if report.skipped else "")
        + f"; coded in {report.seconds:.1f}s",
        f"primary: {report.primary_metric.replace('_', ' ')} = {_fmt(report.primary)}",
        "",
        f"{'metric':<22}{'value':>7}  {'count':>9}",
    ]
    for attr, label, part, whole in _METRIC_LABELS:
        value = getattr(s, attr)
        if value is None:
            continue
        count = f"{getattr(s, part)}/{getattr(s, whole)}" if part else ""
        lines.append(f"{label:<22}{_fmt(value):>7}  {count:>9}")

    if len(report.by_text_kind) > 1:
        lines += ["", f"{'text kind':<16}{'records':>8}{'gold':>6}{'root':>7}{'triple':>8}{'prec':>7}{'F1':>7}{'no-ev':>7}"]
        for kind, k in report.by_text_kind.items():
            lines.append(
                f"{kind:<16}{k.records:>8}{k.gold_events:>6}{_fmt(k.root_recall):>7}{_fmt(k.triple_recall):>8}"
                f"{_fmt(k.precision):>7}{_fmt(k.f1):>7}{_fmt(k.no_event_accuracy):>7}"
            )

    if report.by_root:
        lines += ["", f"{'root':<8}{'gold':>6}{'found':>7}{'recall':>8}{'triples':>9}{'t.recall':>10}"]
        for row in report.by_root:
            lines.append(
                f"{row.root:<8}{row.gold:>6}{row.found:>7}{_fmt(row.recall):>8}"
                f"{row.triples:>9}{_fmt(row.triple_recall):>10}"
            )

    if misses and report.misses:
        lines += ["", f"misses ({len(report.misses)}):"]
        for miss in report.misses:
            gold = "; ".join(_gold_label(g) for g in miss.gold) or "(no event)"
            coded = "; ".join(_coded_label(c) for c in miss.coded) or "(nothing)"
            lines.append(f"  {miss.record_id} [{miss.kind}] gold: {gold} | coded: {coded}")
    return "\n".join(lines)


def _gold_label(g: GoldEvent) -> str:
    what = g.code or f"{g.plover or '?'}({'/'.join(g.roots)})"
    return f"{g.source or '-'} {what} {g.target or '-'}"


def _coded_label(c: CodedSummary) -> str:
    mode = "" if c.asserted else f" [{c.mode}]"
    return f"{c.source or '-'} {c.cameo} {c.target or '-'}{mode}"
