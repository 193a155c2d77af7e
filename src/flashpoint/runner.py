"""Use cases over the layers below: build a Coder from Settings, code inputs end to end,
and run inputs into the event store (read -> skip stored -> code -> store -> RunReport)."""

from __future__ import annotations

import datetime
import functools
import itertools
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flashpoint.coding.coder import Coder
from flashpoint.config import Settings
from flashpoint.errors import FlashpointError, IngestError
from flashpoint.ingest import read
from flashpoint.model import Article, CodedArticle
from flashpoint.nlp.pipeline import load_nlp
from flashpoint.resources import load_resources
from flashpoint.store import Store, open_store

__all__ = ["RunReport", "get_coder", "load", "run", "store_coded"]

log = logging.getLogger(__name__)


@functools.cache
def get_coder(settings: Settings) -> Coder:
    """One Coder per process and configuration (the spaCy pipeline is loaded once)."""
    resources = load_resources(settings.data_dir, settings.actors_file)
    return Coder(load_nlp(settings.spacy_model), resources, settings)


def load(settings: Settings | None = None) -> Coder:
    """The coder for `settings` (default: FLASHPOINT_* environment variables), like spacy.load.

    Raises:
        ModelNotInstalled: the configured spaCy pipeline is not installed.
        DataError: a packaged or override data file is malformed.
    """
    return get_coder(settings if settings is not None else Settings.from_env())


@dataclass
class RunReport:
    """What one `run` did. `failed` holds (source or article id, reason) pairs.

    Times are wall-clock seconds: `nlp_seconds` inside the coder, `store_seconds` in
    store writes, `dedup_seconds` in cross-article de-duplication; the rest of `seconds`
    is reading inputs and bookkeeping.
    """

    read: int = 0
    new: int = 0
    skipped_duplicate: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    events: int = 0
    seconds: float = 0.0
    nlp_seconds: float = 0.0
    store_seconds: float = 0.0
    dedup_seconds: float = 0.0
    deduplicated: bool = False

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        """One line: read, new, skipped as duplicate, failed, events, time."""
        rate = self.new / self.seconds if self.seconds > 0 else 0.0
        return (
            f"read {self.read}, new {self.new}, skipped as duplicate {self.skipped_duplicate}, "
            f"failed {len(self.failed)}; {self.events} events; {self.seconds:.1f} s ({rate:.1f} articles/s)"
        )


ErrorCallback = Callable[[str, str], None]
ProgressCallback = Callable[[RunReport], None]


def run(
    sources: Sequence[str | Path],
    settings: Settings,
    *,
    on_error: ErrorCallback | None = None,
    progress: ProgressCallback | None = None,
    date: datetime.date | None = None,
    format: str | None = None,
    store: Store | None = None,
    allow_private: bool = False,
) -> RunReport:
    """Read `sources`, code the articles not stored yet, and store each in its own transaction.

    An article whose id is already in the store (or seen earlier in this run) is skipped
    before parsing, so running twice over the same inputs adds nothing. A bad input or an
    article the coder fails on is recorded in `RunReport.failed` (and passed to `on_error`
    as it happens) and the run goes on; a failed article is not stored, so a later run
    retries it. `progress` is called after every stored or skipped article. `date` is the
    published date of inputs that give none. When flashpoint.analysis.dedup is installed
    each article's events are clustered with earlier reports of the same event before
    they are written. `store` is written to (and left open) instead of settings.db_path.

    Raises:
        StoreError: the store cannot be opened or written (StoreLocked: another writer).
        ModelNotInstalled, DataError: the coder cannot be loaded (only when there is new work).
    """
    started = time.perf_counter()
    report = RunReport()
    own_store = store is None
    target = store if store is not None else open_store(settings.db_path)
    dedup = _dedup_function()
    report.deduplicated = dedup is not None

    def fail(source: str, reason: str) -> None:
        report.failed.append((source, reason))
        if on_error is not None:
            on_error(source, reason)

    def read_all() -> Iterator[Article]:
        for source in sources:
            try:
                for article in read(source, format=format, date=date, on_error=lambda e: fail(e.source, e.reason), allow_private=allow_private):
                    report.read += 1
                    yield article
            except IngestError as exc:
                fail(exc.source, exc.reason)

    try:
        seen: set[str] = set()
        coder: Coder | None = None
        articles = read_all()
        while batch := list(itertools.islice(articles, settings.batch_size)):
            stored = target.stored_ids(a.id for a in batch)
            fresh: list[Article] = []
            for article in batch:
                if article.id in stored or article.id in seen:
                    report.skipped_duplicate += 1
                    if progress is not None:
                        progress(report)
                    continue
                seen.add(article.id)
                fresh.append(article)
            if not fresh:
                continue
            if coder is None:
                coder = get_coder(settings)  # only now: a re-run with nothing new loads no model
            coded_stream = coder.pipe(fresh)
            while True:
                tick = time.perf_counter()
                coded = next(coded_stream, None)
                report.nlp_seconds += time.perf_counter() - tick
                if coded is None:
                    break
                _store_one(target, coded, dedup, report, fail)
                if progress is not None:
                    progress(report)
    finally:
        if own_store:
            target.close()
        report.seconds = time.perf_counter() - started
    return report


