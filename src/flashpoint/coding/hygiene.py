"""Text hygiene: which parts of an article's text the coder parses and codes.

Design. Offsets never move: the parser gets a text of the article's length in which what is
not coded is blanked (spaces, line breaks kept), so every span an event carries indexes the
article text. What is left out:

- boilerplate: the spans the rules of text/boilerplate.tsv mark (resources/boilerplate.py:
  captions, credits, bylines, outlet lines, datelines, editorial marks, promos). Each span is
  cut out as a sentence of its own (a dateline prefix apart from the rest of its sentence),
  listed among the article's sentences but never parsed, so it yields no event or quote;
- with the prefilter on, the sentences that cannot hold an event (coding/prefilter.py).

Sentence ends come from one rule shared with the parser (nlp/breaks.py), so the prefilter
never keeps or skips half of a parser sentence. The title is put in front of the text before
any of this (coding/title.py).
"""

from __future__ import annotations

from flashpoint.coding.prefilter import Prefilter, Selection, select_all
from flashpoint.resources.boilerplate import Boilerplate

__all__ = ["select_text"]


def select_text(text: str, boilerplate: Boilerplate, prefilter: Prefilter | None) -> Selection | None:
    """The sentences of `text` to parse and the text the parser gets; None: all of `text`
    (no prefilter and no boilerplate)."""
    skip = boilerplate.spans(text)
    if prefilter is not None:
        return prefilter.select(text, skip)
    return select_all(text, skip) if skip else None
