"""Growth benchmark: how batch cost grows with corpus size, 1,000 vs 8,000 articles.

    python benchmarks/growth.py [--corpus FILE.jsonl[.gz]] [--sizes 1000 8000] [--workers 2]

Codes the first N articles of the corpus (cycled with distinct ids if it has fewer, which is
said) with `flashpoint batch` on a LocalCluster whose workers have loaded the coder before
the clock starts, and prints seconds per article for each size and peak RSS per worker. Time
per article should stay flat and worker memory should not grow with the corpus (a worker
holds one shard at a time). The last line is

    growth: 1000 articles X ms/article, 8000 articles Y ms/article; ratio R; peak RSS per worker ...
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _batchbench import DEFAULT_CORPUS, mib, say, timed_batch, write_slice  # noqa: E402

from flashpoint import Settings  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 8000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--shard-size", type=int, default=100)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if not args.corpus.is_file():
        print(f"growth: corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    settings = Settings.from_env()
    per_article: dict[int, float] = {}
    rss: dict[int, list[int]] = {}
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            corpus = Path(folder) / "slice.jsonl"
            n, words, cycled = write_slice(args.corpus, size, corpus)
            r = timed_batch(corpus, args.workers, settings, args.shard_size)
        per_article[size] = r["seconds"] / n
        rss[size] = r["rss"]
        say(
            f"{n} articles ({words} words{', corpus cycled with distinct ids' if cycled else ''}): {r['seconds']:.1f} s, "
            f"{1000 * per_article[size]:.1f} ms/article, {1e6 * r['seconds'] / words:.1f} us/word, {r['events']} events; "
            f"peak RSS per worker: {mib(r['rss'])}"
        )
    small, large = args.sizes[0], args.sizes[-1]
    say(
        f"growth: {small} articles {1000 * per_article[small]:.1f} ms/article, {large} articles "
        f"{1000 * per_article[large]:.1f} ms/article; ratio {per_article[large] / per_article[small]:.2f}; "
        f"peak RSS per worker {mib(rss[small])} -> {mib(rss[large])}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
