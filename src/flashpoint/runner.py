"""Use cases over the layers below: build a Coder from Settings, code inputs end to end,
and run inputs into the event store (read -> skip stored -> code -> store -> RunReport)."""

from __future__ import annotations

import contextlib
import datetime
import functools
import itertools
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from flashpoint.coding.coder import Coder
from flashpoint.config import Settings
from flashpoint.errors import ConfigError, IngestError, StoreError
from flashpoint.ingest import read
from flashpoint.model import Actor, Article, CodedArticle, Event
from flashpoint.nlp.pipeline import load_nlp
from flashpoint.resources import load_resources
from flashpoint.store import Store, open_store
from flashpoint.store.db import Dedup

__all__ = ["RunReport", "distinct_events", "get_coder", "load", "run", "store_coded"]

log = logging.getLogger(__name__)


@functools.cache
def get_coder(settings: Settings) -> Coder:
    """One Coder per process and configuration (the spaCy pipeline is loaded once).

    Raises:
        ConfigError: Settings.max_text_chars is above the pipeline's max_length, so a text
            that passes ingest's cap could still fail in spaCy.
    """
    resources = load_resources(settings.data_dir, settings.actors_file)
    nlp = load_nlp(settings.spacy_model)
    if settings.max_text_chars > nlp.max_length:
        raise ConfigError(
            f"FLASHPOINT_MAX_TEXT_CHARS={settings.max_text_chars} is above the spaCy pipeline's "
            f"max_length ({nlp.max_length}); use at most {nlp.max_length}"
        )
    return Coder(nlp, resources, settings)


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
    """Read `sources`, code the articles not stored yet, and store them (see `_Writer`).

    An article whose id is already in the store (or seen earlier in this run) is skipped
    before parsing, so running twice over the same inputs adds nothing. A bad input or an
    article the coder fails on is recorded in `RunReport.failed` (and passed to `on_error`
    as it happens) and the run goes on; a failed article is not stored, so a later run
    retries it. Articles are written in transactions of whole articles, a few dozen at a
    time, so a kill loses at most the batch being coded. `progress` is called after every
    stored or skipped article. `date` is the published date of inputs that give none. When
    flashpoint.analysis.dedup is installed, events are clustered with earlier reports of
    the same event as they are written. `store` is written to (and left open) instead of
    settings.db_path.

    Raises:
        StoreError: the store cannot be opened or written (StoreLocked: another writer).
        ModelNotInstalled, DataError: the coder cannot be loaded (only when there is new work).
    """
    started = time.perf_counter()
    report = RunReport()
    fail = _recorder(report, on_error)

    def read_all() -> Iterator[Article]:
        for source in sources:
            try:
                articles = read(
                    source, format=format, date=date, on_error=lambda e: fail(e.source, e.reason),
                    allow_private=allow_private, max_chars=settings.max_text_chars,
                )  # fmt: skip
                for article in articles:
                    report.read += 1
                    yield article
            except IngestError as exc:
                fail(exc.source, exc.reason)

    try:
        with _opened(settings, store) as target:
            writer = _Writer(target, report, fail, progress)
            try:
                _code_into(writer, read_all(), target, settings, report, progress)
            except KeyboardInterrupt:
                writer.flush()  # Ctrl-C (watch, a long ingest): keep what is already coded
                raise
            writer.flush()
    finally:
        report.seconds = time.perf_counter() - started
    return report


def _code_into(
    writer: _Writer,
    articles: Iterator[Article],
    store: Store,
    settings: Settings,
    report: RunReport,
    progress: ProgressCallback | None,
) -> None:
    """Code the articles not stored yet, batch by batch, and hand them to `writer`."""
    seen: set[str] = set()
    coder: Coder | None = None
    while batch := list(itertools.islice(articles, settings.batch_size)):
        stored = store.stored_ids(a.id for a in batch)
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
            writer.add(coded)


def store_coded(
    coded: Iterable[CodedArticle],
    settings: Settings,
    *,
    store: Store | None = None,
    on_error: ErrorCallback | None = None,
    progress: ProgressCallback | None = None,
) -> RunReport:
    """Store already coded articles (batch output, a server's coder) with de-duplication.

    Like `run` after the coder: articles already stored are skipped, articles with coding
    failures are reported and not stored, and writes are batched in transactions of whole
    articles. `store` is written to (and left open) instead of settings.db_path.

    Raises:
        StoreError: the store cannot be opened or written (StoreLocked: another writer).
    """
    started = time.perf_counter()
    report = RunReport()
    try:
        with _opened(settings, store) as target:
            writer = _Writer(target, report, _recorder(report, on_error), progress)
            for item in coded:
                report.read += 1
                writer.add(item)
            writer.flush()
    finally:
        report.seconds = time.perf_counter() - started
    return report


