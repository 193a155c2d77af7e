"""Query results -> JSON: DataFrames to plain records, and the one JSON response the API sends.

DuckDB hands dates back as pandas Timestamps, NULL integers as float NaN and strings as
pandas' string dtype; a response must carry ISO dates, null and JSON numbers instead.
"""

from __future__ import annotations

import datetime
import json
import math
from typing import Any

import pandas
from starlette.responses import Response

__all__ = ["DATE_COLUMNS", "INT_COLUMNS", "dumps", "json_response", "plain_rows", "records"]

# Columns that hold a calendar day: sent as "2022-02-24", not as a timestamp.
DATE_COLUMNS = frozenset({"article_date", "event_date", "published", "period", "last_date"})
# Integer columns that become float when a row has NULL there (an event without a target).
INT_COLUMNS = frozenset({
    "sentence_index", "source_start", "source_end", "target_start", "target_end", "action_start", "action_end",
    "quad_class", "start_char", "end_char", "sentence_start", "sentence_end", "n", "q1", "q2", "q3", "q4",
    "conflict", "n_sentences", "n_events", "n_quotes", "place_start", "place_end",
})  # fmt: skip


def _plain(column: str, value: Any) -> Any:
    if value is None or value is pandas.NA or value is pandas.NaT:
        return None
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return int(value) if column in INT_COLUMNS and value.is_integer() else value
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return _plain(column, value.item())  # numpy scalar
    if hasattr(value, "isoformat"):
        if str(value) == "NaT":
            return None
        if column in DATE_COLUMNS:
            return value.date().isoformat() if hasattr(value, "date") and callable(value.date) else value.isoformat()
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(column, v) for v in value]
    if hasattr(value, "tolist"):
        return [_plain(column, v) for v in value.tolist()]
    return value


def records(frame: pandas.DataFrame) -> list[dict[str, Any]]:
    """The rows of `frame` as dicts of JSON values (ISO dates, null for NULL/NaN/NaT)."""
    columns = [str(c) for c in frame.columns]
    return [
        {column: _plain(column, value) for column, value in zip(columns, row)}
        for row in frame.itertuples(index=False, name=None)
    ]


def plain_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of Python values (as DuckDB's fetchall gives them) made JSON-ready: dates and
    datetimes as ISO strings, NaN as null; everything else is already plain."""
    out = []
    for row in rows:
        plain = dict(row)
        for column, value in row.items():
            if value is None or isinstance(value, (str, int)):
                continue
            if isinstance(value, datetime.datetime):
                plain[column] = value.date().isoformat() if column in DATE_COLUMNS else value.isoformat()
            elif isinstance(value, datetime.date):
                plain[column] = value.isoformat()
            elif isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
                plain[column] = None
        out.append(plain)
    return out


def dumps(payload: Any) -> bytes:
    """Compact UTF-8 JSON; NaN is refused rather than sent as invalid JSON."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def json_response(payload: Any, status_code: int = 200, headers: dict[str, str] | None = None) -> Response:
    """A JSON response built with `dumps` (FastAPI's own encoder walks every value again)."""
    return Response(dumps(payload), status_code=status_code, media_type="application/json", headers=headers)
