"""Trigger matching: which lexicon entry (if any) a token fires, given its dependents."""

from __future__ import annotations

from spacy.tokens import Token

from flashpoint.coding.clauses import is_passive
from flashpoint.resources.lexicon import Lexicon, Trigger

__all__ = ["COMPLEMENT_DEPS", "complement_tokens", "is_passive", "match_trigger", "trigger_pos"]

# Dependents whose subtrees hold a trigger's complements ("accused Kyiv OF GENOCIDE",
# "urged him TO RECOGNISE ..."). Subjects and conjoined clauses are not complements.
COMPLEMENT_DEPS = frozenset(
    {"dobj", "dative", "xcomp", "ccomp", "prep", "attr", "acomp", "oprd", "pobj", "agent", "npadvmod", "pcomp", "compound", "amod", "acl"}
)
PARTICLE_WORDS = frozenset({"back", "off", "out", "up", "down", "away", "over", "in", "on"})
# A noun trigger's light verb reaches the noun through these relations ("held TALKS", "launched an ATTACK").
LIGHT_DEPS = frozenset({"dobj", "attr", "nsubjpass", "pobj", "oprd"})


def trigger_pos(token: Token) -> str | None:
    tag = token.tag_
    if tag.startswith("VB"):
        return "verb"
    if tag.startswith("NN") and token.pos_ != "PROPN":
        return "noun"
    return None


def complement_tokens(token: Token, light_verb: Token | None = None) -> list[Token]:
    """Tokens under the trigger's complement dependents, in text order.

    For a noun trigger governed by a light verb, the verb's other complements count too
    ("signalled a WILLINGNESS to begin NEGOTIATIONS").
    """
    heads = [token] if light_verb is None else [token, light_verb]
    seen: dict[int, Token] = {}
    if token.dep_ == "acl" and token.tag_ == "VBN":
        # A participle's patient is the noun it modifies: "a report RELEASED on Tuesday".
        for t in token.head.subtree:
            if t.i < token.i and (t.i == token.head.i or t.head.i == token.head.i):
                seen.setdefault(t.i, t)
    for head in heads:
        for child in head.children:
            if child.dep_ not in COMPLEMENT_DEPS or child.i == token.i:
                continue
            for t in child.subtree:
                seen.setdefault(t.i, t)
    return [seen[i] for i in sorted(seen)]


def _subject_lemmas(token: Token) -> list[str]:
    """Lemmas of the trigger's subject (active or passive), in text order."""
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return [t.lemma_.lower() for t in child.subtree]
    return []


def _has_particle(token: Token, prt: str) -> bool:
    for child in token.children:
        if child.lower_ == prt and (child.dep_ in ("prt", "advmod") or child.i == token.i + 1):
            return True
    return False


def _has_prep(token: Token, prep: str) -> bool:
    return any(c.dep_ in ("prep", "agent", "dative") and c.lower_ == prep for c in token.children)


def _light_verb(token: Token, trig: Trigger) -> Token | None:
    head = token.head
    if token.dep_ in LIGHT_DEPS and head.lemma_.lower() in trig.light:
        return head
    # "launched an attack" parsed with the noun under a prep ("carried out strikes on")
    if token.dep_ == "pobj" and head.head.lemma_.lower() in trig.light:
        return head.head
    return None


def match_trigger(token: Token, lexicon: Lexicon) -> tuple[Trigger, Token | None] | None:
    """The most specific lexicon entry that `token` fires, with its light verb if any."""
    pos = trigger_pos(token)
    if pos is None:
        return None
    if pos == "noun" and token.dep_ == "compound":
        return None  # a noun modifying another names a kind, not an event: "RIOT police", "ARREST warrant"
    candidates = lexicon.candidates(token.lemma_.lower(), pos)
    if not candidates:
        return None
    best: tuple[Trigger, Token | None] | None = None
    comps: list[Token] | None = None
    lemmas: list[str] = []
    passive: bool | None = None
    for trig in candidates:
        light: Token | None = None
        if trig.light:
            light = _light_verb(token, trig)
            if light is None:
                continue
        if trig.prt and not _has_particle(token, trig.prt):
            continue
        if trig.prep and not (_has_prep(token, trig.prep) or (light is not None and _has_prep(light, trig.prep))):
            continue
        if trig.subj is not None and not trig.subj.matches(_subject_lemmas(token)):
            continue
        if trig.passive_only:
            if passive is None:
                passive = is_passive(token)
            if not passive:
                continue
        if trig.comp or trig.comp2 or trig.not_comp or trig.comp_ent:
            if comps is None:
                comps = complement_tokens(token, light)
                lemmas = [t.lemma_.lower() for t in comps]
            # Entity types are checked on the object itself: "seized CRIMEA" (GPE) is
            # territory, "seized Ukraine's ships" is property.
            if trig.comp_ent and not any(
                c.dep_ in ("dobj", "nsubjpass") and c.ent_type_ in trig.comp_ent for c in (light or token).children
            ):
                continue
            if trig.comp and not trig.comp.matches(lemmas):
                continue
            if trig.comp2 and not trig.comp2.matches(lemmas):
                continue
            if trig.not_comp and trig.not_comp.matches(lemmas):
                continue
        if best is None or trig.specificity > best[0].specificity:
            best = (trig, light)
    return best