@contextlib.contextmanager
def _opened(settings: Settings, store: Store | None) -> Iterator[Store]:
    """`store` as given (left open), or the store at settings.db_path (closed after)."""
    if store is not None:
        yield store
        return
    with open_store(settings.db_path) as own:
        yield own


def _recorder(report: RunReport, on_error: ErrorCallback | None) -> ErrorCallback:
    """Records a failure in the report and passes it on to `on_error` as it happens."""

    def fail(source: str, reason: str) -> None:
        report.failed.append((source, reason))
        if on_error is not None:
            on_error(source, reason)

    return fail


# A write transaction costs DuckDB a few ms whatever its size, so articles are written in
# batches; the time bound keeps the progress line, `watch` and a kill's loss (at most the
# unwritten batch, coded again by the next run) small when articles come slowly.
WRITE_EVERY_ARTICLES = 32
WRITE_EVERY_SECONDS = 2.0


class _Writer:
    """Buffers coded articles and writes them with `Store.write_many`, updating the report."""

    def __init__(self, store: Store, report: RunReport, fail: ErrorCallback, progress: ProgressCallback | None) -> None:
        self.store, self.report, self.fail, self.progress = store, report, fail, progress
        self.dedup = _dedup_function()
        report.deduplicated = self.dedup is not None
        self.pending: list[CodedArticle] = []
        self.since = time.perf_counter()

    def add(self, coded: CodedArticle) -> None:
        if coded.failures:
            first = coded.failures[0]
            self.fail(coded.article.id, f"coding failed: {first.error}: {first.message}")
            self._progress()
            return
        if not self.pending:
            self.since = time.perf_counter()
        self.pending.append(distinct_events(coded))
        if len(self.pending) >= WRITE_EVERY_ARTICLES or time.perf_counter() - self.since >= WRITE_EVERY_SECONDS:
            self.flush()

    def flush(self) -> None:
        batch, self.pending = self.pending, []
        if not batch:
            return
        tick = time.perf_counter()
        try:
            written = self.store.write_many(batch, self.dedup)
        except StoreError as exc:
            if len(batch) == 1:
                raise
            # One bad article must not cost the batch: write them one by one to find it.
            # If none can be written the store itself is failing (read-only, disk full): raise.
            log.warning("a batch of %d articles failed (%s); writing them one by one", len(batch), exc)
            refused: list[tuple[str, StoreError]] = []
            for coded in batch:
                self.pending = [coded]
                try:
                    self.flush()
                except StoreError as one:
                    refused.append((coded.article.id, one))
            if len(refused) == len(batch):
                raise refused[-1][1] from exc
            for article_id, error in refused:
                self.fail(article_id, f"not stored: {error}")
            return
        elapsed = time.perf_counter() - tick
        self.report.dedup_seconds += written.dedup_seconds
        self.report.store_seconds += elapsed - written.dedup_seconds
        events = {c.article.id: len(c.events) for c in batch}
        for article_id in written.articles:
            self.report.new += 1
            self.report.events += events[article_id]
            log.info("stored article %s (%d events)", article_id, events[article_id])
            self._progress()
        for _ in written.skipped:
            self.report.skipped_duplicate += 1
            self._progress()

    def _progress(self) -> None:
        if self.progress is not None:
            self.progress(self.report)


def distinct_events(coded: CodedArticle) -> CodedArticle:
    """`coded` with the events an identical sentence of the same article tells again dropped
    (a paragraph a site prints twice, a wire story pasted into itself: issue 13); the first of
    each is kept. Events of different sentences stay apart, whatever they say: across
    sentences and articles it is clustering (analysis.dedup) that relates them."""
    kept: dict[tuple[object, ...], Event] = {}
    for event in coded.events:
        kept.setdefault(_told_again(event), event)
    return coded if len(kept) == len(coded.events) else replace(coded, events=list(kept.values()))


def _told_again(event: Event) -> tuple[object, ...]:
    """What two events share when one is the other told again in an identical sentence."""

    def actor(actor: Actor | None) -> str | None:
        return None if actor is None else actor.code or actor.text

    return (
        " ".join(event.sentence.split()), event.action.text, event.cameo, event.mode, actor(event.source),
        actor(event.target), actor(event.speaker), event.event_date, event.background,
    )  # fmt: skip


def _dedup_function() -> Dedup | None:
    """analysis.dedup.assign_clusters when that module is installed, else None (no clustering)."""
    try:
        from flashpoint.analysis.dedup import assign_clusters
    except ImportError:
        log.info("flashpoint.analysis.dedup not available: events are stored without clusters")
        return None
    return assign_clusters  # type: ignore[no-any-return]

