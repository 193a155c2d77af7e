"""The `events` table's columns and their Arrow types, as every export writes them.

Kept in step with the store's schema.sql (the contract in docs); exports normalise whatever
dtypes a DataFrame arrived with (DuckDB dates as datetime64, codes as objects) to these.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas
import pyarrow

from flashpoint.errors import QueryError

__all__ = ["EVENT_COLUMNS", "EVENT_SCHEMA", "cell", "day", "events_table", "require_columns"]

EVENT_SCHEMA = pyarrow.schema(
    [
        ("event_id", pyarrow.string()),
        ("article_id", pyarrow.string()),
        ("article_date", pyarrow.date32()),
        ("sentence_index", pyarrow.int32()),
        ("sentence", pyarrow.string()),
        ("source_text", pyarrow.string()),
        ("source_code", pyarrow.string()),
        ("source_country", pyarrow.string()),
        ("source_sector", pyarrow.string()),
        ("source_start", pyarrow.int32()),
        ("source_end", pyarrow.int32()),
        ("target_text", pyarrow.string()),
        ("target_code", pyarrow.string()),
        ("target_country", pyarrow.string()),
        ("target_sector", pyarrow.string()),
        ("target_start", pyarrow.int32()),
        ("target_end", pyarrow.int32()),
        ("action_text", pyarrow.string()),
        ("action_start", pyarrow.int32()),
        ("action_end", pyarrow.int32()),
        ("cameo", pyarrow.string()),
        ("root", pyarrow.string()),
        ("cameo_name", pyarrow.string()),
        ("goldstein", pyarrow.float64()),
        ("quad_class", pyarrow.int32()),
        ("plover_event", pyarrow.string()),
        ("plover_mode", pyarrow.string()),
        ("mode", pyarrow.string()),
        ("speaker_text", pyarrow.string()),
        ("speaker_code", pyarrow.string()),
        ("event_date", pyarrow.date32()),
        ("date_precision", pyarrow.string()),
        ("background", pyarrow.bool_()),
        ("confidence", pyarrow.float64()),
        ("rule", pyarrow.string()),
        ("cluster_id", pyarrow.string()),
        # store schema 2: where the event happened
        ("place", pyarrow.string()),
        ("place_country", pyarrow.string()),
        ("place_kind", pyarrow.string()),
        ("place_start", pyarrow.int32()),
        ("place_end", pyarrow.int32()),
    ]
)
EVENT_COLUMNS = tuple(EVENT_SCHEMA.names)
# Columns a frame may lack (one read from a schema-1 store, or built by hand): written empty.
OPTIONAL_COLUMNS = ("place", "place_country", "place_kind", "place_start", "place_end")


def cell(value: Any) -> Any:
    """A DataFrame cell with every flavour of missing (None, NaN, NaT, pd.NA) as None."""
    if value is None or value is pandas.NaT or value is pandas.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def day(value: Any) -> date | None:
    """A date from a cell holding a date, datetime/Timestamp or ISO string."""
    value = cell(value)
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise QueryError(f"not a date: {value!r}") from exc


def write_lines(path: str | Path, lines: Iterable[str]) -> int:
    """Write `lines` (each without its newline) as UTF-8 with \n endings; return how many.

    Raises:
        QueryError: the file cannot be written.
    """
    path = Path(path)
    n = 0
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="\n") as out:
            for line in lines:
                out.write(line + "\n")
                n += 1
    except OSError as exc:
        raise QueryError(f"cannot write {path}: {exc}") from exc
    return n


def require_columns(events: pandas.DataFrame, names: tuple[str, ...] = EVENT_COLUMNS) -> None:
    """Raises QueryError naming the columns `events` lacks (OPTIONAL_COLUMNS may be absent)."""
    missing = [name for name in names if name not in events.columns and name not in OPTIONAL_COLUMNS]
    if missing:
        raise QueryError(f"events lack the column(s) {', '.join(missing)}")


def events_table(events: pandas.DataFrame) -> pyarrow.Table:
    """`events` as an Arrow table with exactly EVENT_SCHEMA (extra columns are dropped).

    Raises:
        QueryError: a column is missing or a value cannot take its column's type.
    """
    require_columns(events)
    arrays = []
    for name, kind in zip(EVENT_SCHEMA.names, EVENT_SCHEMA.types, strict=True):
        values = [cell(v) for v in events[name].tolist()] if name in events.columns else [None] * len(events)
        if pyarrow.types.is_date32(kind):
            values = [day(v) for v in values]
        elif pyarrow.types.is_string(kind):
            values = [None if v is None else str(v) for v in values]
        elif pyarrow.types.is_integer(kind):
            values = [None if v is None else int(v) for v in values]
        elif pyarrow.types.is_boolean(kind):
            values = [None if v is None else bool(v) for v in values]
        try:
            arrays.append(pyarrow.array(values, type=kind))
        except (pyarrow.ArrowInvalid, pyarrow.ArrowTypeError, TypeError, ValueError) as exc:
            raise QueryError(f"events column {name!r} cannot be written as {kind}: {exc}") from exc
    return pyarrow.Table.from_arrays(arrays, schema=EVENT_SCHEMA)
