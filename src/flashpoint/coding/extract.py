"""Event candidates from a dependency parse: trigger, source heads, target heads.

Which word is the source and which the target depends on voice and construction:
  active      "Russia seized Crimea from Ukraine"       nsubj -> source; dobj / prep objects -> target
  passive     "Putin was urged by lawmakers"            agent (by) -> source; nsubjpass -> target
  control     "Moscow plans to invade Ukraine"          the governing verb's subject is the source
  nominal     "condemnation from Western governments"   from/by/possessive -> source; on/against -> target
  light verb  "NATO held talks with Russia"             the light verb's subject; with/on on verb or noun
  caused      "..., drawing condemnation from X"        the causing clause's subject is the target
Coordinated actors ("NATO and the EU") expand to one head each.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from flashpoint.coding.triggers import is_passive, match_trigger
from flashpoint.resources.lexicon import Lexicon, Trigger

__all__ = ["Candidate", "extract_candidates"]

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
DEFAULT_TARGET_PREPS = ("with", "against", "on", "to", "from", "for", "into", "at", "toward", "towards", "over", "upon", "between", "in")
NOUN_SOURCE_PREPS = ("by", "from")
NOUN_TARGET_PREPS = ("on", "against", "of", "with", "to", "for", "into", "at", "toward", "towards", "over", "upon", "between")
# Verbs whose object is a reaction directed at the causing clause's subject:
# "Russia seized Crimea, DRAWING condemnation from the West".
REACTION_VERBS = frozenset({"draw", "prompt", "spark", "provoke", "trigger", "attract", "earn", "face", "receive", "meet", "invite", "elicit"})
_NOMINAL_HEADS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X", "ADJ"})


@dataclass(frozen=True, slots=True)
class Candidate:
    trigger: Token
    entry: Trigger
    light_verb: Token | None
    # Alternatives in order of preference; each alternative is a coordinated group
    # ("NATO and the EU" is one group of two heads).
    sources: tuple[tuple[Token, ...], ...]
    targets: tuple[tuple[Token, ...], ...]
    passive: bool

    @property
    def action_tokens(self) -> tuple[Token, ...]:
        return (self.light_verb, self.trigger) if self.light_verb is not None else (self.trigger,)


def _expand(head: Token | None) -> list[Token]:
    """A head and the heads conjoined with it ("NATO and the EU")."""
    if head is None:
        return []
    out = [head]
    for conj in head.conjuncts:
        if conj.pos_ in _NOMINAL_HEADS:
            out.append(conj)
    if head.ent_type_ in _LIST_ENTS:
        # "The US, Russia, and Switzerland": the parser makes a list of names an apposition.
        for child in head.children:
            if child.dep_ == "appos" and child.ent_type_ in _LIST_ENTS:
                out.append(child)
                out.extend(c for c in child.conjuncts if c.pos_ in _NOMINAL_HEADS)
    return sorted(set(out), key=lambda t: t.i)


_LIST_ENTS = frozenset({"GPE", "NORP", "ORG"})
# Modifiers that can name an attacker ("ISRAELI air strike", "NATO bombing"), not "ethnic".
_ACTOR_ENTS = frozenset({"GPE", "NORP", "ORG"})


def _child(token: Token, deps: frozenset[str] | set[str]) -> Token | None:
    for child in token.children:
        if child.dep_ in deps:
            return child
    return None


def _prep_object(token: Token, prep: str) -> Token | None:
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ == prep:
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def _subject(verb: Token, depth: int = 0) -> Token | None:
    """The subject of a verb, looked for through control, coordination and participles."""
    if depth > 4:
        return None
    subj = _child(verb, {"nsubj", "csubj"})
    if subj is not None:
        if subj.tag_ == "WDT" or subj.lower_ in ("who", "which", "that"):
            # relative clause: "the country, which attacked" -> the modified noun
            return verb.head if verb.dep_ == "relcl" else None
        return subj
    if verb.dep_ == "relcl":
        return verb.head
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return verb.head  # "troops firing on protesters"
    if verb.dep_ == "acl" and verb.head.dep_ in ("dobj", "attr") and any(c.lower_ == "to" for c in verb.children):
        # "Armenia signalled a willingness TO BEGIN talks": the subject of "signalled"
        return _subject(verb.head.head, depth + 1)
    if verb.dep_ in ("xcomp", "advcl", "conj", "ccomp", "pcomp") or (verb.dep_ == "acl" and verb.head.pos_ != "NOUN"):
        head = verb.head
        if verb.dep_ == "pcomp" and head.dep_ == "prep":
            head = head.head
        if verb.dep_ == "xcomp":
            obj = _child(head, {"dobj"})
            if obj is not None and head.lemma_.lower() in _OBJECT_CONTROL:
                return obj  # "urged HIM to recognise"
        if head.pos_ == "ADJ" and head.dep_ in ("acomp", "amod", "xcomp") and head.head.i != head.i:
            head = head.head  # "France is READY to contribute": the subject of "is"
        if head.pos_ in ("VERB", "AUX"):
            if is_passive(head):
                return _child(head, {"nsubjpass"}) if verb.dep_ != "conj" else _subject_passive_agent(head)
            return _subject(head, depth + 1)
    return None


_OBJECT_CONTROL = frozenset({"urge", "ask", "tell", "order", "force", "call", "persuade", "encourage", "press", "pressure", "invite", "allow", "help", "compel", "warn", "request", "instruct", "authorize", "authorise"})


def _subject_passive_agent(verb: Token) -> Token | None:
    return _prep_object(verb, "by") or _child(verb, {"nsubjpass"})


def _attack_agent(verb: Token) -> Token | None:
    """The attacker of a passive without 'by': "killed IN AN ISRAELI AIR STRIKE",
    "killed in an air strike BY GOVERNMENT FORCES" -> the strike's own source."""
    for child in verb.children:
        if child.dep_ != "prep" or child.lower_ not in ("in", "during"):
            continue
        for noun in child.children:
            if noun.dep_ != "pobj":
                continue
            by = _prep_object(noun, "by")
            if by is not None:
                return by
            for mod in noun.children:
                if mod.dep_ in ("amod", "compound", "poss") and mod.i < noun.i:
                    inner = next((m for m in mod.children if m.dep_ in ("amod", "compound", "poss")), None)
                    if mod.ent_type_ in _ACTOR_ENTS or mod.dep_ == "poss":
                        return mod
                    if inner is not None and inner.ent_type_ in _ACTOR_ENTS:
                        return inner  # "Israeli TANK shelling": the adjective on the compound
    return None


