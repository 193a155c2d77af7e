"""Batch output as Parquet: the store's tables, one file per shard and partition, and back.

Layout under the output folder (hive partitioning, which DuckDB, Spark, pandas and pyarrow
read as a `month` column):

    articles/month=2022-02/part-<shard>.parquet      store columns of `articles`
    sentences/month=2022-02/part-<shard>.parquet     ... `sentences`
    events/month=2022-02/part-<shard>.parquet        ... `events` (export.columns.EVENT_SCHEMA)
    quotes/month=2022-02/part-<shard>.parquet        ... `quotes`

The month is the article's published month (`month=unknown` when undated); with
partition_by="none" the files sit directly in each table's folder. Rows come from
store/rows.py, so Parquet, the store and exports share their columns. Each file is written
to a hidden temporary name and renamed into place, so a reader never sees half a file.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pyarrow
import pyarrow.parquet

from flashpoint.errors import StoreError
from flashpoint.export.columns import EVENT_SCHEMA
from flashpoint.model import CodedArticle
from flashpoint.store.rows import (
    ARTICLE_COLUMNS,
    QUOTE_COLUMNS,
    SENTENCE_COLUMNS,
    article_from_row,
    coded_rows,
    event_from_row,
    quote_from_row,
    sentence_from_row,
)

__all__ = ["PARTITIONS", "SCHEMAS", "TABLES", "read_coded", "shard_files", "write_shard"]

PARTITIONS = ("month", "none")
_TYPES = {
    "published": pyarrow.date32(),
    "ingested_at": pyarrow.timestamp("us", tz="UTC"),
    "sentence_index": pyarrow.int32(),
    "start_char": pyarrow.int32(),
    "end_char": pyarrow.int32(),
}


def _schema(columns: Sequence[str]) -> pyarrow.Schema:
    return pyarrow.schema([(name, _TYPES.get(name, pyarrow.string())) for name in columns])


SCHEMAS: dict[str, pyarrow.Schema] = {
    "articles": _schema(ARTICLE_COLUMNS),
    "sentences": _schema(SENTENCE_COLUMNS),
    "events": EVENT_SCHEMA,
    "quotes": _schema(QUOTE_COLUMNS),
}
TABLES = tuple(SCHEMAS)


def _part(shard_id: str) -> str:
    return f"part-{shard_id}.parquet"


def shard_files(out: Path, shard_id: str) -> list[Path]:
    """Every file a shard has written under `out`, in any partition."""
    name = _part(shard_id)
    return sorted(p for table in TABLES for p in (out / table).rglob(name))


def write_shard(out: Path, shard_id: str, coded: Iterable[CodedArticle], partition_by: str = "month") -> list[str]:
    """Write the rows of `coded` as this shard's files and return their paths relative to
    `out`; files the shard wrote before that are not rewritten now are removed.

    Raises:
        StoreError: a file cannot be written.
    """
    now = datetime.now(timezone.utc)
    rows: dict[tuple[str, str], list[tuple[Any, ...]]] = {}
    for item in coded:
        published = item.article.published
        month = published.strftime("%Y-%m") if published else "unknown"
        article_rows = coded_rows(item, now)
        rows.setdefault(("articles", month), []).append(article_rows.article)
        for table, table_rows in (
            ("sentences", article_rows.sentences), ("events", article_rows.events), ("quotes", article_rows.quotes)
        ):  # fmt: skip
            rows.setdefault((table, month), []).extend(table_rows)
    written: list[str] = []
    try:
        for (table, month), table_rows in sorted(rows.items()):
            folder = out / table / f"month={month}" if partition_by == "month" else out / table
            folder.mkdir(parents=True, exist_ok=True)
            schema = SCHEMAS[table]
            columns = list(zip(*table_rows)) if table_rows else [[] for _ in schema]
            arrow = pyarrow.Table.from_arrays(
                [pyarrow.array(list(values), type=field.type) for values, field in zip(columns, schema, strict=True)],
                schema=schema,
            )
            final = folder / _part(shard_id)
            # Hidden name: Parquet readers skip files starting with "." while it is written.
            temporary = folder / f".{final.name}.{uuid.uuid4().hex}.tmp"
            pyarrow.parquet.write_table(arrow, temporary)
            os.replace(temporary, final)
            written.append(final.relative_to(out).as_posix())
        for stale in shard_files(out, shard_id):
            if stale.relative_to(out).as_posix() not in written:
                stale.unlink()
    except (OSError, pyarrow.ArrowException) as exc:
        raise StoreError(out, f"cannot write shard {shard_id}: {exc}") from exc
    return written


def _read(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    return pyarrow.parquet.read_table(path).to_pylist()  # type: ignore[no-any-return]


def read_coded(out: Path) -> Iterator[CodedArticle]:
    """The coded articles of a batch output folder, one articles file at a time (memory stays
    that of one shard). A `month` partition column is not part of the articles.

    Raises:
        StoreError: a file cannot be read.
    """
    folder = out / "articles"
    if not folder.is_dir():
        raise StoreError(out, "no articles/ folder: not a flashpoint batch output")
    for articles_file in sorted(p for p in folder.rglob("part-*.parquet")):
        relative = articles_file.relative_to(folder)
        try:
            sentences, events, quotes = ({} for _ in range(3))  # type: ignore[var-annotated]
            for table, target in (("sentences", sentences), ("events", events), ("quotes", quotes)):
                for row in _read(out / table / relative):
                    target.setdefault(row["article_id"], []).append(row)
            for row in _read(articles_file):
                article_id = row["id"]
                yield CodedArticle(
                    article_from_row(row),
                    [sentence_from_row(r) for r in sentences.get(article_id, [])],
                    [event_from_row(r) for r in events.get(article_id, [])],
                    [quote_from_row(r) for r in quotes.get(article_id, [])],
                )
        except (OSError, pyarrow.ArrowException) as exc:
            raise StoreError(articles_file, f"cannot read batch output: {exc}") from exc
