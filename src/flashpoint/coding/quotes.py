"""Quotes: direct speech (inside quotation marks) and reported speech ("said that ..."),
each with the speaker resolved to an actor. Which verb reports a direct quote is
attribution.py's decision (quote_verb)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from flashpoint.coding.attribution import quote_verb
from flashpoint.model import Actor
from flashpoint.resources.cues import Cues

__all__ = ["DIRECT_QUOTE", "QuoteSpan", "find_quotes"]

# Straight or curly double quotes; a quote needs at least three words to be speech
# rather than a scare-quoted term ("so-called 'peacekeepers'").
DIRECT_QUOTE = re.compile(r"[\"“”«»]([^\"“”«»]{3,}?)[\"“”«»]")
_MIN_WORDS = 3


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    start: int  # char offsets of the quoted words (without the marks)
    end: int
    kind: str  # direct | reported
    verb: Token | None
    speaker: Actor | None
    sentence: Span


def _speaker_head(verb: Token) -> Token | None:
    if verb.lower_ == "according":
        prep = verb.nbor(1)
        return next((c for c in prep.children if c.dep_ == "pobj"), None)
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    return None


def find_quotes(
    doc: Doc, sents: list[Span], cues: Cues, actor_at: Callable[[Token], Actor | None]
) -> list[QuoteSpan]:
    """Direct quotes by quotation marks, reported speech by reporting verbs with a clausal object.

    `sents` is list(doc.sents), computed once by the caller (Token.sent walks the Doc).
    """
    quotes: list[QuoteSpan] = []
    starts = [s.start for s in sents]

    def sentence_of(i: int) -> int:
        return bisect_right(starts, i) - 1
    text = doc.text  # computed once: Doc.text joins every token
    for match in DIRECT_QUOTE.finditer(text):
        start, end = match.start(1), match.end(1)
        while end > start and text[end - 1] in " ,;:":
            end -= 1  # the comma before the closing mark belongs to the attribution
        if len(text[start:end].split()) < _MIN_WORDS:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        k = sentence_of(span[-1].i)
        verb = quote_verb(sents[k], start, end, cues)
        if verb is None and k + 1 < len(sents):
            # the attribution may follow in the next sentence: '..." she said.'
            verb = quote_verb(sents[k + 1], start, end, cues)
        head = _speaker_head(verb) if verb is not None else None
        speaker = actor_at(head) if head is not None else None
        quotes.append(QuoteSpan(start, end, "direct", verb, speaker, sents[sentence_of(span[0].i)]))
    direct = [(q.start, q.end) for q in quotes]
    for sent in sents:
        for token in sent:
            if token.lemma_.lower() not in cues.reporting or token.pos_ not in ("VERB", "AUX"):
                continue
            if any(s <= token.idx < e for s, e in direct):
                continue
            comp = next((c for c in token.children if c.dep_ == "ccomp"), None)
            if comp is None:
                continue
            left, right = comp.left_edge, comp.right_edge
            if any(s <= left.idx < e for s, e in direct):
                continue  # the clause is itself a direct quote
            while left.dep_ == "mark" or left.is_punct:
                if left.i >= right.i:
                    break
                left = left.nbor(1)
            head = _speaker_head(token)
            speaker = actor_at(head) if head is not None else None
            quotes.append(
                QuoteSpan(left.idx, right.idx + len(right.text), "reported", token, speaker, sent)
            )
    quotes.sort(key=lambda q: q.start)
    return quotes
