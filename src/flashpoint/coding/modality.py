"""Modality: is an event asserted, negated, denied, hypothetical or intended? Read on clauses.

A clause's mode comes from its own cues (lexicon/modality.tsv: negation "did NOT attack",
modals "WOULD end", subordinators "WHETHER ...", determiners "NO talks", adverbs
"ALLEGEDLY") and from what governs it, by this inheritance table (clauses.Link):

  link                  what it takes from its governor
  ROOT                  nothing (a question mark makes it hypothetical)
  CCOMP, XCOMP          the governor's effect on its complement (below), then the governor's mode
  NOUN_ARG              the governor's effect ("THREATENED an invasion", "accused Kyiv OF shelling") and
                        what the governor inherits, never the governor's own cues ("claimed Kyiv was
                        behind SHELLING the town": a claim; "did not condemn the SHELLING": asserted);
                        an event noun as a verb's subject takes the verb's modals ("any attack WOULD be met")
  ACL with "to"/"that"  the noun's effect ("a PLAN to invade", "Nato's ACCUSATION that Russia attacked")
  ADVCL with "to"       intended (a purpose: "imposed tariffs TO PRESSURE China"), or the governor's mode
  CONJ                  the first conjunct's link and governor, not its own cues; a modal auxiliary is
                        shared when the conjunct has no subject or auxiliary of its own ("could impose
                        tariffs and block investment"); negation is not ("does not want war but ACCUSES")
  RELCL, ACL, ADVCL, PARATAXIS   nothing

A governor's effect on what it governs: speech verbs (lexicon/reporting.tsv kind speech) none,
unless negated ("did not SAY that": negated) or a denial ("INSISTED it was not": denied); claim verbs
(claim, allege, accuse) and cognition verbs (believe, conclude) hypothetical — a claim stays a
claim; governor cues (plan -> intended, deny -> denied, "whether"); event verbs of appeal, intent,
demand, rejection and threat give the mode their lexicon frame declares (`embeds`, in
lexicon/triggers.jsonl: "URGED him to recognise" -> hypothetical).

When cues disagree the strongest wins: denied > negated > hypothetical > intended.
`mode_of` returns the mode and the word that set it (the evidence an event records).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from spacy.tokens import Token

from flashpoint.coding.clauses import Clause, Link, SentenceClauses
from flashpoint.model import Mode
from flashpoint.resources.cues import Cues

__all__ = ["ModeReading", "mode_of", "obligation", "stated_intention"]

_PRIORITY = (Mode.DENIED, Mode.NEGATED, Mode.HYPOTHETICAL, Mode.INTENDED)
_RANK = {m: i for i, m in enumerate(_PRIORITY)}
_MODALS = frozenset({"would", "could", "might", "may", "should", "must", "will", "shall", "'ll", "'d", "can", "wo", "ca"})
_COMPLEMENT_LINKS = frozenset({Link.CCOMP, Link.XCOMP})
_MAX_DEPTH = 8


@dataclass(frozen=True, slots=True)
class ModeReading:
    mode: Mode
    cue: str | None  # the word that set a non-asserted mode ("not", "would", "plans", "urged")


_ASSERTED = ModeReading(Mode.ASSERTED, None)


def _strongest(readings: list[ModeReading]) -> ModeReading:
    best = _ASSERTED
    for reading in readings:
        if reading.mode is Mode.ASSERTED:
            continue
        if best.mode is Mode.ASSERTED or _RANK[reading.mode] < _RANK[best.mode]:
            best = reading
    return best


def _own(clause: Clause, cues: Cues, *, negation: bool = True, modals: bool = True, rest: bool = True) -> list[ModeReading]:
    # (modality.tsv `where`, the clause's tokens in that position), in the order they are read;
    # `rest`: the marks and adverbs too
    positions: list[tuple[str, tuple[Token, ...]]] = []
    if negation:
        positions += [("neg", clause.negation), ("det", clause.determiners)]
    if modals:
        positions.append(("aux", clause.auxiliaries))
    if rest:
        positions += [("mark", clause.marks), ("adverb", clause.adverbs)]
    found: list[ModeReading] = []
    for where, tokens in positions:
        for tok in tokens:
            mode = cues.get(where, tok.lower_)
            if mode is None and where == "adverb" and negation:
                mode = cues.get("neg", tok.lower_)  # "never" is an adverb too
            if mode is not None:
                found.append(ModeReading(mode, tok.text))
    if clause.question:
        found.append(ModeReading(Mode.HYPOTHETICAL, "?"))
    return [r for r in found if r.mode is not Mode.ASSERTED]


def _effect(governor: Clause, child_negated: bool, cues: Cues, embedders: Mapping[str, Mode]) -> ModeReading | None:
    """What a governing clause does to the mode of the complement it governs."""
    lemma = governor.lemma
    word = governor.predicate.text
    if lemma in cues.claims or lemma in cues.cognition:
        return ModeReading(Mode.HYPOTHETICAL, word)
    if lemma in cues.reporting or lemma in cues.factive:
        if child_negated and cues.get("governor_neg", lemma):
            return ModeReading(Mode.DENIED, word)  # "insisted it was not planning"
        if governor.negation:
            return ModeReading(Mode.NEGATED, governor.negation[0].text)  # "did not say that ..."
        return None
    mode = cues.get("governor", lemma)
    if mode is not None:
        return ModeReading(mode, word)
    embedded = embedders.get(lemma)
    if embedded is not None and governor.predicate.pos_ in ("VERB", "AUX", "NOUN"):
        return ModeReading(embedded, word)  # "urged him to recognise", "threatened an attack"
    return None


def _is_reporting(clause: Clause, cues: Cues) -> bool:
    return clause.lemma in cues.reporting or clause.lemma in cues.factive


def mode_of(clause: Clause, clauses: SentenceClauses, cues: Cues, embedders: Mapping[str, Mode]) -> ModeReading:
    """The mode of the event whose predicate heads `clause`, and the cue that set it.

    `embedders` maps the lemmas of event verbs and nouns whose frame `embeds` a mode (appeal,
    intent, demand, rejection, threat: what they govern has not happened) to that mode.
    """
    return _mode(clause, clauses, cues, embedders, 0, own_negation=True, own_modals=True)


def _mode(
    clause: Clause, clauses: SentenceClauses, cues: Cues, embedders: Mapping[str, Mode], depth: int,
    *, own_negation: bool, own_modals: bool, own_cues: bool = True,
) -> ModeReading:
    found = _own(clause, cues, negation=own_negation, modals=own_modals, rest=own_cues)
    if depth >= _MAX_DEPTH or clause.governor is None:
        return _strongest(found)
    link = clause.link
    governor = clauses.governing(clause)
    if governor is None:
        return _strongest(found)
    if link is Link.CONJ:
        # The first conjunct's link and governor; its modal only when this conjunct has none
        # of its own and shares its subject.
        share_modal = not clause.auxiliaries and not any(a.role.value == "subject" for a in clause.arguments)
        first = _mode(governor, clauses, cues, embedders, depth + 1, own_negation=False, own_modals=share_modal)
        found.append(first)
        return _strongest(found)
    child_negated = any(r.mode is Mode.NEGATED for r in found)
    if link in _COMPLEMENT_LINKS:
        reporting = _is_reporting(governor, cues)
        if reporting and any(r.mode is Mode.HYPOTHETICAL and r.cue in ("whether", "if") for r in found):
            # "cannot SAY whether Moscow plans to invade": not knowing is no negation
            effect = None
        else:
            effect = _effect(governor, child_negated, cues, embedders)
        if effect is not None:
            found.append(effect)
        if effect is None and reporting and cues.reporting_future & {governor.lemma}:
            # "confirmed that units WOULD be pulled back": a backshifted "will"
            found = [ModeReading(Mode.INTENDED, r.cue) if r.mode is Mode.HYPOTHETICAL and r.cue in ("would", "'d") else r for r in found]
        # A speech verb's own negation reached its complement through `effect` (or not at all).
        found.append(_mode(governor, clauses, cues, embedders, depth + 1, own_negation=not reporting, own_modals=True))
        return _strongest(found)
    if link is Link.NOUN_ARG:
        anchor = clause.anchor
        if anchor.dep_ in ("nsubj", "nsubjpass"):
            # "any attack on Taiwan WOULD be met with force"
            found.extend(_own(governor, cues, negation=False, modals=True))
            return _strongest(found)
        effect = _effect(governor, child_negated, cues, embedders)
        if effect is not None:
            found.append(effect)
            found.append(_mode(governor, clauses, cues, embedders, depth + 1, own_negation=True, own_modals=True))
        else:
            # What the governor takes from above, not its own cues: "Moscow claimed Kyiv was
            # behind SHELLING the town" is a claim; "did not condemn the SHELLING" is no denial.
            found.append(_mode(governor, clauses, cues, embedders, depth + 1, own_negation=False, own_modals=False, own_cues=False))
        return _strongest(found)
    if link is Link.ACL and (_has_to(clause) or _has_that(clause)):
        effect = _effect(governor, child_negated, cues, embedders)
        if effect is not None:
            found.append(effect)
        return _strongest(found)
    if link is Link.ADVCL and _has_to(clause):
        found.append(ModeReading(Mode.INTENDED, "to"))  # a purpose
        found.append(_mode(governor, clauses, cues, embedders, depth + 1, own_negation=True, own_modals=True))
        return _strongest(found)
    return _strongest(found)


def _has_that(clause: Clause) -> bool:
    return any(t.lower_ == "that" for t in clause.marks)


def _has_to(clause: Clause) -> bool:
    return any(t.lower_ == "to" for t in clause.auxiliaries)


_FUTURE_AUX = frozenset({"will", "would", "'ll", "shall", "wo"})


def stated_intention(clause: Clause, clauses: SentenceClauses, cues: Cues) -> tuple[Token, bool] | None:
    """The word that states an intention to do the event, and whether it is negated.

    "Athens was READY to resume talks" -> (ready, False); "Israel announced it WOULD free
    prisoners" -> (would, False); "he said he WOULD not provide support" -> (would, True);
    "does not PLAN to attack" -> (plan, True). None when the event is not a stated intention.
    """
    negated = bool(clause.negation)
    future = next((t for t in clause.auxiliaries if t.lower_ in _FUTURE_AUX), None)
    if future is not None:
        if clause.link in (Link.ROOT, Link.CONJ):
            return future, negated
        governor = clauses.governing(clause)
        if clause.link is Link.CCOMP and governor is not None and governor.lemma in cues.reporting:
            return future, negated
    current = clause
    for _ in range(4):
        purpose = current.link is Link.ADVCL and _has_to(current)
        if current.link not in (Link.XCOMP, Link.CCOMP, Link.CONJ) and not purpose:
            return None
        governor = clauses.governing(current)
        if governor is None:
            return None
        # a conjunct or a purpose shares its governor's intention: "is WILLING to send
        # material TO HELP defend Riyadh"
        if current.link is not Link.CONJ and not purpose:
            if cues.get("governor", governor.lemma) is Mode.INTENDED:
                return governor.predicate, negated or bool(governor.negation)
            return None
        current = governor
    return None


def obligation(clause: Clause, clauses: SentenceClauses, cues: Cues) -> Token | None:
    """The reporting verb when the event is reported as an obligation of its subject:
    "Russia SAID Sudan must return the helicopter" (a demand by the speaker)."""
    if not any(cues.get("obligation", t.lower_) for t in clause.auxiliaries):
        return None
    governor = clauses.governing(clause)
    if clause.link is Link.CCOMP and governor is not None and governor.lemma in cues.reporting:
        return governor.predicate
    return None
