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
change its mode (modality.py). Direct quotes get their speaker in quotes.py; a clause inside
a direct quote with no structural speaker takes the quote's.
"""

from __future__ import annotations

from spacy.tokens import Token

from flashpoint.coding.clauses import Clause, Link, SentenceClauses
from flashpoint.resources.cues import Cues

__all__ = ["reporting_clause", "speaker_head"]

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
