"""run_batch: code a corpus on a Dask cluster into Parquet, shard by shard, resumably.

The driver plans shards (shards.py), skips those the manifest lists as written from the same
content by the same coder, and maps `code_shard` over the rest on a Dask cluster: a
LocalCluster of `workers` single-threaded processes, or the scheduler at `scheduler`. Only
the Settings and the shard description travel in the task graph; each worker builds its
coder once with `runner.get_coder(settings)` (cached per process: one spaCy pipeline per
worker). A worker writes its shard's Parquet files (parquet.py) and returns counts; the
driver records the shard in the manifest once its files are in place. A worker that dies
loses only the shard it was coding: Dask runs it again elsewhere, and its files (one name
per shard and partition, renamed into place) are overwritten, never duplicated.
"""

from __future__ import annotations

import datetime
import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flashpoint.config import Settings
from flashpoint.errors import ConfigError, IngestError
from flashpoint.jobs.manifest import Manifest, coder_fingerprint
from flashpoint.jobs.parquet import PARTITIONS, shard_files, write_shard
from flashpoint.jobs.shards import Shard, plan_shards, read_shard
from flashpoint.runner import get_coder

__all__ = ["BatchReport", "ShardResult", "code_shard", "run_batch"]

log = logging.getLogger(__name__)

DEFAULT_SHARD_SIZE = 200


@dataclass
class ShardResult:
    """What one shard produced (returned by a worker to the driver)."""

    shard_id: str
    articles: int = 0
    events: int = 0
    quotes: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (article id or input, reason)
    written: list[str] = field(default_factory=list)
    seconds: float = 0.0
    worker_pid: int = 0
    peak_rss_bytes: int | None = None


@dataclass
class BatchReport:
    """What one run_batch did. `failed_shards` holds (shard id, reason)."""

    shards: int = 0
    skipped: int = 0
    coded: int = 0
    failed_shards: list[tuple[str, str]] = field(default_factory=list)
    articles: int = 0
    events: int = 0
    quotes: int = 0
    failed_articles: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    peak_rss_bytes: dict[int, int] = field(default_factory=dict)  # worker pid -> peak RSS

    @property
    def ok(self) -> bool:
        return not self.failed_shards and not self.failed_articles

    def summary(self) -> str:
        rate = self.articles / self.seconds if self.seconds > 0 else 0.0
        return (
            f"shards {self.shards}: coded {self.coded}, skipped as written {self.skipped}, failed {len(self.failed_shards)}; "
            f"{self.articles} articles, {self.events} events, {self.quotes} quotes, "
            f"{len(self.failed_articles)} failed articles; {self.seconds:.1f} s ({rate:.1f} articles/s)"
        )


