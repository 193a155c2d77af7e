"""Scaling benchmark: the same articles coded by `flashpoint batch` with 1 and with 2 Dask
worker processes; speed-up and peak memory per worker.

    python benchmarks/scaling.py [--corpus FILE.jsonl[.gz]] [--n 2000] [--shard-size 100]

Each run starts a LocalCluster, has every worker load the coder (not timed: it is paid once
per worker, whatever the corpus size), then times run_batch into a fresh folder. Peak RSS is
each worker process's VmHWM, as its shards report it. The last line is

    scaling: 1 worker X s, 2 workers Y s; speed-up S; peak RSS per worker: ...

Timings are wall-clock: on a machine shared with other work they are noisy.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _batchbench import DEFAULT_CORPUS, mib, say, timed_batch, write_slice  # noqa: E402

from flashpoint import Settings  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--shard-size", type=int, default=100)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if not args.corpus.is_file():
        print(f"scaling: corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    settings = Settings.from_env()
    say(f"cores: {os.cpu_count()}")
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "slice.jsonl"
        n, words, cycled = write_slice(args.corpus, args.n, corpus)
        say(f"corpus: {args.corpus}: {n} articles, {words} words{' (cycled with distinct ids)' if cycled else ''}")
        results = {}
        for workers in args.workers:
            r = timed_batch(corpus, workers, settings, args.shard_size)
            results[workers] = r
            say(
                f"{workers} worker(s): {r['seconds']:.1f} s ({r['articles'] / r['seconds']:.1f} articles/s, "
                f"{r['events']} events; setup {r['setup']:.1f} s); peak RSS per worker: {mib(r['rss'])}"
            )
    first, last = args.workers[0], args.workers[-1]
    speedup = results[first]["seconds"] / results[last]["seconds"]
    say(
        f"scaling: {first} worker {results[first]['seconds']:.1f} s, {last} workers {results[last]['seconds']:.1f} s; "
        f"speed-up {speedup:.2f}; peak RSS per worker: {mib(results[last]['rss'])}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
