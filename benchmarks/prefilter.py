"""Prefilter benchmark: what share of the text is parsed, and how the events compare with
parsing every sentence, on the same articles in the same run.

    python benchmarks/prefilter.py [--corpus FILE.jsonl[.gz]] [--n N]

Codes the first N articles twice, with Settings(prefilter=False) (every sentence parsed) and
with Settings(prefilter=True), and prints the share of sentences and characters parsed, the
time of each, and the events: identical (same event_id, code, actors, mode, dates), only
found with the full parse (lost), only with the prefilter (gained). The last line is

    prefilter: parsed P% of characters; events kept K/F (R%); lost L, gained G; speed-up S
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import DEFAULT_CORPUS, CorpusError, positive_int, read_articles, say  # noqa: E402

from flashpoint import FlashpointError, Settings, load  # noqa: E402


def event_key(event: object) -> tuple[object, ...]:
    e = event
    return (
        e.event_id, e.cameo, e.source.code if e.source else None, e.target.code if e.target else None,  # type: ignore[attr-defined]
        e.mode.value, e.event_date,  # type: ignore[attr-defined]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--n", type=positive_int, default=100)
    parser.add_argument("--context", type=int, default=None, help="sentences kept before each event sentence (default: the coder's)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    try:
        articles = read_articles(args.corpus, args.n)
    except CorpusError as exc:
        print(f"prefilter: {exc}", file=sys.stderr)
        return 2
    try:
        base = Settings.from_env()
        full = load(dataclasses.replace(base, prefilter=False))
        filtered = load(dataclasses.replace(base, prefilter=True))
    except FlashpointError as exc:
        print(f"prefilter: {exc}", file=sys.stderr)
        return 1
    assert filtered.prefilter is not None
    if args.context is not None:
        from flashpoint.coding.prefilter import build_prefilter
        from flashpoint.nlp.pipeline import irregular_forms

        resources = filtered.resources
        filtered.prefilter = build_prefilter(
            resources.lexicon, resources.cues, irregular_forms(filtered.nlp), context=args.context
        )
    say(f"context: {filtered.prefilter.context} sentence(s) before each event sentence")
    sentences = kept = chars = kept_chars = 0
    for article in articles:
        selection = filtered.prefilter.select(article.text)
        sentences += len(selection.spans)
        kept += sum(selection.kept)
        chars += len(article.text)
        kept_chars += selection.kept_chars
    say(f"corpus: {args.corpus}: {len(articles)} articles, {sentences} sentences, {chars} characters")
    say(f"parsed: {kept}/{sentences} sentences ({kept / sentences:.1%}), {kept_chars / chars:.1%} of characters")
    list(full.pipe(articles[:3]))
    list(filtered.pipe(articles[:3]))  # warm both
    started = time.perf_counter()
    full_events = {event_key(e) for coded in full.pipe(articles) for e in coded.events}
    full_seconds = time.perf_counter() - started
    started = time.perf_counter()
    filtered_events = {event_key(e) for coded in filtered.pipe(articles) for e in coded.events}
    filtered_seconds = time.perf_counter() - started
    same = full_events & filtered_events
    lost = full_events - filtered_events
    gained = filtered_events - full_events
    say(f"time: every sentence {full_seconds:.1f}s, prefiltered {filtered_seconds:.1f}s")
    share = len(same) / len(full_events) if full_events else 1.0
    say(
        f"prefilter: parsed {kept_chars / chars:.1%} of characters; events kept {len(same)}/{len(full_events)} "
        f"({share:.1%}); lost {len(lost)}, gained {len(gained)}; speed-up {full_seconds / filtered_seconds:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
