"""Exports of stored events: Parquet, CSV, the GDELT 2.0 event table layout, PLOVER JSON.

Every writer takes a pandas DataFrame with the `events` table's columns (as the store's
queries return it) and a path, writes the file and returns the number of records written.

    to_parquet(events_df, path)                 all columns, the table's types
    to_csv(events_df, path)                     all columns, ISO dates
    to_gdelt(events_df, path, clusters=None)    61 tab-separated GDELT columns, asserted only
    to_plover(events_df, path)                  one PLOVER JSON object per line, asserted only

`WRITERS` maps the CLI's `--format` names to these functions.
"""

from __future__ import annotations

from collections.abc import Callable

from flashpoint.export.columns import EVENT_COLUMNS
from flashpoint.export.gdelt import GDELT_COLUMNS, to_gdelt
from flashpoint.export.plover import to_plover
from flashpoint.export.tables import to_csv, to_parquet

__all__ = ["EVENT_COLUMNS", "GDELT_COLUMNS", "WRITERS", "to_csv", "to_gdelt", "to_parquet", "to_plover"]

WRITERS: dict[str, Callable[..., int]] = {
    "csv": to_csv,
    "gdelt": to_gdelt,
    "parquet": to_parquet,
    "plover": to_plover,
}

