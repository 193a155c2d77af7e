"""Attribution: who says what a clause reports, read on clauses.

A clause's speaker is the subject of the nearest speech or claim verb (lexicon/reporting.tsv)
that governs it through complement links, by this inheritance table (clauses.Link):

  CCOMP, XCOMP       the governor's speaker: the governor itself when it is a speech verb
                     ("Russia SAID that troops shelled ..."), else the governor's own speaker
  CONJ               the first conjunct's speaker ("he said X and that Y")
  NOUN_ARG           the governor's, when the governor is a claim verb ("accused Kyiv OF shelling")
  PARATAXIS          a speech verb attached to the clause ("Troops shelled the town, the ministry SAID")
  RELCL, ACL, ADVCL, ROOT   none of the governor's

Cognition verbs (believe, conclude) and factive ones (know) are not speech: they give no
speaker. The speaker never dates the clause (time_expressions.py) and a speech verb does not
change its mode (modality.py). A direct quote's reporting verb is the one the parse links to
the quoted words (`quote_verb`: '"...," she SAID', 'WARNED: "..."'), not the first reporting
verb of the sentence; a clause inside a direct quote with no structural speaker takes the quote's.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from flashpoint.coding.clauses import Clause, Link, SentenceClauses
from flashpoint.resources.cues import Cues

__all__ = ["quote_verb", "reporting_clause", "speaker_head"]

_THROUGH = frozenset({Link.CCOMP, Link.XCOMP, Link.CONJ, Link.NOUN_ARG})


def _speech_child(clause: Clause, cues: Cues) -> Token | None:
    """A speech verb in parataxis under the clause: "Troops shelled the town, the ministry SAID"."""
    for child in clause.anchor.children:
        if child.dep_ == "parataxis" and child.lemma_.lower() in cues.reporting:
            return child
    return None


def reporting_clause(clause: Clause, clauses: SentenceClauses, cues: Cues) -> Clause | None:
    """The speech or claim clause that reports `clause`, if any."""
    current = clause
    for _ in range(6):
        side = _speech_child(current, cues)
        if side is not None:
            return clauses.of(side)
        if current.link not in _THROUGH:
            return None
        governor = clauses.governing(current)
        if governor is None:
            return None
        if governor.lemma in cues.reporting:
            if current.link is Link.NOUN_ARG and governor.lemma not in cues.claims:
                return None
            return governor
        if governor.lemma in cues.cognition or governor.lemma in cues.factive:
            return None
        current = governor
    return None


def speaker_head(clause: Clause, clauses: SentenceClauses, cues: Cues) -> Token | None:
    """The head of the phrase naming who reports `clause` ("according to the ministry" too)."""
    reporter = reporting_clause(clause, clauses, cues)
    if reporter is None:
        return None
    return reporter.subject


def quote_verb(sent: Span, start: int, end: int, cues: Cues) -> Token | None:
    """The reporting verb of the direct quote at chars [start, end) in `sent`.

    Of the sentence's speech and claim verbs outside the quote, the one the parse links to the
    quoted words (an ancestor of a quoted word, or a descendant of one: the quote's clause with
    '..., she said' in parataxis), nearest first; else the nearest by position ("Trump spoke first;
    then Pelosi WARNED: '...'" is Pelosi's); else "according to" (returned as the word
    "according"); else None."""
    inside = [t for t in sent if start <= t.idx < end]
    verbs = [
        t for t in sent
        if t.lemma_.lower() in cues.reporting and t.pos_ in ("VERB", "AUX") and not start <= t.idx < end
    ]
    if verbs and inside:
        quoted = {t.i for t in inside}

        def distance(verb: Token) -> int:
            return min(abs(verb.idx - start), abs(verb.idx - end))

        above = {a.i for t in inside for a in t.ancestors}  # once: quotes can be long
        linked = [v for v in verbs if v.i in above or any(a.i in quoted for a in v.ancestors)]
        return min(linked or verbs, key=distance)
    if verbs:
        return verbs[0]
    for token in sent:  # "according to the ministry"
        if token.lower_ == "according" and token.i + 1 < sent.end and token.nbor(1).lower_ == "to":
            return token
    return None
