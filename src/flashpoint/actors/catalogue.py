"""Actor look-ups as records: resolve one phrase or a JSONL batch, list the gazetteer's actors.

These back `flashpoint actors resolve|list` and work the same from Python: they return plain
dicts (JSON-ready, dates as ISO strings) and report bad input through exceptions or an
`on_error` callback, never by printing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from flashpoint.actors.resolve import ActorResolver
from flashpoint.errors import IngestError, QueryError
from flashpoint.model.actor import Actor
from flashpoint.resources.gazetteer import ActorEntry, Gazetteer

__all__ = [
    "LISTED_KINDS",
    "RESOLVED_FIELDS",
    "actor_record",
    "entry_record",
    "list_actors",
    "parse_country",
    "resolve_mentions",
]

# The fields of a resolved mention, in output order.
RESOLVED_FIELDS = ("text", "code", "country", "sector", "name", "valid_from", "valid_to", "matched_by")
# Kinds `list_actors` returns, in listing order; capitals, seats, regions and towns only
# point at a country's actors and are left out.
LISTED_KINDS = ("country", "institution", "org", "person")


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def actor_record(text: str, actor: Actor | None) -> dict[str, Any]:
    """The RESOLVED_FIELDS of `actor` for `text`; every field but text is None when unresolved."""
    if actor is None:
        return {name: (text if name == "text" else None) for name in RESOLVED_FIELDS}
    return {
        "text": text,
        "code": actor.code,
        "country": actor.country,
        "sector": actor.sector,
        "name": actor.name,
        "valid_from": _iso(actor.valid_from),
        "valid_to": _iso(actor.valid_to),
        "matched_by": actor.matched_by,
    }


def entry_record(entry: ActorEntry, forms: tuple[str, ...] = ()) -> dict[str, Any]:
    """One gazetteer entry as a record, with the folded forms that name it."""
    return {
        "code": entry.code,
        "kind": entry.kind,
        "name": entry.name,
        "country": entry.country,
        "sector": entry.sector,
        "role": entry.role,
        "person_id": entry.person_id,
        "valid_from": _iso(entry.valid_from),
        "valid_to": _iso(entry.valid_to),
        "forms": list(forms),
    }


def list_actors(
    gazetteer: Gazetteer, *, country: str | None = None, on: date | None = None
) -> list[tuple[ActorEntry, tuple[str, ...]]]:
    """Countries, institutions, organisations and person terms, with their forms.

    `country` keeps the entries of that country code (international bodies have none); `on`
    keeps only the person terms valid on that day (undated entries always stay). Sorted by
    kind, then code, name and start date.
    """
    rank = {kind: i for i, kind in enumerate(LISTED_KINDS)}
    kept = [
        (entry, forms)
        for entry, forms in gazetteer.entries().items()
        if entry.kind in rank
        and (country is None or entry.country == country)
        and (on is None or entry.covers(on))
    ]
    kept.sort(key=lambda item: (
        rank[item[0].kind], item[0].code, item[0].name, item[0].valid_from or date.min,
    ))
    return kept


def _mention(obj: dict[str, Any], source: str) -> tuple[str, date | None]:
    text = obj.get("text")
    if not isinstance(text, str):
        raise IngestError(source, 'needs a "text" string')
    raw = obj.get("date")
    if raw is None:
        return text, None
    if not isinstance(raw, str):
        raise IngestError(source, f'"date" {raw!r} is not a YYYY-MM-DD string')
    try:
        return text, date.fromisoformat(raw)
    except ValueError:
        raise IngestError(source, f'"date" {raw!r} is not a date like 2022-02-15') from None


def resolve_mentions(
    resolver: ActorResolver,
    path: Path,
    *,
    on: date | None = None,
    on_error: Callable[[IngestError], None] | None = None,
) -> Iterator[dict[str, Any]]:
    """One `actor_record` per line of a JSONL file of {"text", "date"?}, in order.

    A line's own date wins over `on`. A malformed line (bad JSON, no text, bad date) goes
    to `on_error` as an IngestError naming path:line and is skipped; blank lines are too.

    Raises:
        IngestError: the file cannot be opened, or a line is malformed and no `on_error` is given.
    """
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise IngestError(str(path), f"cannot open: {exc.strerror or exc}") from exc
    with handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.strip()
            if not line:
                continue
            source = f"{path}:{number}"
            try:
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise IngestError(source, f"invalid JSON: {exc.msg} (column {exc.colno})") from None
                if not isinstance(obj, dict):
                    raise IngestError(source, "expected a JSON object")
                text, day = _mention(obj, source)
            except IngestError as exc:
                if on_error is None:
                    raise
                on_error(exc)
                continue
            yield actor_record(text, resolver.resolve(text, day or on))


def parse_country(gazetteer: Gazetteer, code: str) -> str:
    """`code` checked against the gazetteer's countries and regions.

    Raises:
        QueryError: no country or region has that code.
    """
    if gazetteer.name_of(code.upper()) is None:
        raise QueryError(f"unknown country code {code!r}: use a code from countries.tsv, e.g. RUS")
    return code.upper()