def _verb_targets(verb: Token, entry: Trigger) -> list[Token]:
    if entry.no_target:
        return []
    order = entry.target or ("dobj", "dative")
    found: list[Token] = []
    for slot in order:
        if slot == "dobj":
            obj = _child(verb, {"dobj"})
            if obj is not None:
                found.append(obj)
        elif slot == "dative":
            dat = _child(verb, {"dative"})
            if dat is not None:
                obj = next((g for g in dat.children if g.dep_ == "pobj"), None)
                found.append(obj or dat)
        elif slot.startswith("prep:"):
            # on the verb, or on its object: "ratified an agreement WITH the EU"
            dobj = _child(verb, {"dobj"})
            for holder in (verb, dobj):
                obj = _prep_object(holder, slot[5:]) if holder is not None else None
                if obj is not None:
                    found.append(obj)
                    break
    if not entry.target:
        for prep in DEFAULT_TARGET_PREPS:
            obj = _prep_object(verb, prep)
            if obj is not None:
                found.append(obj)
    # Last resort: the complement clause. "demanded that HAMAS renounce ...": its subject;
    # "promised to continue aid TO MOZAMBIQUE": its own objects.
    for child in verb.children:
        if child.dep_ == "ccomp":
            subj = _child(child, {"nsubj", "nsubjpass"})
            if subj is not None and subj.lower_ not in ("it", "they", "he", "she", "we", "i"):
                found.append(subj)
        elif child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
            obj = _child(child, {"dobj"})
            if obj is not None:
                found.append(obj)
            for prep in DEFAULT_TARGET_PREPS:
                inner = _prep_object(child, prep)
                if inner is not None:
                    found.append(inner)
    return found


