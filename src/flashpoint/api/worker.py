"""Coding off the server's threads: the spaCy coder in one worker process, or in-process for tests.

Coding an article takes a fifth of a second of CPU under the GIL; done in the server
process it would stall every reader. ProcessCoding keeps one worker process (started with
"spawn": the server has DuckDB and threads open, which a fork would copy) that loads the
coder once through runner.get_coder and returns CodedArticle values, which pickle.
InlineCoding runs a given coder in a thread: for tests and for embedding with a fake coder.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Protocol

from flashpoint.config import Settings
from flashpoint.errors import FlashpointError
from flashpoint.model import Article, CodedArticle
from flashpoint.runner import get_coder

__all__ = ["Coding", "InlineCoding", "ProcessCoding", "code_article"]

log = logging.getLogger(__name__)


class Coding(Protocol):
    """Something that codes one article without blocking the event loop."""

    async def code(self, article: Article) -> CodedArticle: ...

    def start(self) -> None: ...

    def close(self) -> None: ...


class _CoderLike(Protocol):
    def pipe(self, articles: list[Article], *, on_error: str = ...) -> object: ...


def code_article(settings: Settings, article: Article) -> CodedArticle:
    """Code one article with this process's coder (loaded on first use). Failures are
    recorded in CodedArticle.failures, as in a batch run."""
    return next(iter(get_coder(settings).pipe([article], on_error="record")))


def _load(settings: Settings) -> None:
    get_coder(settings)


class ProcessCoding:
    """One worker process that loads the coder at start; a dead worker is replaced."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                    initializer=_load, initargs=(self.settings,),
                )  # fmt: skip
            return self._pool

    def start(self) -> None:
        """Start the worker and load the model now, so the first request does not wait for it."""
        self._executor().submit(int)

    async def code(self, article: Article) -> CodedArticle:
        pool = self._executor()
        try:
            return await asyncio.get_running_loop().run_in_executor(pool, code_article, self.settings, article)
        except BrokenProcessPool as exc:
            with self._lock:
                if self._pool is pool:
                    self._pool = None  # the next article starts a new worker
            raise FlashpointError(f"the coding worker died while coding article {article.id}; retry") from exc

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


class InlineCoding:
    """A given coder (anything with Coder.pipe) run in one thread of this process."""

    def __init__(self, coder: _CoderLike) -> None:
        self.coder = coder
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="flashpoint-coder")

    def start(self) -> None:
        pass

    def _code(self, article: Article) -> CodedArticle:
        result = next(iter(self.coder.pipe([article], on_error="record")))  # type: ignore[call-overload]
        assert isinstance(result, CodedArticle)
        return result

    async def code(self, article: Article) -> CodedArticle:
        return await asyncio.get_running_loop().run_in_executor(self._thread, self._code, article)

    def close(self) -> None:
        self._thread.shutdown(wait=True, cancel_futures=True)
