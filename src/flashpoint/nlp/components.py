"""flashpoint's spaCy pipeline components, registered once when this module is imported.

`flashpoint_line_breaks` runs before the parser and marks the token after each line break
that ends a sentence (breaks.py) as a sentence start, and the other tokens of a standalone
line, or of a line up to its first full stop, as no sentence start; the parser keeps preset
values, so a headline, byline or caption line is never glued to the sentence after it, nor
cut in two, and the sentence after it is not cut after its first word.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from flashpoint.nlp.breaks import line_breaks, unbroken_spans

__all__ = ["LINE_BREAKS"]

LINE_BREAKS = "flashpoint_line_breaks"


@Language.component(LINE_BREAKS, assigns=["token.is_sent_start"])
def mark_line_breaks(doc: Doc) -> Doc:
    """Set `is_sent_start` on the first token of every line that must start a sentence, and
    unset it inside the spans no sentence may start in (breaks.unbroken_spans)."""
    starts = line_breaks(doc.text)
    if not starts:
        return doc
    first = set(starts)
    spans = unbroken_spans(doc.text, starts)
    k = 0
    for token in doc:
        if token.idx in first:
            token.is_sent_start = True
        while k < len(spans) and spans[k][1] <= token.idx:
            k += 1
        if k < len(spans) and spans[k][0] < token.idx < spans[k][1] and token.i > 0:
            token.is_sent_start = False
    return doc
