"""Which line breaks end a sentence: the one rule the parser (components.py) and the
prefilter (coding/prefilter.py) share, so both cut an article at the same places.

Real articles put headlines, bylines, outlet names and captions on lines of their own, often
without a full stop ("Captain Charged With Manslaughter", "By Jane Doe, Reuters"); a parser
reading the text as prose glues such a line to the next sentence. The rule:

- a blank line (a line break, optional white space, another line break) always ends a sentence;
- a single line break ends one when the line before it is a *standalone line* and the next
  line opens like a sentence (a capital, a digit, an opening quote or bracket). A line is
  standalone when it does not end like a sentence (. ! ? … with closing quotes/brackets) or
  mid-clause (, ; : - – — / & or a function word such as "of" or "the"), and either it has at
  most SHORT_LINE_WORDS words or it is in headline case (HEADLINE_CASE_SHARE of its content
  words capitalised).

A standalone line with a sentence end before and after it is one sentence: the parser does not
cut it ("Captain | In Deadly Boat Sinking Charged"), nor does the prefilter at a full stop in it.
Any other line that starts a sentence runs at least to its first full stop (`unbroken_spans`).

A hard-wrapped paragraph ("... met with\\nPresident Putin") is not cut: its lines are long,
in sentence case, and the last ones end in a full stop. A break after a full stop is left to
the parser and the prefilter's punctuation rule.
"""

from __future__ import annotations

import re

__all__ = ["HEADLINE_CASE_SHARE", "SHORT_LINE_WORDS", "is_standalone_line", "line_breaks", "unbroken_spans"]

SHORT_LINE_WORDS = 8
HEADLINE_CASE_SHARE = 0.75
# A line break and the white space after it (several line breaks: a blank line).
_BREAK = re.compile(r"\n\s*")
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]\u00bb]*$")
_MID_CLAUSE = re.compile(r"[,;:\-\u2013\u2014/&(]$")
# A sentence-final mark (and closing quotes) before white space or the line's end.
_FIRST_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]\u00bb]*(?=\s|$)", re.MULTILINE)
_OPENERS = frozenset("\"'\u201c\u2018([\u00ab")
# Words that stay lower case in a headline and cannot end one ("Talks of", "Troops in").
_FUNCTION_WORDS = frozenset(
    "a an and as at but by for from in into nor of on or over the to up via with than that".split()
)


def is_standalone_line(line: str) -> bool:
    """Whether a line (without its line break) reads as a headline, byline or caption line."""
    line = line.strip()
    if not line or _SENTENCE_END.search(line) or _MID_CLAUSE.search(line):
        return False
    words = line.split()
    if words[-1] in _FUNCTION_WORDS:  # lower case: a wrapped line ("... met with"), not "Talks Go On"
        return False
    if len(words) <= SHORT_LINE_WORDS:
        return True
    content = [w for w in words if w[0].isalpha() and w.lower() not in _FUNCTION_WORDS]
    capitalised = sum(1 for w in content if w[0].isupper())
    return bool(content) and capitalised >= HEADLINE_CASE_SHARE * len(content)


def line_breaks(text: str) -> list[int]:
    """Offsets of the first character of each line that must start a sentence (see the module
    docstring), in order; empty for a text without line breaks."""
    starts: list[int] = []
    for match in _BREAK.finditer(text):
        start = match.end()
        if start >= len(text):
            break
        if "\n" in match.group()[1:]:
            starts.append(start)
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        opener = text[start]
        opens = opener.isupper() or opener.isdigit() or opener in _OPENERS
        if opens and is_standalone_line(text[line_start : match.start()]):
            starts.append(start)
    return starts


def unbroken_spans(text: str, starts: list[int]) -> list[tuple[int, int]]:
    """(start, end) spans, in order, inside which no sentence may start: from the text's start
    and each of `starts` (from `line_breaks`), a standalone line that ends the text or a
    sentence is whole; any other line runs at least to its first sentence-final mark.

    Without this the parser, made to start a sentence after a headline, may end it after one
    word ("Venezuela | and Guyana held talks ...").
    """
    bounds = set(starts)
    spans: list[tuple[int, int]] = []
    for start in [0, *starts]:
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        after = end
        while after < len(text) and text[after].isspace():
            after += 1
        if not ((after == len(text) or after in bounds) and is_standalone_line(text[start:end])):
            mark = _FIRST_END.search(text, start, end)
            end = mark.start() if mark is not None else end
        if start < end:
            spans.append((start, end))
    return spans
