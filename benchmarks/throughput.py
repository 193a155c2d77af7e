"""Throughput benchmark: the full coder against spaCy's own parse of the same texts.

    python benchmarks/throughput.py [--corpus FILE.jsonl[.gz]] [--n N] [--batch-size B] [--rounds R]

Reads the first N articles with non-empty text, then in one process times
(1) `nlp.pipe` over the texts with the pipeline the coder uses (flashpoint.nlp.pipeline.load_nlp,
every component enabled) and (2) `flashpoint.load().pipe(articles)`, consuming every result.
Both are warmed up first and run R times in alternating order; the best time of each counts.
Words are whitespace-split tokens of the article texts. The last line printed is

    throughput: X articles/s, Y words/s; spaCy parse alone: Z words/s; ratio R

where R = Y / Z (1.00 would mean coding costs nothing beyond the parse).
Exit status 2: corpus missing or unreadable, or bad arguments; 1: flashpoint failed to load.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import json
import logging
import sys
import time
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import IO, Any

from flashpoint import Article, FlashpointError, Settings, load
from flashpoint.nlp.pipeline import load_nlp

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpora" / "allsides_news.jsonl.gz"
WARMUP_ARTICLES = 5


class CorpusError(Exception):
    """The corpus is missing or unreadable (the script exits 2)."""


def say(message: str) -> None:
    print(message, flush=True)


def open_corpus(path: Path) -> IO[str]:
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def read_articles(path: Path, n: int) -> list[Article]:
    """The first `n` records of a JSONL(.gz) corpus whose "text" is not blank."""
    if not path.is_file():
        raise CorpusError(f"corpus not found: {path} (pass --corpus FILE.jsonl.gz)")
    articles: list[Article] = []
    try:
        with open_corpus(path) as handle:
            for number, line in enumerate(handle, start=1):
                if len(articles) >= n:
                    break
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise CorpusError(f"{path}:{number}: invalid JSON: {exc.msg}") from exc
                text = obj.get("text") if isinstance(obj, dict) else None
                if not isinstance(text, str) or not text.strip():
                    continue
                articles.append(
                    Article(
                        id=str(obj.get("id") or Article.make_id(text, obj.get("url"))),
                        text=text,
                        published=parse_date(obj.get("date")),
                        title=obj.get("title"),
                        source=obj.get("source"),
                        url=obj.get("url"),
                    )
                )
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: cannot read: {exc}") from exc
    return articles


def parse_date(raw: Any) -> date | None:
    if not isinstance(raw, str):
        return None
    try:
        return date.fromisoformat(raw[:10])
    except ValueError:
        return None


def time_spacy(nlp: Any, texts: list[str], batch_size: int) -> float:
    gc.collect()
    started = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - started


def time_coder(coder: Any, articles: Iterable[Article]) -> tuple[float, int, int, int, int]:
    """Seconds, articles coded, events, asserted events, recorded failures."""
    gc.collect()
    coded = events = asserted = failures = 0
    started = time.perf_counter()
    for result in coder.pipe(articles):
        coded += 1
        events += len(result.events)
        asserted += sum(1 for e in result.events if e.is_fact)
        failures += len(result.failures)
    return time.perf_counter() - started, coded, events, asserted, failures


def positive_int(raw: str) -> int:
    value = int(raw)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="JSONL(.gz) with id, text, date")
    parser.add_argument("--n", type=positive_int, default=200, help="articles to code (default 200)")
    parser.add_argument("--batch-size", type=positive_int, default=None, help="nlp.pipe batch size (default: settings)")
    parser.add_argument("--rounds", type=positive_int, default=2, help="timed runs of each, best counts (default 2)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    try:
        articles = read_articles(args.corpus, args.n)
    except CorpusError as exc:
        print(f"throughput: {exc}", file=sys.stderr)
        return 2
    if not articles:
        print(f"throughput: no article with text in {args.corpus}", file=sys.stderr)
        return 2
    if len(articles) < args.n:
        say(f"only {len(articles)} articles with text in {args.corpus} (asked for {args.n})")
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    say(f"corpus: {args.corpus}: {len(articles)} articles, {words} words")

    try:
        settings = Settings.from_env(batch_size=args.batch_size)
        started = time.perf_counter()
        coder = load(settings)
        # The coder parses with this same cached pipeline, so spaCy is timed on exactly what it runs.
        nlp = load_nlp(settings.spacy_model)
    except FlashpointError as exc:
        print(f"throughput: {exc}", file=sys.stderr)
        return 1
    say(
        f"loaded {settings.spacy_model} ({', '.join(nlp.pipe_names)}) and the coder in "
        f"{time.perf_counter() - started:.1f}s; batch size {settings.batch_size}"
    )
    if getattr(coder, "nlp", nlp) is not nlp:
        say("warning: the coder holds a different pipeline object than load_nlp returns")

    warm = articles[:WARMUP_ARTICLES]
    time_spacy(nlp, [a.text for a in warm], settings.batch_size)
    time_coder(coder, warm)
    say(f"warmed up on {len(warm)} articles")

    spacy_times: list[float] = []
    coder_times: list[float] = []
    events = asserted = failures = 0
    for round_no in range(1, args.rounds + 1):
        # Alternate which goes first, so neither always runs on a warmer (or hotter) machine.
        order = ("spacy", "coder") if round_no % 2 else ("coder", "spacy")
        for which in order:
            if which == "spacy":
                seconds = time_spacy(nlp, texts, settings.batch_size)
                spacy_times.append(seconds)
            else:
                seconds, coded, events, asserted, failures = time_coder(coder, articles)
                coder_times.append(seconds)
                if coded != len(articles):
                    say(f"warning: the coder returned {coded} results for {len(articles)} articles")
            say(f"round {round_no}: {which:<5} {seconds:7.2f}s  {words / seconds:9.0f} words/s")

    best_coder, best_spacy = min(coder_times), min(spacy_times)
    articles_per_s = len(articles) / best_coder
    words_per_s = words / best_coder
    spacy_words_per_s = words / best_spacy
    say(f"failures recorded: {failures}")
    say(f"events found: {events} ({asserted} asserted); events per article: {events / len(articles):.2f}")
    say(
        f"throughput: {articles_per_s:.1f} articles/s, {words_per_s:.0f} words/s; "
        f"spaCy parse alone: {spacy_words_per_s:.0f} words/s; ratio {words_per_s / spacy_words_per_s:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