def _peak_rss() -> int | None:
    """This process's peak resident set size in bytes (VmHWM; ru_maxrss where /proc is absent)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        import resource  # noqa: PLC0415  (Unix only)

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    except (ImportError, OSError):
        return None


def code_shard(
    shard: Shard, settings: Settings, out: str, partition_by: str = "month", date: datetime.date | None = None
) -> ShardResult:
    """Code one shard and write its Parquet files (runs on a worker; also callable in-process).

    Raises:
        IngestError: the shard's input is gone or changed since planning.
        StoreError: its files cannot be written.
        ModelNotInstalled, DataError: the coder cannot be built.
    """
    started = time.perf_counter()
    result = ShardResult(shard.id, worker_pid=os.getpid())

    def bad_input(error: IngestError) -> None:
        result.failed.append((error.source, error.reason))

    articles = read_shard(shard, date=date, on_error=bad_input, max_chars=settings.max_text_chars)
    coder = get_coder(settings)
    good = []
    # One memory zone per shard: the strings the parse adds are freed after it, so a worker's
    # memory does not grow with the number of shards it codes.
    with coder.memory_zone():
        for coded in coder.pipe(articles):
            if coded.failures:
                first = coded.failures[0]
                result.failed.append((coded.article.id, f"coding failed: {first.error}: {first.message}"))
                continue
            good.append(coded)
            result.articles += 1
            result.events += len({e.event_id for e in coded.events})
            result.quotes += len({q.quote_id for q in coded.quotes})
    result.written = write_shard(Path(out), shard.id, good, partition_by)
    result.seconds = time.perf_counter() - started
    result.peak_rss_bytes = _peak_rss()
    return result


ProgressCallback = Callable[[BatchReport], None]


def _client(workers: int | None, scheduler: str | None) -> tuple[Any, Any]:
    """(client, cluster or None) for a scheduler address or a new LocalCluster."""
    from distributed import Client, LocalCluster  # noqa: PLC0415  (dask loads only for a batch)

    # distributed configures its loggers at INFO on import; its cluster chatter is not ours.
    logging.getLogger("distributed").setLevel(logging.WARNING)
    if scheduler is not None:
        return Client(scheduler), None
    n = workers or os.cpu_count() or 1
    # One thread per worker process: spaCy's parse holds the GIL, so threads would not help.
    cluster = LocalCluster(
        n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.WARNING
    )
    return Client(cluster), cluster


def run_batch(
    inputs: Sequence[str | Path],
    out: str | Path,
    settings: Settings,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    client: Any = None,
    partition_by: str = "month",
    shard_size: int = DEFAULT_SHARD_SIZE,
    date: datetime.date | None = None,
    progress: ProgressCallback | None = None,
) -> BatchReport:
    """Code `inputs` into Parquet under `out` on Dask workers; see the module docstring.

    Shards already written from the same content by the same coder are skipped, so a re-run
    after completion codes nothing and starts no cluster. Shards of an earlier plan that this
    plan no longer has (an input that was edited or removed) lose their files. A shard that
    fails (unreadable input, a dead worker three times over) is reported in
    `failed_shards` and coded again by the next run. `client` is a distributed.Client to use
    (left open) instead of starting one; `progress` is called after each shard.

    Raises:
        ConfigError: bad workers, shard size or partitioning.
        IngestError: an input cannot be read while planning.
        StoreError: the output folder or manifest cannot be written.
    """
    if partition_by not in PARTITIONS:
        raise ConfigError(f"--partition-by {partition_by!r}: expected one of {', '.join(PARTITIONS)}")
    if shard_size < 1 or (workers is not None and workers < 1):
        raise ConfigError("workers and shard size must be at least 1")
    started = time.perf_counter()
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    report = BatchReport()
    shards = plan_shards([str(s) for s in inputs], shard_size)
    report.shards = len(shards)
    coder = coder_fingerprint(settings)
    manifest = Manifest.load(out_dir)
    planned = {s.id for s in shards}
    stale = [shard_id for shard_id in manifest.shards if shard_id not in planned]
    for shard_id in stale:
        for path in shard_files(out_dir, shard_id):
            path.unlink()
        del manifest.shards[shard_id]
    if stale:
        manifest.save()
    todo = [s for s in shards if not manifest.is_done(s.id, s.content_hash, coder)]
    report.skipped = len(shards) - len(todo)
    if progress is not None:
        progress(report)
    if todo:
        _code_all(todo, out_dir, settings, coder, manifest, report, workers, scheduler, client, partition_by, date, progress)
    report.seconds = time.perf_counter() - started
    return report


def _code_all(
    todo: list[Shard],
    out: Path,
    settings: Settings,
    coder: str,
    manifest: Manifest,
    report: BatchReport,
    workers: int | None,
    scheduler: str | None,
    client: Any,
    partition_by: str,
    date: datetime.date | None,
    progress: ProgressCallback | None,
) -> None:
    from distributed import as_completed  # noqa: PLC0415

    own: tuple[Any, Any] | None = None
    if client is None:
        own = _client(workers, scheduler)
        client = own[0]
    try:
        futures = {
            client.submit(code_shard, shard, settings, str(out), partition_by, date, key=f"flashpoint-shard-{shard.id}-{time.time_ns()}", pure=False): shard
            for shard in todo
        }
        for future in as_completed(futures):
            shard = futures[future]
            entry: dict[str, Any] = {**shard.describe(), "content_hash": shard.content_hash, "coder": coder}
            try:
                result: ShardResult = future.result()
            except Exception as exc:  # noqa: BLE001  (any shard failure, KilledWorker included, must not stop the batch)
                reason = f"{type(exc).__name__}: {exc}"
                log.warning("shard %s (%s) failed: %s", shard.id, shard.input, reason)
                report.failed_shards.append((shard.id, reason))
                entry.update(status="failed", error=reason)
            else:
                report.coded += 1
                report.articles += result.articles
                report.events += result.events
                report.quotes += result.quotes
                report.failed_articles.extend(result.failed)
                if result.peak_rss_bytes is not None:
                    report.peak_rss_bytes[result.worker_pid] = max(
                        result.peak_rss_bytes, report.peak_rss_bytes.get(result.worker_pid, 0)
                    )
                entry.update(
                    status="done", articles=result.articles, events=result.events, quotes=result.quotes,
                    failed_articles=[list(f) for f in result.failed], written=result.written,
                    seconds=round(result.seconds, 3), finished_at=datetime.datetime.now(datetime.timezone.utc).isoformat(),
                )  # fmt: skip
            manifest.shards[shard.id] = entry
            manifest.save()  # after the shard's files are in place
            future.release()
            if progress is not None:
                progress(report)
    finally:
        if own is not None:
            own[0].close()
            if own[1] is not None:
                own[1].close()
