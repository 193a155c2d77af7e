"""Boilerplate rules (text/boilerplate.tsv): the lines and line parts of an article that are
not news text (captions, credits, bylines, outlet names, datelines, editorial marks, promos).

Each row is a regular expression with a `scope` saying what it must match: `line` a whole
line (white space around it aside), `prefix` the start of a line ("MOSCOW (Reuters) -"),
`suffix` the end of one ("(Editing by Jane Doe)"). What a rule matches is a boilerplate span;
the coder leaves those spans out of what it codes (coding/hygiene.py).

    boilerplate = load_boilerplate(data_path("text/boilerplate.tsv"))
    boilerplate.spans("By Jane Doe\\nRussia said ...")   # [(0, 11)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from flashpoint.errors import DataError
from flashpoint.resources._tables import read_tsv

__all__ = ["KINDS", "SCOPES", "Boilerplate", "load_boilerplate"]

KINDS = frozenset({"caption", "credit", "byline", "outlet", "dateline", "editorial", "promo", "embed"})
# scope -> how a row's pattern is anchored to a line (re.MULTILINE: ^ and $ at line ends).
SCOPES = {
    "line": r"^[ \t]*(?:{})[ \t\r]*$",
    "prefix": r"^[ \t]*(?:{})",
    "suffix": r"(?:{})[ \t\r]*$",
}


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """One compiled pattern per scope (the rows of that scope as alternatives)."""

    patterns: tuple[re.Pattern[str], ...]

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Sorted, disjoint (start, end) character spans of `text` that are boilerplate,
        trimmed of white space; empty when no rule matches."""
        found: list[tuple[int, int]] = []
        for pattern in self.patterns:
            for match in pattern.finditer(text):
                start, end = match.span()
                while start < end and text[start].isspace():
                    start += 1
                while end > start and text[end - 1].isspace():
                    end -= 1
                if start < end:
                    found.append((start, end))
        found.sort()
        merged: list[tuple[int, int]] = []
        for start, end in found:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged


def load_boilerplate(path: Path) -> Boilerplate:
    """Read and compile the rules.

    Raises:
        DataError: (path:line) an unknown kind or scope, a pattern that does not compile, or
            one that matches the empty string.
    """
    by_scope: dict[str, list[str]] = {scope: [] for scope in SCOPES}
    for line, row in read_tsv(path, required=("kind", "scope", "pattern", "note")):
        if row["kind"] not in KINDS:
            raise DataError(f"unknown kind {row['kind']!r} (one of {', '.join(sorted(KINDS))})", path, line)
        if row["scope"] not in SCOPES:
            raise DataError(f"unknown scope {row['scope']!r} (one of {', '.join(SCOPES)})", path, line)
        try:
            compiled = re.compile(f"(?:{row['pattern']})")
        except re.error as exc:
            raise DataError(f"bad pattern {row['pattern']!r}: {exc}", path, line) from None
        if compiled.fullmatch(""):
            raise DataError(f"pattern {row['pattern']!r} matches the empty string", path, line)
        by_scope[row["scope"]].append(row["pattern"])
    return Boilerplate(
        tuple(
            re.compile(template.format("|".join(f"(?:{p})" for p in by_scope[scope])), re.MULTILINE)
            for scope, template in SCOPES.items()
            if by_scope[scope]
        )
    )
