"""Headline casing: a Title-Case Headline Parses Badly.

The small English model reads capitalised words as proper nouns, so "Chile Sends Troops
to Help Peru" has no verb and "Minister Warns Of Strikes" parses as one long name. A headline in title case is given to the parser in sentence case: every capitalised word
is lowered except the first of the headline and of each part after a colon, acronyms and
mixed-case words ("U.S.", "EgyptAir"), "I", and names the actor tables know ("China",
"North Korean", "Netanyahu"). Only the case of letters changes, so every offset stays the
article's, and the stored text, evidence and actor spans are taken from the article, which
keeps its original casing.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["TITLE_CASE_SHARE", "is_title_case", "sentence_case"]

# A line is in title case when at least this share of its words of four letters or more
# (after the first) start with a capital; and it has at least MIN_WORDS of them.
TITLE_CASE_SHARE = 0.6
MIN_WORDS = 3
_WORD = re.compile(r"\S+")
_EDGE = "\"'“”‘’()[]{},.;:!?«»"


def _core(word: str) -> str:
    core = word.strip(_EDGE)
    for suffix in ("'s", "’s"):
        if core.endswith(suffix):
            core = core[: -len(suffix)]
    return core


def is_title_case(line: str) -> bool:
    words = [_core(w) for w in _WORD.findall(line)][1:]
    long = [w for w in words if len(w) >= 4 and w[:1].isalpha()]
    if len(long) < MIN_WORDS:
        return False
    return sum(1 for w in long if w[0].isupper()) >= TITLE_CASE_SHARE * len(long)


def sentence_case(line: str, name_length: Callable[[list[str], int], int]) -> str:
    """`line` with its title-case words lowered (same length). `name_length(words, i)` says
    how many words starting at `words[i]` (edge punctuation and possessive stripped) form a
    known name, 0 for none."""
    matches = list(_WORD.finditer(line))
    words = [_core(m.group()) for m in matches]
    out = list(line)
    keep_until = -1
    for i, match in enumerate(matches):
        word = words[i]
        starts_part = i == 0 or matches[i - 1].group().endswith(":")
        if i <= keep_until or not word[:1].isupper():
            continue
        length = name_length(words, i)
        if length:
            keep_until = i + length - 1  # "New YORK Today": the name goes on past its first word
            continue
        if starts_part:
            continue
        rest = word[1:]
        if word == "I" or not rest or not rest.replace("-", "").replace("'", "").replace("’", "").islower():
            continue  # "I", acronyms and mixed case ("U.S.", "NATO", "EgyptAir")
        first = match.start() + match.group().index(word[0])
        out[first] = word[0].lower()
    return "".join(out)
