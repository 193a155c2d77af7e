"""Trigger matching: which lexicon entry (if any) a token fires, given its dependents."""

from __future__ import annotations

from spacy.tokens import Token

from flashpoint.coding.clauses import Complements, complements, is_passive, prep_arguments
from flashpoint.resources.lexicon import Lexicon, Takes, Trigger

__all__ = ["complement_lemmas", "is_passive", "match_trigger", "trigger_pos"]

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


def complement_lemmas(found: Complements, takes: frozenset[Takes]) -> list[str] | None:
    """The lemmas an entry's `comp` words are looked for in: the complements of the types it
    takes, in text order. None when the entry cannot take what the trigger has: an entry that
    takes no that-clause does not fire on a trigger whose only complement is one ("Investigators
    CONCLUDED that Russia had broken the treaty" is no agreement; "France and Germany AGREED
    that the crisis was serious" is a view, not a commitment)."""
    if found.that and not found.has_phrase and not found.to and Takes.THAT not in takes:
        return None
    if not (found.that or found.has_phrase or found.to) and Takes.NONE not in takes:
        return None
    tokens = list(found.phrase)
    if Takes.TO in takes:
        tokens += found.to
    if Takes.THAT in takes:
        tokens += found.that
    tokens.sort(key=lambda t: t.i)
    return [t.lemma_.lower() for t in tokens]


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
    return prep in prep_arguments(token)


def _light_verb(token: Token, trig: Trigger) -> Token | None:
    head = token.head
    if token.dep_ in LIGHT_DEPS and head.lemma_.lower() in trig.light:
        return head
    if trig.setting and token.dep_ == "pobj" and head.lower_ in trig.setting and head.head.pos_ in ("VERB", "AUX"):
        return head.head  # "AFTER talks with Putin, Biden said": Biden's talks, told in his clause
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
    found: dict[int, Complements] = {}  # by light verb
    passive: bool | None = None
    for trig in candidates:
        light: Token | None = None
        if trig.light or trig.setting:
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
        key = light.i if light is not None else -1
        if key not in found:
            found[key] = complements(token, light)
        lemmas = complement_lemmas(found[key], trig.frame.takes)
        if lemmas is None:
            continue
        if trig.comp or trig.comp2 or trig.not_comp or trig.comp_ent:
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
