"""Actor resolution benchmark: load the gazetteer and resolver, then resolve N mixed mentions.

    python benchmarks/resolve.py [--n 10000] [--seed 7] [--actors FILE.tsv]

The load (load_resources + ActorResolver construction) is timed once, at start, in a fresh
process. The mentions are a reproducible mix drawn from the packaged tables: full names and
surnames, titles ("the Russian president", "Polish troops"), countries, capitals, one-letter
misspellings of names, and unknown names, each with a random date in 2000-2026 so the
resolver's (text, date) cache rarely hits. The last line printed is

    actor resolution: load X.XXs; N mentions in Y.YYs (Z us/mention)
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from flashpoint.actors import ActorResolver
from flashpoint.errors import FlashpointError
from flashpoint.resources import load_resources
from flashpoint.resources.gazetteer import Gazetteer

START, END = date(2000, 1, 1), date(2026, 11, 26)
TITLES = ("president", "prime minister", "foreign minister", "officials", "troops", "police", "lawmakers")
UNKNOWN_FIRST = ("Maria", "Jonas", "Amina", "Pavel", "Lucia", "Tomasz", "Keiko", "Omar")
UNKNOWN_LAST = ("Quillfeather", "Brannigan", "Okorafor", "Vasquez-Lind", "Thorsby", "Pemberton")
# Share of each kind of mention, in draw order (sums to 1).
MIX = (
    ("name", 0.25), ("surname", 0.15), ("title", 0.2), ("country", 0.1),
    ("capital", 0.08), ("misspelling", 0.12), ("unknown", 0.1),
)


def _misspell(rng: random.Random, word: str) -> str:
    # Keep the first letter (the resolver's fuzzy match assumes writers get it right).
    i = rng.randrange(1, len(word))
    return word[:i] + rng.choice("aeiounrst") + word[i + 1 :]


def mentions(gazetteer: Gazetteer, n: int, seed: int) -> list[tuple[str, date]]:
    """`n` (text, date) pairs in the MIX proportions, reproducible for a seed."""
    rng = random.Random(seed)
    entries = list(gazetteer.entries())
    people = sorted({e.name for e in entries if e.kind == "person"})
    countries = sorted({e.name for e in entries if e.kind == "country"})
    capitals = sorted({e.name for e in entries if e.kind == "capital"})
    adjectives = sorted(
        form for form in gazetteer.aliases()
        if (term := gazetteer.term(form)) is not None and term.adjective and not term.adjective_region
    )
    surnames = sorted({name.split()[-1] for name in people if len(name.split()[-1]) >= 6})
    days = (END - START).days
    kinds = [kind for kind, _ in MIX]
    weights = [share for _, share in MIX]
    out: list[tuple[str, date]] = []
    for _ in range(n):
        kind = rng.choices(kinds, weights)[0]
        if kind == "name":
            text = rng.choice(people)
        elif kind == "surname":
            text = rng.choice(surnames)
        elif kind == "title":
            text = f"the {rng.choice(adjectives).title()} {rng.choice(TITLES)}"
        elif kind == "country":
            text = rng.choice(countries)
        elif kind == "capital":
            text = rng.choice(capitals)
        elif kind == "misspelling":
            text = _misspell(rng, rng.choice(surnames))
        else:
            text = f"{rng.choice(UNKNOWN_FIRST)} {rng.choice(UNKNOWN_LAST)}"
        out.append((text, START + timedelta(days=rng.randrange(days))))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="mentions to resolve")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--actors", type=Path, default=None, help="user actor TSV to lay over the tables")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    try:
        resources = load_resources(None, args.actors)
    except FlashpointError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    resolver = ActorResolver(resources.gazetteer)
    load_seconds = time.perf_counter() - started

    gazetteer = resources.gazetteer
    person_rows = sum(1 for e in gazetteer.entries() if e.kind == "person")
    batch = mentions(gazetteer, args.n, args.seed)
    print(f"person-role rows: {person_rows}")
    print(f"distinct (text, date) pairs: {len(set(batch))} of {len(batch)}")

    resolved = 0
    started = time.perf_counter()
    for text, day in batch:
        if resolver.resolve(text, day) is not None:
            resolved += 1
    seconds = time.perf_counter() - started
    print(f"resolved to a code: {resolved} of {len(batch)}")
    print(
        f"actor resolution: load {load_seconds:.2f}s; {len(batch)} mentions in {seconds:.2f}s "
        f"({seconds / max(len(batch), 1) * 1e6:.1f} us/mention)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