def store_coded(
    coded: Iterable[CodedArticle],
    settings: Settings,
    *,
    store: Store | None = None,
    progress: ProgressCallback | None = None,
    on_error: ErrorCallback | None = None,
) -> RunReport:
    """Store articles coded elsewhere (a worker process, a server) as `run` stores them:
    one transaction each, clustered with earlier reports when analysis.dedup is there,
    an id already stored skipped as a duplicate, a coding failure recorded and not stored.
    `store` is written to (and left open) instead of settings.db_path.

    Raises:
        StoreError: the store cannot be opened or written (StoreLocked: another writer).
    """
    started = time.perf_counter()
    report = RunReport()
    own_store = store is None
    target = store if store is not None else open_store(settings.db_path)
    dedup = _dedup_function()
    report.deduplicated = dedup is not None

    def fail(source: str, reason: str) -> None:
        report.failed.append((source, reason))
        if on_error is not None:
            on_error(source, reason)

    try:
        for item in coded:
            report.read += 1
            _store_one(target, item, dedup, report, fail)
            if progress is not None:
                progress(report)
    finally:
        if own_store:
            target.close()
        report.seconds = time.perf_counter() - started
    return report


def _store_one(
    store: Store,
    coded: CodedArticle,
    dedup: Callable[..., Any] | None,
    report: RunReport,
    fail: ErrorCallback,
) -> None:
    if coded.failures:
        first = coded.failures[0]
        fail(coded.article.id, f"coding failed: {first.error}: {first.message}")
        return
    cluster_ids: dict[str, str] | None = None
    clusters: list[dict[str, Any]] | None = None
    if dedup is not None and coded.events:
        tick = time.perf_counter()
        events, existing = store.dedup_inputs(coded)
        try:
            ids, frame = dedup(events, existing)
        except FlashpointError as exc:
            # Clustering is derived data: the article is still worth storing without it.
            log.warning("article %s: de-duplication failed, stored without clusters: %s", coded.article.id, exc)
        else:
            cluster_ids = {str(k): str(v) for k, v in ids.items() if isinstance(v, str)}
            clusters = frame.to_dict("records") or None
        report.dedup_seconds += time.perf_counter() - tick
    tick = time.perf_counter()
    written = store.write(coded, cluster_ids, clusters)
    report.store_seconds += time.perf_counter() - tick
    if written:
        report.new += 1
        report.events += len(coded.events)
        log.info("stored article %s (%d events)", coded.article.id, len(coded.events))
    else:
        report.skipped_duplicate += 1


def _dedup_function() -> Callable[..., Any] | None:
    """analysis.dedup.assign_clusters when that module is installed, else None (no clustering)."""
    try:
        from flashpoint.analysis.dedup import assign_clusters
    except ImportError:
        log.info("flashpoint.analysis.dedup not available: events are stored without clusters")
        return None
    return assign_clusters  # type: ignore[no-any-return]

