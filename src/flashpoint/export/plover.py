"""PLOVER JSON records: one JSON object per line, with the field names of the PLOVER manual.

Field names follow the "PLOVER JSON" table of the PLOVER manual (openeventdata/PLOVER,
PLOVER_MANUAL.tex, draft 0.7b1): `id`, `date`, `source` and `recipient` (lists of actor
objects with `actor_text`, `code` = the 3-character top-level code, `sector`), `event`
(the PLOVER category), `event_text`, `quad_code`, `event_scale`, `mode` (PLOVER's
category-specific mode), `context`, `text` (the sentence, as evidence), `text_info`
(`sequence`, `start`, `end`), `cite_info` (`citation`, `url`), `coder`, `comment`.
What PLOVER has no field for goes under the extension object `flashpoint`: the full CAMEO
event and actor codes, the modality (asserted/negated/...), dates, background flag,
confidence, rule id and cluster id.

CAMEO 01 and 02 (statements, appeals) have no PLOVER category; those events are skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pandas

from flashpoint.about import __version__
from flashpoint.export.columns import cell, day, require_columns, write_lines

__all__ = ["plover_records", "to_plover"]

READ_COLUMNS = (
    "event_id", "article_id", "article_date", "sentence_index", "sentence", "source_text",
    "source_code", "source_country", "source_sector", "target_text", "target_code",
    "target_country", "target_sector", "action_text", "action_start", "action_end", "cameo",
    "goldstein", "quad_class", "plover_event", "plover_mode", "mode", "event_date",
)  # fmt: skip
OPTIONAL_COLUMNS = ("source_start", "source_end", "target_start", "target_end", "date_precision",
                    "background", "confidence", "rule", "cluster_id", "url")  # fmt: skip
CODER = f"flashpoint {__version__}"


def _plain(value: Any) -> Any:
    """A JSON-ready scalar: numpy/pandas scalars to Python ones, missing to None."""
    value = cell(value)
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return str(value)


def _actors(row: Mapping[str, Any], prefix: str) -> list[dict[str, Any]]:
    text = _plain(row.get(f"{prefix}_text"))
    code = _plain(row.get(f"{prefix}_code"))
    if text is None and code is None:
        return []
    country = _plain(row.get(f"{prefix}_country"))
    actor: dict[str, Any] = {"actor_text": text, "code": country or (code[:3] if code else None)}
    sector = _plain(row.get(f"{prefix}_sector"))
    if sector:
        actor["sector"] = sector
    return [actor]


def _record(row: Mapping[str, Any]) -> dict[str, Any]:
    when = day(row.get("event_date")) or day(row.get("article_date"))
    published = day(row.get("article_date"))
    start = _plain(row.get("action_start"))
    end = _plain(row.get("action_end"))
    record: dict[str, Any] = {
        "id": str(row["event_id"]),
        "date": when.isoformat() if when else None,
        "source": _actors(row, "source"),
        "recipient": _actors(row, "target"),
        "event": _plain(row.get("plover_event")),
        "event_text": [t for t in [_plain(row.get("action_text"))] if t],
        "quad_code": _plain(row.get("quad_class")),
        "event_scale": _plain(row.get("goldstein")),
        "mode": _plain(row.get("plover_mode")) or "",
        "context": "",
        "text": _plain(row.get("sentence")),
        "text_info": {"sequence": _plain(row.get("sentence_index")), "start": start, "end": end},
        "cite_info": {"citation": str(row["article_id"]), "url": _plain(row.get("url"))},
        "coder": CODER,
        "flashpoint": {
            "cameo": _plain(row.get("cameo")),
            "source_code": _plain(row.get("source_code")),
            "target_code": _plain(row.get("target_code")),
            "modality": _plain(row.get("mode")),
            "article_date": published.isoformat() if published else None,
            "date_precision": _plain(row.get("date_precision")),
            "background": _plain(row.get("background")),
            "confidence": _plain(row.get("confidence")),
            "rule": _plain(row.get("rule")),
            "cluster_id": _plain(row.get("cluster_id")),
        },
    }
    return record


def plover_records(events_df: pandas.DataFrame, *, asserted_only: bool = True) -> Iterator[dict[str, Any]]:
    """PLOVER records (dicts) for `events_df`, in its row order (see module docstring).

    Only asserted events by default; events without a PLOVER category are always skipped.

    Raises:
        QueryError: a needed column is missing.
    """
    require_columns(events_df, READ_COLUMNS)
    for row in events_df.to_dict("records"):
        if cell(row.get("plover_event")) is None:
            continue
        if asserted_only and cell(row.get("mode")) != "asserted":
            continue
        yield _record(row)


def to_plover(events_df: pandas.DataFrame, path: str | Path, *, asserted_only: bool = True) -> int:
    """Write PLOVER JSON records, one object per line (UTF-8); return the number written.

    Raises:
        QueryError: a needed column is missing, or the file cannot be written.
    """
    records = plover_records(events_df, asserted_only=asserted_only)
    return write_lines(path, (json.dumps(record, ensure_ascii=False) for record in records))