def _noun_arguments(noun: Token) -> tuple[list[Token], list[Token]]:
    sources: list[Token] = []
    targets: list[Token] = []
    for child in noun.children:
        if child.dep_ == "poss":
            sources.append(child)
        elif child.dep_ in ("amod", "compound") and child.i < noun.i:
            sources.append(child)  # "Russian attack", "NATO airstrikes"
    for prep in NOUN_SOURCE_PREPS:
        obj = _prep_object(noun, prep)
        if obj is not None:
            sources.insert(0, obj)
    for prep in NOUN_TARGET_PREPS:
        obj = _prep_object(noun, prep)
        if obj is not None:
            targets.append(obj)
    return sources, targets


def _candidate(trigger: Token, entry: Trigger, light: Token | None) -> Candidate | None:
    passive = False
    sources: list[Token] = []
    targets: list[Token] = []
    if entry.pos == "verb":
        passive = is_passive(trigger)
        if passive:
            agent = _prep_object(trigger, "by")
            theme = _child(trigger, {"nsubjpass"})
            attacker = _attack_agent(trigger) if agent is None else None
            if agent is not None:
                sources = [agent]
                targets = [theme] if theme is not None else []
            elif entry.theme_source and theme is not None:
                # "forces were engaged in ...", "Israel is opposed to ...": the subject acts
                sources = [theme]
            else:
                sources = [attacker] if attacker is not None else []
                targets = [theme] if theme is not None else []
            if not entry.theme_source or agent is not None:
                targets += [t for t in _verb_targets(trigger, entry) if t not in targets and t not in sources]
            else:
                targets += [t for t in _verb_targets(trigger, entry) if t not in sources]
        elif trigger.dep_ == "acl" and trigger.tag_ == "VBN" and not entry.theme_source:
            # a participle modifying its patient: "soldiers KILLED in Ukraine", "the civilians IMPRISONED"
            agent = _prep_object(trigger, "by")
            sources = [agent] if agent is not None else []
            targets = [trigger.head, *_verb_targets(trigger, entry)]
        else:
            subj = _subject(trigger)
            if subj is not None:
                sources = [subj]
            targets = _verb_targets(trigger, entry)
            if entry.theme_source and not sources:
                obj = _child(trigger, {"dobj"})
                if obj is not None:
                    sources = [obj]
                    targets = [t for t in targets if t is not obj]
    elif light is not None:
        if is_passive(light) and trigger.dep_ == "nsubjpass":
            agent = _prep_object(light, "by")
            sources = [agent] if agent is not None else []
        else:
            subj = _subject(light)
            sources = [subj] if subj is not None else []
        _, noun_targets = _noun_arguments(trigger)
        targets = noun_targets
        for prep in entry.target and [s[5:] for s in entry.target if s.startswith("prep:")] or DEFAULT_TARGET_PREPS:
            obj = _prep_object(light, prep)
            if obj is not None and obj is not trigger:
                targets.append(obj)
        dat = _child(light, {"dative"})
        if dat is not None:
            targets.append(dat)
    else:
        sources, targets = _noun_arguments(trigger)
        head = trigger.head
        if trigger.dep_ == "dobj" and head.lemma_.lower() in REACTION_VERBS:
            cause = _subject(head)
            if cause is not None:
                targets.insert(0, cause)
    if entry.swap:
        # "Georgian demonstrators RECEIVED weapons FROM the government": the giver acts.
        sources, targets = targets, sources
    src_groups = [tuple(_expand(s)) for s in sources]
    used = {h.i for group in src_groups for h in group}
    tgt_groups = []
    for t in targets:
        group = tuple(h for h in _expand(t) if h.i not in used)
        if group:
            tgt_groups.append(group)
    return Candidate(trigger, entry, light, tuple(src_groups), tuple(tgt_groups), passive)


def extract_candidates(sent: Span, lexicon: Lexicon) -> Iterator[Candidate]:
    """Every trigger in the sentence with its argument heads (not yet resolved to actors)."""
    lemmas = lexicon.lemmas
    for token in sent:
        if token.lemma_.lower() not in lemmas:
            continue
        match = match_trigger(token, lexicon)
        if match is None:
            continue
        entry, light = match
        candidate = _candidate(token, entry, light)
        if candidate is not None:
            yield candidate
