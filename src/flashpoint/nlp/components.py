"""flashpoint's spaCy pipeline components, registered once when this module is imported.

`flashpoint_line_breaks` runs before the parser and marks the token after each line break
that ends a sentence (breaks.py) as a sentence start, and the other tokens of a standalone
line as no sentence start; the parser keeps preset values, so a headline, byline or caption
line is never glued to the sentence after it, nor cut in two.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from flashpoint.nlp.breaks import line_breaks, standalone_lines

__all__ = ["LINE_BREAKS"]

LINE_BREAKS = "flashpoint_line_breaks"


@Language.component(LINE_BREAKS, assigns=["token.is_sent_start"])
def mark_line_breaks(doc: Doc) -> Doc:
    """Set `is_sent_start` on the first token of every line that must start a sentence, and
    unset it inside standalone lines."""
    starts = line_breaks(doc.text)
    if not starts:
        return doc
    first = set(starts)
    lines = standalone_lines(doc.text, starts)
    k = 0
    for token in doc:
        if token.idx in first:
            token.is_sent_start = True
            if token.i + 1 < len(doc) and not token.is_punct and not doc[token.i + 1].is_space:
                # The parser, given a fixed start, tends to open another sentence one word
                # later ("Venezuela | and Guyana held talks"): a line's first word is not a sentence.
                doc[token.i + 1].is_sent_start = False
        while k < len(lines) and lines[k][1] <= token.idx:
            k += 1
        if k < len(lines) and lines[k][0] < token.idx < lines[k][1] and token.i > 0:
            token.is_sent_start = False
    return doc
