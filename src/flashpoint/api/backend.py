"""Backend: what one running app owns: the store, its reader cursors, the write path, the
coder and the response cache.

The server process is the store's only writer (DuckDB allows one per file). Reads borrow
one of a fixed set of cursors of the same database; every write runs on one writer
thread, one article per transaction, so writes never interleave.

Each write bumps `generation`. A cached response is served only at the generation it was
computed at, unless it has a Scope (the actor prefixes and root it filters on) and none of
the events written since could change it: a write about Venezuela and Guyana leaves the
cached Russia -> Ukraine trend valid. Scopes compare actors at country level (three
letters), because storing an article can re-point the clusters of earlier events of the
same country-level dyad and root.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from collections import OrderedDict
from collections import deque
from collections.abc import Callable, Hashable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from flashpoint.api.errors import Busy
from flashpoint.api.options import ServerOptions
from flashpoint.api.worker import Coding
from flashpoint.config import Settings
from flashpoint.errors import IngestError, StoreError
from flashpoint.model import Article, CodedArticle
from flashpoint.runner import RunReport, store_coded
from flashpoint.store import Store

__all__ = ["Backend", "Scope", "get_backend"]

log = logging.getLogger(__name__)
T = TypeVar("T")
# A reader waiting longer than this for a cursor is told the server is busy.
_READER_WAIT_SECONDS = 30.0
# Writes remembered for revalidating scoped cache entries; an older entry is recomputed.
_WRITE_LOG = 256


@dataclass(frozen=True, slots=True)
class Scope:
    """What a cached response depends on: events whose source and target codes start with
    these prefixes (None: any, including none) and, if given, of this CAMEO root."""

    source: str | None = None
    target: str | None = None
    root: str | None = None

    def touched_by(self, source: str | None, target: str | None, root: str) -> bool:
        """Whether a written event (or an earlier event of its country-level dyad and root,
        whose cluster the write may re-point) could appear in a response of this scope."""
        return _touches(self.source, source) and _touches(self.target, target) and (self.root is None or self.root == root)


def _touches(prefix: str | None, code: str | None) -> bool:
    if not prefix:
        return True
    if code is None:
        return False
    # Country level: "RUSGOV" is touched by any RUS* event, "R" by any R* event.
    return code[:3].upper().startswith(prefix[:3].upper()) or prefix[:3].upper().startswith(code[:3].upper())


@dataclass(slots=True)
class _Entry:
    generation: int
    body: bytes
    scope: Scope | None


class Backend:
    """The store, readers, writer, coder and cache of one app (built in its lifespan)."""

    def __init__(self, settings: Settings, options: ServerOptions, store: Store, coding: Coding) -> None:
        self.settings = settings
        self.options = options
        self.store = store
        self.coding = coding
        self.generation = 0
        self._readers: queue.Queue[Store] = queue.Queue()
        self._all_readers = [store.cursor() for _ in range(max(1, options.read_connections))]
        for reader in self._all_readers:
            self._readers.put(reader)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="flashpoint-writer")
        self._cache: OrderedDict[Hashable, _Entry] = OrderedDict()
        # (generation after the write, its events' (source code, target code, root)).
        self._writes: deque[tuple[int, list[tuple[str | None, str | None, str]]]] = deque(maxlen=_WRITE_LOG)
        self._cache_lock = threading.Lock()
        self._inflight: dict[Hashable, asyncio.Future[bytes]] = {}
        self._coding_waiting = 0

    # -- reads ------------------------------------------------------------------------------
    @contextmanager
    def reader(self) -> Iterator[Store]:
        """Borrow a reader cursor for one request (blocks while all are in use)."""
        try:
            reader = self._readers.get(timeout=_READER_WAIT_SECONDS)
        except queue.Empty:
            raise Busy(f"no free store reader after {_READER_WAIT_SECONDS:.0f} s; retry") from None
        try:
            yield reader
        finally:
            self._readers.put(reader)

    def read(self, query: Callable[[Store], T]) -> T:
        """`query(reader)` on a borrowed cursor (call from a worker thread, not the event loop)."""
        with self.reader() as reader:
            return query(reader)

    def _fresh(self, entry: _Entry, generation: int) -> bool:
        """Whether a cached entry still answers at `generation` (see the module docstring)."""
        if entry.generation == generation:
            return True
        if entry.scope is None or not self._writes or self._writes[0][0] > entry.generation + 1:
            return False  # unscoped, or writes since then were forgotten
        for written_at, events in list(self._writes):
            if entry.generation < written_at <= generation and any(entry.scope.touched_by(*e) for e in events):
                return False
        return True

    async def cached(self, key: Hashable, compute: Callable[[], bytes], scope: Scope | None = None) -> bytes:
        """The response body for `key`: from the cache while no write since could have
        changed it, from a computation already running for it, or computed now in a thread.
        `scope` None means any write invalidates it."""
        generation = self.generation
        with self._cache_lock:
            entry = self._cache.get(key)
            if entry is not None and self._fresh(entry, generation):
                entry.generation = generation
                self._cache.move_to_end(key)
                return entry.body
        running = self._inflight.get((generation, key))
        if running is not None:
            # Many clients asking the same thing right after a write wait for one query.
            return await asyncio.shield(running)
        future: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        self._inflight[(generation, key)] = future
        try:
            body = await run_in_threadpool(compute)
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: no "never retrieved" warning when nobody else waited
            raise
        finally:
            del self._inflight[(generation, key)]
        future.set_result(body)
        with self._cache_lock:
            # Computed after `generation` was read: valid at least for it (a write that
            # lands during the query bumps past it, so the entry is checked again).
            self._cache[key] = _Entry(generation, body, scope)
            self._cache.move_to_end(key)
            while len(self._cache) > self.options.cache_entries:
                self._cache.popitem(last=False)
        return body

    # -- coding and writes ------------------------------------------------------------------
    async def code(self, article: Article) -> CodedArticle:
        """Code an article in the coder (at most `coding_queue` waiting; beyond that, Busy).

        Raises:
            Busy: too many articles are already waiting.
            IngestError: the coder failed on this article.
        """
        if self._coding_waiting >= self.options.coding_queue:
            raise Busy(f"{self._coding_waiting} articles are waiting for the coder; retry later")
        self._coding_waiting += 1
        try:
            coded = await self.coding.code(article)
        finally:
            self._coding_waiting -= 1
        if coded.failures:
            first = coded.failures[0]
            raise IngestError(article.id, f"coding failed: {first.error}: {first.message}")
        return coded

    async def write(self, coded: CodedArticle) -> RunReport:
        """Store a coded article (de-duplicated against stored clusters) on the writer thread.

        Raises:
            IngestError: the article could not be stored as coded.
            StoreError: DuckDB refused the write.
        """
        report = await asyncio.get_running_loop().run_in_executor(self._writer, self._write, coded)
        if report.failed:
            source, reason = report.failed[0]
            raise IngestError(source, reason)
        return report

    def _write(self, coded: CodedArticle) -> RunReport:
        events = [(e.source.code if e.source else None, e.target.code if e.target else None, e.root) for e in coded.events]
        try:
            return store_coded([coded], self.settings, store=self.store)
        finally:
            # Logged and bumped even after a failed write: a half-done transaction is rolled
            # back, and a needless bump only costs cache misses, never a stale answer.
            with self._cache_lock:
                self._writes.append((self.generation + 1, events))
                self.generation += 1

    # -- lifetime ---------------------------------------------------------------------------
    def close(self) -> None:
        """Stop the writer (letting a running write finish) and the coder; close the cursors."""
        self._writer.shutdown(wait=True)
        self.coding.close()
        for reader in self._all_readers:
            try:
                reader.close()
            except StoreError:
                log.warning("could not close a reader cursor of %s", self.store.path)


def get_backend(request: Request) -> Backend:
    """The running app's Backend (a FastAPI dependency)."""
    backend = getattr(request.app.state, "backend", None)
    if backend is None:
        raise StoreError(request.app.state.db_path, "the store is not open (the app is starting or stopping)")
    assert isinstance(backend, Backend)
    return backend
