"""Store: one DuckDB file holding articles, sentences, events, quotes and clusters.

DuckDB allows one writing process per file, so a Store opened for writing is the only
writer; readers elsewhere open with read_only=True. Articles are written whole inside a
transaction (one article by `write`, a batch by `write_many`), so a crash or a kill leaves
whole articles or none. duckdb's errors are
translated here into StoreError / StoreLocked / SchemaMismatch (and Arrow's, from
badly typed row values, into StoreError).
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow

from flashpoint.errors import FlashpointError, SchemaMismatch, StoreError, StoreLocked
from flashpoint.model import CodedArticle
from flashpoint.store import queries
from flashpoint.store.rows import CLUSTER_COLUMNS, EVENT_COLUMNS, ArticleRows, cluster_row, coded_rows

if TYPE_CHECKING:
    import pandas

__all__ = ["SCHEMA_VERSION", "Dedup", "Store", "Written", "migrate", "open_store"]

log = logging.getLogger(__name__)

# analysis.dedup.assign_clusters' shape: (event rows, stored clusters) -> (event_id -> cluster_id, cluster rows)
Dedup = Callable[["pandas.DataFrame", "pandas.DataFrame"], tuple["pandas.Series", "pandas.DataFrame"]]

SCHEMA_VERSION = "1"  # the meta row schema.sql writes
MEMORY = ":memory:"
# DuckDB column types of schema.sql -> Arrow types for the tables written through Arrow.
_ARROW_TYPES = {
    "VARCHAR": pyarrow.string(),
    "INTEGER": pyarrow.int32(),
    "DOUBLE": pyarrow.float64(),
    "BOOLEAN": pyarrow.bool_(),
    "DATE": pyarrow.date32(),
    "TIMESTAMP WITH TIME ZONE": pyarrow.timestamp("us", tz="UTC"),
    "VARCHAR[]": pyarrow.list_(pyarrow.string()),
}

_CLUSTER_ID = EVENT_COLUMNS.index("cluster_id")
if _CLUSTER_ID != len(EVENT_COLUMNS) - 1:  # write_many patches it as the last cell of a row
    raise ImportError("store.rows.EVENT_COLUMNS must end with cluster_id")


def _translate(path: object, exc: duckdb.Error, doing: str) -> StoreError:
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if "lock" in message.lower() and isinstance(exc, duckdb.IOException):
        return StoreLocked(path, f"cannot {doing}: another process is writing to it ({message})")
    return StoreError(path, f"cannot {doing}: {message}")


def migrate(con: duckdb.DuckDBPyConnection, path: object = MEMORY) -> None:
    """Create the tables that are missing (schema.sql is idempotent), then check the version.

    Raises:
        SchemaMismatch: the file says it has another schema version.
    """
    sql = resources.files("flashpoint.store").joinpath("schema.sql").read_text(encoding="utf-8")
    con.execute(sql)
    _check_version(con, path)


def _check_version(con: duckdb.DuckDBPyConnection, path: object) -> None:
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except duckdb.CatalogException:
        row = None
    found = row[0] if row else None
    if found != SCHEMA_VERSION:
        raise SchemaMismatch(path, found, SCHEMA_VERSION)


def open_store(path: str | Path, read_only: bool = False) -> Store:
    """Open (and for writing, create and migrate) the store at `path` (":memory:" for a throwaway).

    Raises:
        StoreLocked: another process holds the file for writing.
        SchemaMismatch: the file has another schema version.
        StoreError: the file is missing (read_only), unreadable or not a DuckDB file.
    """
    name = str(path)
    if name != MEMORY:
        file = Path(path)
        if read_only and not file.is_file():
            raise StoreError(file, "no store here yet (run `flashpoint ingest` first, or pass --db)")
        if not read_only:
            file.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(name, read_only=read_only)
    except duckdb.Error as exc:
        raise _translate(path, exc, "open the store") from exc
    try:
        if read_only:
            _check_version(con, path)
        else:
            migrate(con, path)
    except StoreError:
        con.close()
        raise
    except duckdb.Error as exc:
        con.close()
        raise _translate(path, exc, "create the store tables") from exc
    return Store(con, path, read_only=read_only)


@dataclass
class Written:
    """What one `Store.write_many` did: article ids written and skipped (already stored or
    repeated), and the seconds spent clustering (the rest of the call is the write)."""

    articles: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    dedup_seconds: float = 0.0


class Store:
    """The event store: writes whole coded articles per transaction, reads through named queries."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str | Path = MEMORY, *, read_only: bool = False) -> None:
        self._con = con
        self.path = path
        self.read_only = read_only
        self._schemas: dict[str, pyarrow.Schema] = {}

    # -- lifetime ---------------------------------------------------------------------------
    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The underlying DuckDB connection (for queries.* and ad-hoc SQL in notebooks)."""
        return self._con

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"<Store {self.path} {mode}>"

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        try:
            yield
        except duckdb.Error as exc:
            raise _translate(self.path, exc, doing) from exc
        except pyarrow.ArrowException as exc:  # a row value of the wrong type for its column
            raise StoreError(self.path, f"cannot {doing}: {exc}") from exc

    def _schema(self, table: str) -> pyarrow.Schema:
        """The Arrow schema of a table, in column order (asked once per table and Store)."""
        if table not in self._schemas:
            with self._errors(f"read the {table} columns"):
                types = self._con.execute(
                    "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                    [table],
                ).fetchall()
            self._schemas[table] = pyarrow.schema([(name, _ARROW_TYPES[kind]) for name, kind in types])
        return self._schemas[table]

    # -- writes -----------------------------------------------------------------------------
    def write(
        self,
        coded: CodedArticle,
        cluster_ids: Mapping[str, str] | None = None,
        clusters: Sequence[Mapping[str, Any]] | None = None,
    ) -> bool:
        """Store one article with its sentences, events and quotes in one transaction.

        `cluster_ids` (event_id -> cluster_id) sets the cluster of this article's events and
        re-points earlier events it names; `clusters` (dicts by clusters column) are inserted
        or replaced. Returns False, writing nothing, when the article id is already stored.
        On any error the transaction is rolled back and nothing of the article remains.

        Raises:
            StoreError: DuckDB refused the write (the store is read-only, the disk is full...).
        """
        rows = coded_rows(coded, datetime.now(timezone.utc), cluster_ids)
        own = {row[0] for row in rows.events}
        repointed = [(cid, eid) for eid, cid in (cluster_ids or {}).items() if eid not in own]
        with self._transaction(f"write article {coded.article.id}"):
            if self._stored([coded.article.id]):
                return False
            self._insert([rows], repointed, clusters)
        return True

    def write_many(self, coded: Sequence[CodedArticle], dedup: Dedup | None = None) -> Written:
        """Store several articles in ONE transaction, clustering their events with `dedup`.

        One transaction per batch rather than per article: DuckDB's cost is per statement
        and per commit, not per row, so a batch of 16 articles costs little more than one.
        A crash or kill still leaves whole articles or none (the batch is all or nothing,
        and a re-run codes the lost batch again). Articles already stored, or repeated
        within `coded`, are skipped. `dedup(events, existing_clusters)` is
        analysis.dedup.assign_clusters (passed in: the store knows rows, not clustering);
        it sees the batch's event rows and the stored clusters they could join, read inside
        the transaction. A FlashpointError from it is logged and the batch is stored
        without clusters, since clusters are derived data and the articles are worth keeping.

        Raises:
            StoreError: DuckDB refused the write; nothing of the batch remains.
        """
        written = Written()
        if not coded:
            return written
        with self._transaction(f"write {len(coded)} articles ({coded[0].article.id}...)"):
            stored = self._stored([c.article.id for c in coded])
            now = datetime.now(timezone.utc)
            fresh: dict[str, ArticleRows] = {}
            for item in coded:
                article_id = item.article.id
                if article_id in stored or article_id in fresh:
                    written.skipped.append(article_id)
                else:
                    fresh[article_id] = coded_rows(item, now)
            if not fresh:
                return written
            batch = list(fresh.values())
            repointed: list[tuple[str, str]] = []
            clusters: list[dict[str, Any]] | None = None
            if dedup is not None and any(rows.events for rows in batch):
                tick = time.perf_counter()
                batch, repointed, clusters = self._cluster(batch, dedup)
                written.dedup_seconds = time.perf_counter() - tick
            self._insert(batch, repointed, clusters)
            written.articles = list(fresh)
        return written

    def _cluster(
        self, batch: list[ArticleRows], dedup: Dedup
    ) -> tuple[list[ArticleRows], list[tuple[str, str]], list[dict[str, Any]] | None]:
        """The batch's rows with cluster ids set, stored events to re-point, cluster rows."""
        import pandas

        event_rows = [row for rows in batch for row in rows.events]
        events = pandas.DataFrame(event_rows, columns=list(EVENT_COLUMNS))
        try:
            ids, frame = dedup(events, self._clusters_near(event_rows))
        except FlashpointError as exc:
            log.warning("de-duplication failed, %d articles stored without clusters: %s", len(batch), exc)
            return batch, [], None
        cluster_ids = {str(k): str(v) for k, v in ids.items() if isinstance(v, str)}
        own = {row[0] for row in event_rows}
        repointed = [(cid, eid) for eid, cid in cluster_ids.items() if eid not in own]
        patched = [
            dataclasses.replace(rows, events=[(*row[:_CLUSTER_ID], cluster_ids.get(row[0])) for row in rows.events])
            for rows in batch
        ]
        return patched, repointed, frame.to_dict("records") or None

    def _clusters_near(self, event_rows: Sequence[Sequence[Any]], window_days: int = 1) -> pandas.DataFrame:
        """Stored clusters the asserted events among `event_rows` could join: same
        country-level dyad and root, dates within `window_days` plus a day of slack."""
        import pandas

        column = {name: i for i, name in enumerate(EVENT_COLUMNS)}
        slack = timedelta(days=window_days + 1)
        wanted: dict[str, tuple[date, date]] = {}
        for r in event_rows:
            if r[column["mode"]] != "asserted":
                continue
            # Mentions merge only within one country-level dyad and root ("-" = no such actor);
            # an actor named but unresolved never merges, so it needs no candidates.
            source = r[column["source_code"]][:3] if r[column["source_code"]] else None if r[column["source_text"]] else "-"
            target = r[column["target_code"]][:3] if r[column["target_code"]] else None if r[column["target_text"]] else "-"
            if source is None or target is None:
                continue
            for day in (r[column["event_date"]], r[column["article_date"]]):
                if day is None:
                    continue
                dyad = f"{source}|{target}|{r[column['root']]}"
                low, high = wanted.get(dyad, (day, day))
                wanted[dyad] = (min(low, day), max(high, day))
        if not wanted:
            return pandas.DataFrame(columns=list(CLUSTER_COLUMNS))
        dyads = sorted(wanted)
        return queries.clusters_near(
            self._con,
            dyads=dyads,
            since=[wanted[d][0] - slack for d in dyads],
            until=[wanted[d][1] + slack for d in dyads],
        )

    @contextmanager
    def _transaction(self, doing: str) -> Iterator[None]:
        """BEGIN ... COMMIT, rolled back on any exception (BaseException too: a
        KeyboardInterrupt mid-write must not leave an article half-written)."""
        con = self._con
        with self._errors(doing):
            con.execute("BEGIN TRANSACTION")
            try:
                yield
            except BaseException:
                try:
                    con.execute("ROLLBACK")
                except duckdb.Error:
                    log.warning("rollback failed (%s); DuckDB discards the transaction", doing)
                raise
            con.execute("COMMIT")

    def _stored(self, article_ids: list[str]) -> set[str]:
        found = self._con.execute("SELECT id FROM articles WHERE list_contains(?, id)", [article_ids]).fetchall()
        return {row[0] for row in found}

    def _insert(
        self,
        batch: Sequence[ArticleRows],
        repointed: Sequence[tuple[str, str]],
        clusters: Sequence[Mapping[str, Any]] | None,
    ) -> None:
        """One Arrow insert per table for the whole batch (inside the caller's transaction)."""
        con = self._con
        _insert_arrow(con, "articles", self._schema("articles"), [rows.article for rows in batch])
        _insert_arrow(con, "sentences", self._schema("sentences"), [r for rows in batch for r in rows.sentences])
        _insert_arrow(con, "events", self._schema("events"), [r for rows in batch for r in rows.events])
        _insert_arrow(con, "quotes", self._schema("quotes"), [r for rows in batch for r in rows.quotes])
        if repointed:
            con.executemany("UPDATE events SET cluster_id = ? WHERE event_id = ?", list(repointed))
        if clusters:
            replaced = [cluster_row(c) for c in clusters]
            # delete + insert rather than INSERT OR REPLACE: the Arrow path has no
            # OR REPLACE, and binding 12 values per cluster as parameters is slow.
            con.execute("DELETE FROM clusters WHERE list_contains(?, cluster_id)", [[r[0] for r in replaced]])
            _insert_arrow(con, "clusters", self._schema("clusters"), replaced)

    # -- reads ------------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        with self._errors("read articles"):
            return self._con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def stored_ids(self, article_ids: Iterable[str]) -> set[str]:
        """Those of `article_ids` already stored (one query for a batch)."""
        ids = list(dict.fromkeys(article_ids))
        if not ids:
            return set()
        with self._errors("read articles"):
            return self._stored(ids)

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        with self._errors("count rows"):
            return {
                table: int(self._con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # type: ignore[index]
                for table in ("articles", "sentences", "events", "quotes", "clusters")
            }

    def events(self, **filters: Any) -> pandas.DataFrame:
        """Event mentions as a DataFrame; filters as `queries.events` (source, target, root, mode...)."""
        with self._errors("read events"):
            return queries.events(self._con, **filters)

    def quotes(self, speaker: str | None = None, **filters: Any) -> pandas.DataFrame:
        with self._errors("read quotes"):
            return queries.quotes(self._con, speaker, **filters)

    def articles(self, **options: Any) -> pandas.DataFrame:
        with self._errors("read articles"):
            return queries.articles(self._con, **options)

    def trend(
        self,
        source: str,
        target: str | None = None,
        freq: str = "week",
        *,
        since: date | str | None = None,
        until: date | str | None = None,
    ) -> pandas.DataFrame:
        """Asserted events of a dyad per period (see `queries.trend_counts`)."""
        with self._errors("read events"):
            return queries.trend_counts(self._con, source=source, target=target, freq=freq, since=since, until=until)


def _insert_arrow(con: duckdb.DuckDBPyConnection, table: str, schema: pyarrow.Schema, rows: Sequence[Sequence[Any]]) -> None:
    """Insert many rows through one Arrow table: DuckDB scans it without binding each value
    as a parameter (3-4 times faster than VALUES for an article's 40 sentences or 15 events)."""
    if not rows:
        return
    columns = list(zip(*rows))
    batch = pyarrow.Table.from_arrays(
        [pyarrow.array(values, type=field.type) for values, field in zip(columns, schema)], schema=schema
    )
    # The relational API skips SQL parsing and register/unregister (each ~1.5 ms in duckdb 2.0).
    con.from_arrow(batch).insert_into(table)
