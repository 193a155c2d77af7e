"""Parquet and CSV exports of the `events` table, with the table's own column types."""

from __future__ import annotations

from pathlib import Path

import pandas
import pyarrow
import pyarrow.csv
import pyarrow.parquet

from flashpoint.errors import QueryError
from flashpoint.export.columns import events_table

__all__ = ["to_csv", "to_parquet"]


def _target(path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def to_parquet(events_df: pandas.DataFrame, path: str | Path) -> int:
    """Write the events (all columns of the `events` table, in its order) to Parquet.

    Dates are Parquet DATE, codes strings ("010" keeps its zero), counts int32. Extra
    columns in `events_df` are not written. Returns the number of rows written.

    Raises:
        QueryError: a column is missing or cannot take its type; or the file cannot be written.
    """
    table = events_table(events_df)
    try:
        pyarrow.parquet.write_table(table, _target(path))
    except OSError as exc:
        raise QueryError(f"cannot write {path}: {exc}") from exc
    return table.num_rows


def to_csv(events_df: pandas.DataFrame, path: str | Path) -> int:
    """Write the events as CSV (header row, comma-separated, RFC 4180 quoting, UTF-8).

    Dates are ISO 8601, booleans `true`/`false`, missing values empty. Read it back with
    codes as strings, e.g. `pandas.read_csv(path, dtype=str)`, so "010" keeps its zero.
    Returns the number of rows written.

    Raises:
        QueryError: a column is missing or cannot take its type; or the file cannot be written.
    """
    table = events_table(events_df)
    try:
        pyarrow.csv.write_csv(table, _target(path), write_options=pyarrow.csv.WriteOptions(quoting_style="needed"))
    except OSError as exc:
        raise QueryError(f"cannot write {path}: {exc}") from exc
    return table.num_rows
