"""Ingest benchmark: `flashpoint.runner.run` over N corpus articles into a fresh store.

    python benchmarks/ingest.py [--corpus FILE.jsonl[.gz]] [--n 2000] [--db PATH] [--batch-size B]

Copies the first N corpus lines with non-blank text to a temporary JSONL file, loads the coder
once (not timed), then times one `run` into a new store (a temporary file unless --db, which
must not exist yet). `run` times the coder (NLP: parse and coding), store writes and
cross-article de-duplication separately; the rest is reading and bookkeeping. The last line is

    ingest: N articles in S s (A articles/s); store+dedup share of time: P%

Exit status 2: corpus missing or --db exists.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import sys
import tempfile
from pathlib import Path
from typing import IO

from flashpoint import Settings
from flashpoint.runner import get_coder, run

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpora" / "allsides_news.jsonl.gz"


def open_corpus(path: Path) -> IO[str]:
    return gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else path.open(encoding="utf-8")


def copy_articles(corpus: Path, n: int, out: Path) -> int:
    """The first `n` lines of `corpus` whose "text" is not blank, written to `out`."""
    written = 0
    with open_corpus(corpus) as source, out.open("w", encoding="utf-8") as sink:
        for line in source:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if not isinstance(record, dict) or not str(record.get("text") or "").strip():
                continue
            sink.write(line if line.endswith("\n") else line + "\n")
            written += 1
            if written >= n:
                break
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--db", type=Path, default=None, help="Store file to create (default: a temporary file).")
    parser.add_argument("--batch-size", type=int, default=None)
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus} (pass --corpus FILE.jsonl.gz)", file=sys.stderr)
        return 2
    if args.db is not None and args.db.exists():
        print(f"{args.db} exists; pass a new --db path", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory() as tmp:
        subset = Path(tmp) / "subset.jsonl"
        n = copy_articles(args.corpus, args.n, subset)
        settings = Settings.from_env(batch_size=args.batch_size)
        settings = dataclasses.replace(settings, db_path=args.db or Path(tmp) / "ingest.duckdb")
        get_coder(settings)  # load the pipeline outside the timing, as a long-running ingest would
        report = run([str(subset)], settings)
        other = report.seconds - report.nlp_seconds - report.store_seconds - report.dedup_seconds
        print(f"read {report.read}, new {report.new}, duplicate {report.skipped_duplicate}, "
              f"failed {len(report.failed)}, events {report.events}; dedup {'on' if report.deduplicated else 'off'}")  # fmt: skip
        print(f"time: nlp {report.nlp_seconds:.2f} s, store {report.store_seconds:.2f} s, "
              f"dedup {report.dedup_seconds:.2f} s, reading+other {other:.2f} s")  # fmt: skip
        share = 100 * (report.store_seconds + report.dedup_seconds) / report.seconds if report.seconds else 0.0
        rate = report.new / report.seconds if report.seconds else 0.0
        print(f"ingest: {n} articles in {report.seconds:.1f} s ({rate:.1f} articles/s); "
              f"store+dedup share of time: {share:.1f}%")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
