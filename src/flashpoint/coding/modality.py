"""Modality: is an event asserted, negated, denied, hypothetical or intended?

Walks from the trigger up through the clauses that embed it, collecting cues from
lexicon/modality.tsv: negation on the trigger ("did not attack"), modals ("would end"),
governing verbs ("plans to invade", "denied attacking"), subordinators ("whether ...")
and embedding under another event's verb ("urged him to recognise": the recognition
has not happened). Speech attribution ("said that ...") does not change the mode.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from flashpoint.model import Mode
from flashpoint.resources.cues import Cues

__all__ = ["mode_of", "obligation", "stated_intention"]

# When cues disagree the strongest wins: a denial outranks a negation, which outranks
# a hypothetical, which outranks a stated intention.
_PRIORITY = (Mode.DENIED, Mode.NEGATED, Mode.HYPOTHETICAL, Mode.INTENDED)
# Relations by which a clause is embedded under a governing word.
_EMBED_DEPS = frozenset({"xcomp", "ccomp", "advcl", "pcomp", "acl", "relcl", "pobj", "dobj", "csubj", "conj", "nsubj", "nsubjpass"})


def _local_cues(tok: Token, cues: Cues, found: list[Mode], would: list[Token]) -> None:
    for child in tok.children:
        word = child.lower_
        dep = child.dep_
        if dep == "neg":
            mode = cues.get("neg", word)
        elif dep == "aux":
            mode = cues.get("aux", word)
            if word == "would" or word == "'d":
                would.append(child)
        elif dep == "det":
            mode = cues.get("det", word)
        elif dep == "mark":
            mode = cues.get("mark", word)
        elif dep == "advmod":
            mode = cues.get("adverb", word) or cues.get("neg", word)
        else:
            mode = None
        if mode is not None and mode is not Mode.ASSERTED:
            found.append(mode)


def _infinitive(tok: Token) -> bool:
    """A 'to'-clause: "pressured by Congress TO HELP Iran" (parsed as advcl)."""
    return tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def mode_of(
    trigger: Token, sent: Span, cues: Cues, speech_acts: frozenset[str], light_verb: Token | None = None
) -> Mode:
    """The mode of the event fired by `trigger` (with its light verb, if any) in sentence `sent`.

    `speech_acts` are the lemmas of appeal, intent, demand, rejection and threat verbs: an
    event they embed is hypothetical.
    """
    found: list[Mode] = []
    tok = light_verb if light_verb is not None else trigger
    if light_verb is not None:
        _local_cues(trigger, cues, found, [])  # "no talks were held"
    would: list[Token] = []
    negated_below = False
    steps = 0
    while steps < 8:
        steps += 1
        before = len(found)
        _local_cues(tok, cues, found, would)
        if any(m is Mode.NEGATED for m in found[before:]):
            negated_below = True
        dep = tok.dep_
        gov = tok.head
        if gov.i == tok.i or dep not in _EMBED_DEPS:
            break
        lemma = gov.lemma_.lower()
        if dep == "conj":
            # Conjoined clauses share their subject, not their modality; keep climbing
            # only to reach a governing verb ("plans to attack and occupy").
            tok = gov
            continue
        if dep in ("nsubj", "nsubjpass", "csubj"):
            # An event noun as subject takes its verb's modality: "any attack ... WOULD be met".
            _local_cues(gov, cues, found, [])
            break
        if lemma in cues.reporting:
            if would and lemma in cues.reporting_future:
                # "confirmed that units would be pulled back": backshifted "will".
                found = [Mode.INTENDED if m is Mode.HYPOTHETICAL else m for m in found]
            if negated_below and cues.get("governor_neg", lemma):
                found.append(Mode.DENIED)
            if any(c.dep_ == "neg" for c in gov.children) and Mode.HYPOTHETICAL not in found:
                # "did not say that ..." is not an assertion; "cannot say whether ..." stays hypothetical
                found.append(Mode.NEGATED)
            break
        mode = cues.get("governor", lemma)
        if mode is not None:
            found.append(mode)
        elif gov.pos_ in ("VERB", "AUX") and lemma in speech_acts and (dep in ("xcomp", "ccomp") or _infinitive(tok)):
            # Embedded under another event verb: "urged him to recognise", "threatened to invade".
            found.append(Mode.HYPOTHETICAL)
        tok = gov
    if sent.text.rstrip().endswith("?") and sent.root.i == tok.i:
        found.append(Mode.HYPOTHETICAL)
    for mode in _PRIORITY:
        if mode in found:
            return mode
    return Mode.ASSERTED


_FUTURE_AUX = frozenset({"will", "would", "'ll", "shall", "wo"})


def stated_intention(trigger: Token, cues: Cues, light_verb: Token | None = None) -> tuple[Token, bool] | None:
    """The word that states an intention to do the event, and whether it is negated.

    "Athens was READY to resume talks" -> (ready, False); "Israel announced it WOULD free
    prisoners" -> (would, False); "he said he WOULD not provide support" -> (would, True);
    "does not PLAN to attack" -> (plan, True). None when the event is not a stated intention.
    """
    tok = light_verb if light_verb is not None else trigger
    negated = any(c.dep_ == "neg" for c in tok.children)
    future = next((c for c in tok.children if c.dep_ == "aux" and c.lower_ in _FUTURE_AUX), None)
    if future is not None and (tok.dep_ in ("ROOT", "conj") or (tok.dep_ == "ccomp" and tok.head.lemma_.lower() in cues.reporting)):
        return future, negated
    for _ in range(3):
        if tok.dep_ not in ("xcomp", "ccomp", "conj") or tok.head.i == tok.i:
            return None
        gov = tok.head
        if tok.dep_ != "conj":
            if cues.get("governor", gov.lemma_.lower()) is Mode.INTENDED:
                return gov, negated or any(c.dep_ == "neg" for c in gov.children)
            return None
        tok = gov
    return None


def obligation(trigger: Token, cues: Cues, light_verb: Token | None = None) -> Token | None:
    """The reporting verb when the event is reported as an obligation of its subject:
    "Russia SAID Sudan must return the helicopter" (a demand by the speaker)."""
    tok = light_verb if light_verb is not None else trigger
    if not any(c.dep_ == "aux" and cues.get("obligation", c.lower_) for c in tok.children):
        return None
    if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in cues.reporting:
        return tok.head
    return None
