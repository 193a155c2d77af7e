"""Backend: what one running app owns: the store, its reader cursors, the write path, the
coder and the response cache.

The server process is the store's only writer (DuckDB allows one per file). Reads borrow
one of a fixed set of cursors of the same database; every write runs on one writer
thread, one article per transaction, so writes never interleave. Each write bumps
`generation`, which is part of every cache key: a cached response never outlives the data
it was computed from.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
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

__all__ = ["Backend", "get_backend"]

log = logging.getLogger(__name__)
T = TypeVar("T")
# A reader waiting longer than this for a cursor is told the server is busy.
_READER_WAIT_SECONDS = 30.0


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
        self._cache: OrderedDict[Hashable, bytes] = OrderedDict()
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

    async def cached(self, key: Hashable, compute: Callable[[], bytes]) -> bytes:
        """The response body for `key` at the current generation: from the cache, from a
        computation already running for it, or computed now in a worker thread."""
        full = (self.generation, key)
        with self._cache_lock:
            body = self._cache.get(full)
            if body is not None:
                self._cache.move_to_end(full)
                return body
        running = self._inflight.get(full)
        if running is not None:
            # Many clients asking the same thing right after a write wait for one query.
            return await asyncio.shield(running)
        future: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        self._inflight[full] = future
        try:
            body = await run_in_threadpool(compute)
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: no "never retrieved" warning when nobody else waited
            raise
        finally:
            del self._inflight[full]
        future.set_result(body)
        with self._cache_lock:
            self._cache[full] = body
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
        try:
            return store_coded([coded], self.settings, store=self.store)
        finally:
            # Bumped even after a failed write: a half-done transaction is rolled back, but
            # bumping costs one cache miss and never leaves a stale answer.
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
