"""The event store: a DuckDB file with articles, sentences, events, quotes and clusters.

    store = open_store("flashpoint.duckdb")        # created and migrated on first open
    store.write(coded)                              # one article, one transaction
    store.write_many(batch, dedup)                  # many whole articles, one transaction
    store.events(source="RUS", target="UKR")        # pandas DataFrame
"""

from __future__ import annotations

from flashpoint.store.db import SCHEMA_VERSION, Store, migrate, open_store

__all__ = ["SCHEMA_VERSION", "Store", "migrate", "open_store"]
