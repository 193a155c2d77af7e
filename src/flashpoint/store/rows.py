"""Model objects <-> store rows: the only module that knows both the dataclasses and the columns.

Rows are plain tuples in the column order of schema.sql, so a write can bind them as
parameters of one multi-row INSERT per table.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flashpoint.model import Action, Actor, Article, CodedArticle, DatePrecision, Event, Mode, Place, Plover, Quote, Sentence

__all__ = [
    "ARTICLE_COLUMNS",
    "CLUSTER_COLUMNS",
    "EVENT_COLUMNS",
    "QUOTE_COLUMNS",
    "SENTENCE_COLUMNS",
    "ArticleRows",
    "article_from_row",
    "article_row",
    "cluster_row",
    "coded_rows",
    "event_from_row",
    "event_row",
    "quote_from_row",
    "quote_row",
    "sentence_from_row",
    "sentence_row",
]

ARTICLE_COLUMNS = ("id", "url", "source", "title", "published", "text", "hash", "ingested_at")
SENTENCE_COLUMNS = ("article_id", "sentence_index", "start_char", "end_char", "text")
EVENT_COLUMNS = (
    "event_id", "article_id", "article_date", "sentence_index", "sentence",
    "source_text", "source_code", "source_country", "source_sector", "source_start", "source_end",
    "target_text", "target_code", "target_country", "target_sector", "target_start", "target_end",
    "action_text", "action_start", "action_end",
    "cameo", "root", "cameo_name", "goldstein", "quad_class", "plover_event", "plover_mode", "mode",
    "speaker_text", "speaker_code", "event_date", "date_precision", "background", "confidence", "rule",
    "cluster_id",
    # added in schema version 2, at the end because ALTER TABLE appends
    "place", "place_country", "place_kind", "place_start", "place_end",
)  # fmt: skip
QUOTE_COLUMNS = (
    "quote_id", "article_id", "sentence_index", "text", "start_char", "end_char",
    "kind", "speaker_text", "speaker_code", "verb",
)  # fmt: skip
CLUSTER_COLUMNS = (
    "cluster_id", "source_code", "target_code", "root", "cameo", "event_date", "place",
    "n_mentions", "n_articles", "sources", "first_seen", "last_seen",
)  # fmt: skip

Row = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class ArticleRows:
    """Everything one coded article adds to the store, table by table."""

    article: Row
    sentences: list[Row]
    events: list[Row]
    quotes: list[Row]


def article_row(article: Article, ingested_at: datetime) -> Row:
    """`hash` is the SHA-1 of the text alone, so the same text under two URLs can be found."""
    digest = hashlib.sha1(article.text.encode("utf-8")).hexdigest()
    return (article.id, article.url, article.source, article.title, article.published, article.text, digest, ingested_at)


def sentence_row(article_id: str, sentence: Sentence) -> Row:
    return (article_id, sentence.index, sentence.start, sentence.end, sentence.text)


def _actor(actor: Actor | None) -> tuple[Any, ...]:
    if actor is None:
        return (None, None, None, None, None, None)
    start, end = actor.span if actor.span else (None, None)
    return (actor.text, actor.code, actor.country, actor.sector, start, end)


def event_row(event: Event, cluster_id: str | None = None) -> Row:
    return (
        event.event_id, event.article_id, event.article_date, event.sentence_index, event.sentence,
        *_actor(event.source),
        *_actor(event.target),
        event.action.text, event.action.span[0], event.action.span[1],
        event.cameo, event.root, event.cameo_name, event.goldstein, event.quad_class,
        event.plover.event, event.plover.mode, event.mode.value,
        event.speaker.text if event.speaker else None, event.speaker.code if event.speaker else None,
        event.event_date, event.date_precision.value if event.date_precision else None,
        event.background, event.confidence, event.rule,
        cluster_id,
        *_place(event.place),
    )  # fmt: skip


def _place(place: Place | None) -> tuple[Any, ...]:
    if place is None:
        return (None, None, None, None, None)
    return (place.name, place.country, place.kind, place.span[0], place.span[1])


def quote_row(quote: Quote) -> Row:
    return (
        quote.quote_id, quote.article_id, quote.sentence_index, quote.text, quote.span[0], quote.span[1],
        quote.kind, quote.speaker.text if quote.speaker else None, quote.speaker.code if quote.speaker else None,
        quote.verb,
    )  # fmt: skip


def _scalar(value: Any) -> Any:
    """A value DuckDB binds: NaN/NaT -> None, numpy and pandas scalars -> Python objects."""
    if value is None or isinstance(value, (str, list, tuple)):
        return value
    try:
        if value != value:  # NaN, NaT
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime()
    if hasattr(value, "item"):
        return value.item()
    return value


def cluster_row(cluster: Mapping[str, Any]) -> Row:
    """A clusters row from a dict keyed by column name (missing keys are NULL; `sources` a
    list), such as a record of the frame analysis.dedup.assign_clusters returns."""
    row = [_scalar(cluster.get(column)) for column in CLUSTER_COLUMNS]
    sources = cluster.get("sources")
    index = CLUSTER_COLUMNS.index("sources")
    row[index] = None if sources is None else [str(s) for s in sources]
    return tuple(row)


def coded_rows(
    coded: CodedArticle, ingested_at: datetime, cluster_ids: Mapping[str, str] | None = None
) -> ArticleRows:
    """The rows of one coded article. Events or quotes with an id already seen in this
    article are dropped (the id is the primary key; a repeat would carry the same facts)."""
    ids = cluster_ids or {}
    article_id = coded.article.id
    events: dict[str, Row] = {}
    for event in coded.events:
        events.setdefault(event.event_id, event_row(event, ids.get(event.event_id)))
    quotes: dict[str, Row] = {}
    for quote in coded.quotes:
        quotes.setdefault(quote.quote_id, quote_row(quote))
    return ArticleRows(
        article=article_row(coded.article, ingested_at),
        sentences=[sentence_row(article_id, s) for s in coded.sentences],
        events=list(events.values()),
        quotes=list(quotes.values()),
    )


def _actor_from(row: Mapping[str, Any], prefix: str) -> Actor | None:
    text = row.get(f"{prefix}_text")
    if text is None:
        return None
    start, end = row.get(f"{prefix}_start"), row.get(f"{prefix}_end")
    span = (int(start), int(end)) if start is not None and end is not None else None
    return Actor(text=text, code=row.get(f"{prefix}_code"), country=row.get(f"{prefix}_country"),
                 sector=row.get(f"{prefix}_sector"), span=span)  # fmt: skip


def _date(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def event_from_row(row: Mapping[str, Any]) -> Event:
    """An Event back from an events row (as a dict by column name). Speaker spans are not stored."""
    speaker = None
    if row.get("speaker_text") is not None:
        speaker = Actor(text=row["speaker_text"], code=row.get("speaker_code"))
    precision = row.get("date_precision")
    return Event(
        article_id=row["article_id"],
        article_date=_date(row.get("article_date")),
        sentence_index=int(row["sentence_index"]),
        sentence=row["sentence"],
        source=_actor_from(row, "source"),
        target=_actor_from(row, "target"),
        action=Action(row["action_text"], (int(row["action_start"]), int(row["action_end"]))),
        cameo=row["cameo"],
        cameo_name=row["cameo_name"],
        goldstein=float(row["goldstein"]),
        quad_class=int(row["quad_class"]),
        plover=Plover(row.get("plover_event"), row.get("plover_mode")),
        mode=Mode(row["mode"]),
        rule=row["rule"],
        speaker=speaker,
        event_date=_date(row.get("event_date")),
        date_precision=DatePrecision(precision) if precision else None,
        background=bool(row.get("background")),
        confidence=float(row["confidence"]) if row.get("confidence") is not None else 1.0,
        place=_place_from(row),
    )


def _place_from(row: Mapping[str, Any]) -> Place | None:
    """The place of an events row; its `text` is not stored, so it is the name again."""
    name = row.get("place")
    if name is None or row.get("place_start") is None:
        return None
    return Place(name, name, row.get("place_country"), row.get("place_kind"), (int(row["place_start"]), int(row["place_end"])))


def article_from_row(row: Mapping[str, Any]) -> Article:
    """An Article back from an articles row (as a dict by column name)."""
    return Article(
        id=row["id"], text=row["text"], published=_date(row.get("published")),
        title=row.get("title"), source=row.get("source"), url=row.get("url"),
    )  # fmt: skip


def sentence_from_row(row: Mapping[str, Any]) -> Sentence:
    """A Sentence back from a sentences row."""
    return Sentence(int(row["sentence_index"]), int(row["start_char"]), int(row["end_char"]), row["text"])


def quote_from_row(row: Mapping[str, Any]) -> Quote:
    """A Quote back from a quotes row. Only the speaker's text and code are stored."""
    speaker = None
    if row.get("speaker_text") is not None:
        speaker = Actor(text=row["speaker_text"], code=row.get("speaker_code"))
    return Quote(
        article_id=row["article_id"], sentence_index=int(row["sentence_index"]), text=row["text"],
        span=(int(row["start_char"]), int(row["end_char"])), kind=row["kind"], speaker=speaker, verb=row.get("verb"),
    )  # fmt: skip
