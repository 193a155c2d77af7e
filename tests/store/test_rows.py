"""rows: model objects <-> table rows, in schema column order."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timezone

from _articles import coded, event

from flashpoint.model import Actor, DatePrecision
from flashpoint.store import open_store
from flashpoint.store.rows import ARTICLE_COLUMNS, CLUSTER_COLUMNS, EVENT_COLUMNS, QUOTE_COLUMNS, SENTENCE_COLUMNS, cluster_row, coded_rows, event_from_row


def test_rows_columns_match_schema():
    with open_store(":memory:") as store:
        for table, columns in [("articles", ARTICLE_COLUMNS), ("sentences", SENTENCE_COLUMNS), ("events", EVENT_COLUMNS),
                               ("quotes", QUOTE_COLUMNS), ("clusters", CLUSTER_COLUMNS)]:  # fmt: skip
            names = [r[0] for r in store.con.execute(f"DESCRIBE {table}").fetchall()]
            assert tuple(names) == columns


def test_rows_event_round_trip():
    original = dataclasses.replace(
        event("a1"), speaker=Actor("Lavrov", "RUSGOV"), date_precision=DatePrecision.DAY, confidence=0.7
    )
    row = dict(zip(EVENT_COLUMNS, coded_rows(dataclasses.replace(coded("a1"), events=[original]), datetime.now(timezone.utc)).events[0]))
    back = event_from_row(row)
    assert back.event_id == original.event_id
    assert back.to_dict() == original.to_dict()


def test_rows_cluster_row_normalises_missing_values():
    row = cluster_row({"cluster_id": "c1", "n_mentions": float("nan"), "sources": ("a", 2), "event_date": date(2022, 1, 1)})
    assert row[:1] == ("c1",)
    assert dict(zip(CLUSTER_COLUMNS, row))["n_mentions"] is None
    assert dict(zip(CLUSTER_COLUMNS, row))["sources"] == ["a", "2"]
    assert dict(zip(CLUSTER_COLUMNS, row))["place"] is None
