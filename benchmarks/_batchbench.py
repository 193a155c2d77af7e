"""Shared by scaling.py and growth.py: a corpus slice as JSONL, and one timed batch run on a
LocalCluster whose workers have loaded the coder before the clock starts."""

from __future__ import annotations

import gzip
import json
import logging
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from flashpoint import Settings
from flashpoint.jobs import run_batch
from flashpoint.runner import get_coder

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpora" / "allsides_news.jsonl.gz"


def say(message: str) -> None:
    print(message, flush=True)


def write_slice(corpus: Path, n: int, path: Path) -> tuple[int, int, bool]:
    """The first `n` records with text, written to `path`; (articles, words, cycled). When the
    corpus has fewer, it is cycled with distinct ids ("<id>~2") and `cycled` is True."""
    records: list[dict[str, Any]] = []
    opener = gzip.open if corpus.suffix == ".gz" else open
    with opener(corpus, "rt", encoding="utf-8") as handle:  # type: ignore[operator]
        for line in handle:
            if len(records) >= n:
                break
            obj = json.loads(line)
            if isinstance(obj.get("text"), str) and obj["text"].strip():
                records.append({k: obj.get(k) for k in ("id", "text", "date", "title", "source", "url")})
    if not records:
        raise SystemExit(f"no article with text in {corpus}")
    base = len(records)
    cycled = base < n
    round_no = 1
    while len(records) < n:
        round_no += 1
        for record in records[:base]:
            if len(records) >= n:
                break
            records.append(dict(record, id=f"{record['id']}~{round_no}"))
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            words += len(record["text"].split())
            out.write(json.dumps(record) + "\n")
    return len(records), words, cycled


def _warm(settings: Settings) -> int:
    get_coder(settings)
    return os.getpid()


def timed_batch(corpus_file: Path, workers: int, settings: Settings, shard_size: int) -> dict[str, Any]:
    """Code `corpus_file` with `workers` processes into a fresh folder: seconds (coders already
    loaded), setup seconds (cluster start and coder load), articles, events, peak RSS per worker."""
    from distributed import Client, LocalCluster

    logging.getLogger("distributed").setLevel(logging.WARNING)
    started = time.perf_counter()
    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.WARNING
    )
    with Client(cluster) as client:
        client.run(_warm, settings)
        setup = time.perf_counter() - started
        with tempfile.TemporaryDirectory() as out:
            tick = time.perf_counter()
            report = run_batch([str(corpus_file)], out, settings, client=client, shard_size=shard_size)
            seconds = time.perf_counter() - tick
    cluster.close()
    if report.failed_shards:
        raise SystemExit(f"failed shards: {report.failed_shards}")
    return {
        "seconds": seconds,
        "setup": setup,
        "articles": report.articles,
        "events": report.events,
        "rss": sorted(report.peak_rss_bytes.values()),
    }


def mib(values: list[int]) -> str:
    return ", ".join(f"{v / 2**20:.0f} MiB" for v in values) or "?"
