"""Roles: which arguments of a trigger's clause are its source and its target. The one place
roles are assigned.

The lexicon entry's frame (resources/lexicon.py Frame) maps grammatical slots to event roles,
in order of preference: `object`, `dative`, `prep:with` ... -> target; a map with no target
slot means the act has none; `subject` -> target means the subject receives ("rebels RECEIVED
weapons FROM the government"); `theme` -> source that the object or passive subject acts
("forces were ENGAGED in ..."). The default map sends a verb's object, indirect object and its
directional obliques (DIRECTED_PREPS, slot `directed`) to the target.

  active      "Russia seized Crimea from Ukraine"       subject -> source; object / obliques -> target
  passive     "Putin was urged by lawmakers"            agent (by) -> source; subject -> target
  nominal     "condemnation from Western governments"   possessor/modifier/by/from -> source; on/against -> target
  light verb  "NATO held talks with Russia"             the light verb's subject; with/on on verb or noun
  caused      "..., drawing condemnation from X"        the causing clause's subject is the target

Never a role: locatives ("protested IN Japan") and times. No actor is looked for outside
the clause's own arguments (no "first actor in the subtree"), and coordinated actors ("NATO
and the EU") expand to one head each.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from flashpoint.actors.mentions import BORDER_NOUNS
from flashpoint.coding.clauses import OBJECT_CONTROL, Clause, Link, Role, SentenceClauses
from flashpoint.resources.lexicon import Frame, Trigger

__all__ = ["DIRECTED_PREPS", "Roles", "assign_roles", "declared_preps"]

# Obliques that name whom an act is aimed at, when an entry declares no target slots.
DIRECTED_PREPS = ("with", "against", "on", "to", "toward", "towards", "at", "into", "over", "upon", "for", "between", "from")
_NOUN_SOURCE_PREPS = ("by", "from")
_NOUN_TARGET_PREPS = ("on", "against", "of", "with", "to", "for", "into", "at", "toward", "towards", "over", "upon", "between")
# Verbs whose object is a reaction aimed at the causing clause's subject:
# "Russia seized Crimea, DRAWING condemnation from the West".
REACTION_VERBS = frozenset({"draw", "prompt", "spark", "provoke", "trigger", "attract", "earn", "face", "receive", "meet", "invite", "elicit"})
_NOMINAL_HEADS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X", "ADJ"})
_LIST_ENTS = frozenset({"GPE", "NORP", "ORG"})
_ACTOR_ENTS = frozenset({"GPE", "NORP", "ORG"})
_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i"})
# Roots whose that- or to-complement or purpose clause names the party the act is aimed at,
# when no object does: "demanded that HAMAS renounce ...", "promised to continue aid TO
# MOZAMBIQUE", "sent arms to aid IRAQ".
_COMPLEMENT_TARGET_ROOTS = frozenset({"01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "16"})
_FORCE_ROOTS = frozenset({"17", "18", "19", "20"})


@dataclass(frozen=True, slots=True)
class Roles:
    # Alternatives in order of preference; each is a coordinated group of heads.
    sources: tuple[tuple[Token, ...], ...]
    targets: tuple[tuple[Token, ...], ...]


def expand(head: Token | None) -> list[Token]:
    """A head and the heads conjoined with it ("NATO and the EU")."""
    if head is None:
        return []
    out = [head]
    # the name's own words too, when the parser split it ("BARACK Obama and Vladimir Putin"
    # with "Obama", and the conjunct on it, under "Barack")
    name = [head, *(c for c in head.children if head.ent_type_ and c.ent_iob_ == "I" and c.ent_type_ == head.ent_type_)]
    for conj in (c for word in name for c in word.conjuncts):
        if conj.pos_ in _NOMINAL_HEADS:
            out.append(conj)
    if head.ent_type_ in _LIST_ENTS:
        # "The US, Russia, and Switzerland": the parser makes a list of names an apposition.
        for child in head.children:
            if child.dep_ == "appos" and child.ent_type_ in _LIST_ENTS:
                out.append(child)
                out.extend(c for c in child.conjuncts if c.pos_ in _NOMINAL_HEADS)
    return sorted(set(out), key=lambda t: t.i)


def _object_slots(frame: Frame) -> tuple[str, ...]:
    """The frame's slots other than the subject's, whichever role they fill (a receiving
    subject's giver is in them: "received weapons FROM X")."""
    return tuple(slot for slot, _ in frame.roles if slot not in ("subject", "theme"))


def _slot_targets(clause: Clause, entry: Trigger, clauses: SentenceClauses) -> list[Token]:
    slots = _object_slots(entry.frame)
    if not slots:
        return []
    found: list[Token] = []
    obj = clause.first(Role.OBJECT)
    for slot in slots:
        if slot == "object" and obj is not None:
            found.append(obj)
        elif slot == "dative":
            found.extend(a.head for a in clause.args(Role.DATIVE))
        elif slot.startswith("prep:"):
            prep = slot[5:]
            held = clause.declared(prep)
            if held is None and obj is not None:
                # on the object, wherever the parser attached it inside the object's phrase:
                # "ratified an agreement WITH the EU", "imposed duties of up to 25% ON US goods"
                held = _inside_phrase(obj, prep)
            if held is not None:
                found.append(held)
        elif slot == "directed":
            for prep in DIRECTED_PREPS:
                held = clause.oblique(prep)
                if held is not None:
                    found.append(held)
    if not found and entry.cameo[:2] in _COMPLEMENT_TARGET_ROOTS | _FORCE_ROOTS:
        # force is aimed where its purpose is ("opened fire TO DISPERSE the protesters"), not
        # at what it is said or meant to be
        kinds = (Role.PURPOSE,) if entry.cameo[:2] in _FORCE_ROOTS else (Role.THAT_COMP, Role.TO_COMP, Role.PURPOSE)
        for arg in clause.args(*kinds):
            inner = clauses.of(arg.head) if arg.head.pos_ in ("VERB", "AUX") else None
            if inner is None:
                continue
            subj = inner.first(Role.SUBJECT)
            if arg.role is Role.THAT_COMP:
                if subj is not None and subj.lower_ not in _PRONOUNS:
                    found.append(subj)
                    continue
                if entry.cameo[:2] not in _OWN_ACT_ROOTS:
                    continue
                # a threat or a pledge of the speaker's own act: "warned that IT would impose
                # tariffs ON CHINA" is aimed where the act is
            elif subj is not None and subj.lower_ not in _PRONOUNS and subj is not clause.subject:
                found.append(subj)  # "called for ISRAEL to allow", "allowed the OPPOSITION to rally"
            found.extend(_act_targets(inner, declared_preps(entry.frame)))
    if obj is not None and entry.cameo[:2] in _DISPUTE_ROOTS:
        # the last alternative: an object that names no actor was said by someone
        reporter = _reporter_of(obj, clauses, clause)
        if reporter is not None and reporter not in found:
            found.append(reporter)
    return found


# Threats and pledges: a that-complement with a pronoun subject tells the speaker's own act.
_OWN_ACT_ROOTS = frozenset({"03", "13"})


def declared_preps(frame: Frame) -> tuple[str, ...]:
    """The prepositions a frame names as slots ("prep:in" for a curfew IN the capital)."""
    return tuple(slot[5:] for slot, _ in frame.roles if slot.startswith("prep:"))


def _act_targets(inner: Clause, declared: tuple[str, ...] = ()) -> list[Token]:
    """Whom a complement's act is aimed at: its object, then the obliques the frame declares
    ("threatened to impose a curfew IN ALGIERS"), then its directed obliques, on the verb or
    inside the object's phrase ("impose tariffs ON CHINESE GOODS")."""
    out: list[Token] = []
    obj = inner.first(Role.OBJECT)
    if obj is not None:
        out.append(obj)
    for prep, find in [*((p, inner.declared) for p in declared), *((p, inner.oblique) for p in DIRECTED_PREPS)]:
        held = find(prep) or (_inside_phrase(obj, prep) if obj is not None else None)
        if held is not None and held not in out:
            out.append(held)
    return out


# Criticism, rejection and denial of something said are aimed at whoever said it.
_DISPUTE_ROOTS = frozenset({"11", "12"})


def _reporter_of(token: Token, clauses: SentenceClauses, reacting: Clause) -> Token | None:
    """The subject of the clause that reports the clause holding `token`, when the `reacting`
    clause is not itself part of what is reported: "Maduro said he would never hold EARLY
    ELECTIONS, which Colombia disputed" -> Maduro; not "Petro said: 'Maduro has broken his
    PLEDGES'", where the breaking is Petro's report, not a reaction to it."""
    holder = clauses.clause_at(token)
    for _ in range(4):
        if holder.link is Link.CCOMP:
            anchor = holder.anchor
            if anchor.left_edge.i <= reacting.anchor.i <= anchor.right_edge.i and reacting.link is not Link.RELCL:
                return None
            governor = clauses.governing(holder)
            return governor.subject if governor is not None else None
        if holder.link not in (Link.CONJ, Link.XCOMP):
            return None
        governor = clauses.governing(holder)
        if governor is None:
            return None
        holder = governor
    return None


def _inside_phrase(head: Token, prep: str) -> Token | None:
    """The object of `prep` attached inside the noun phrase of `head`, not inside a clause in it."""
    stack = list(head.children)
    while stack:
        tok = stack.pop(0)
        if tok.pos_ in ("VERB", "AUX") or tok.dep_ in ("relcl", "acl", "appos", "conj"):
            continue
        if tok.dep_ == "prep" and tok.lower_ == prep:
            obj = next((g for g in tok.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
        stack.extend(tok.children)
    return None


def _attack_agent(clause: Clause) -> Token | None:
    """The attacker of a passive without 'by': "killed IN AN ISRAELI AIR STRIKE",
    "killed in an air strike BY GOVERNMENT FORCES" -> the strike's own source."""
    for arg in clause.arguments:
        if arg.prep not in ("in", "during"):
            continue
        noun = arg.head
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                by = next((g for g in child.children if g.dep_ == "pobj"), None)
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


def _verb_roles(clause: Clause, entry: Trigger, clauses: SentenceClauses) -> tuple[list[Token], list[Token]]:
    trigger = clause.predicate
    sources: list[Token] = []
    targets: list[Token] = []
    if clause.passive:
        agent = clause.first(Role.AGENT)
        theme = clause.first(Role.SUBJECT)
        if agent is not None:
            sources, targets = [agent], ([theme] if theme is not None else [])
        elif entry.frame.theme_acts and theme is not None:
            sources = [theme]  # "forces were engaged in ...", "Israel is opposed to ..."
        else:
            attacker = _attack_agent(clause)
            sources = [attacker] if attacker is not None else []
            targets = [theme] if theme is not None else []
        targets += [t for t in _slot_targets(clause, entry, clauses) if t not in targets and t not in sources]
        return sources, targets
    if trigger.dep_ == "acl" and trigger.tag_ == "VBN" and not entry.frame.theme_acts:
        # a participle modifying its patient: "soldiers KILLED in Ukraine"
        agent = clause.first(Role.AGENT)
        return ([agent] if agent is not None else []), [trigger.head, *_slot_targets(clause, entry, clauses)]
    subject = clause.subject
    if subject is not None:
        sources = [subject]
    targets = _slot_targets(clause, entry, clauses)
    if entry.frame.theme_acts and not sources:
        obj = clause.first(Role.OBJECT)
        if obj is not None:
            sources = [obj]
            targets = [t for t in targets if t is not obj]
    return sources, targets


def _noun_roles(clause: Clause, entry: Trigger, clauses: SentenceClauses) -> tuple[list[Token], list[Token]]:
    noun = clause.predicate
    sources: list[Token] = []
    targets: list[Token] = []
    light = clause.verb
    if light is not None:
        if clause.passive and noun.dep_ == "nsubjpass":
            agent = clause.first(Role.AGENT)
            sources = [agent] if agent is not None else []
        elif clause.subject is not None:
            sources = [clause.subject]
        targets = [a.head for a in clause.arguments if a.role is Role.OBLIQUE and a.head.head.head.i == noun.i and a.prep in _NOUN_TARGET_PREPS]
        declared = declared_preps(entry.frame)
        for prep in declared or DIRECTED_PREPS:
            # a place the frame declares counts on the noun too: "held exercises IN ALASKA"
            kinds, heads = ((Role.OBLIQUE, Role.LOCATIVE), (light.i, noun.i)) if prep in declared else ((Role.OBLIQUE,), (light.i,))
            held = next((a.head for a in clause.arguments if a.role in kinds and a.prep == prep and a.head.head.head.i in heads), None)
            if held is not None and held.i != noun.i and held not in targets:
                targets.append(held)
        targets.extend(a.head for a in clause.args(Role.DATIVE))
        return sources, targets
    for arg in clause.arguments:
        if arg.role in (Role.POSSESSOR, Role.MODIFIER):
            sources.append(arg.head)
    for prep in _NOUN_SOURCE_PREPS:
        held = clause.oblique(prep) or (clause.first(Role.AGENT) if prep == "by" else None)
        if held is not None:
            sources.insert(0, held)
    for prep in _NOUN_TARGET_PREPS:
        held = clause.oblique(prep)
        if held is not None:
            targets.append(held)
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_.lower() in REACTION_VERBS:
        cause = clauses.of(head).subject
        if cause is not None:
            targets.insert(0, cause)
    return sources, targets


_NOMINAL = frozenset({"PROPN", "NOUN", "ADJ"})
# Inside an argument phrase, a search does not enter clauses of its own (a participle that
# modifies the noun, "the curfew IMPOSED in Sudan", "sanctions PUNISHING Turkey", is part of the phrase).
_CLAUSE_DEPS = frozenset({"relcl", "ccomp", "advcl", "parataxis", "xcomp", "csubj"})


def _phrase_nominals(head: Token) -> list[Token]:
    """Nominal words inside an argument's phrase, in text order, without its own clauses."""
    out: list[Token] = []
    stack = list(head.children)
    while stack:
        tok = stack.pop()
        if tok.dep_ in _CLAUSE_DEPS or (tok.pos_ in ("VERB", "AUX") and tok.dep_ != "acl"):
            continue
        if tok.dep_ == "pobj" and tok.lemma_.lower() in BORDER_NOUNS:
            continue  # "a rebel base on the CHADIAN border" is no Chadian target
        if tok.pos_ in _NOMINAL and not (tok.dep_ in ("compound", "flat") and tok.head.i != head.i):
            out.append(tok)
        stack.extend(tok.children)
    return sorted(out, key=lambda t: t.i)


def _phrase_targets(clause: Clause, entry: Trigger, clauses: SentenceClauses) -> list[Token]:
    """Fallback target alternatives: actors named inside the clause's object and directed
    obliques ("agreed to an extension of the mandate of the force IN LEBANON", "investigating
    war crimes BY CROATIAN EXTREMISTS"). Never the subject's phrase, a locative or a time of
    the clause itself, or another clause."""
    if not _object_slots(entry.frame):
        return []
    out: list[Token] = []
    if entry.pos == "noun":
        # the event noun's own participle: "imposed sanctions TARGETING VENEZUELA"
        for child in clause.predicate.children:
            if child.dep_ == "acl" and child.pos_ in ("VERB", "AUX"):
                out.extend(_phrase_nominals(child))
    for arg in clause.arguments:
        if arg.role in (Role.OBJECT, Role.OBLIQUE, Role.DATIVE, Role.ATTRIBUTE) and arg.prep not in _NOUN_SOURCE_PREPS:
            out.extend(_phrase_nominals(arg.head))
    if entry.cameo[:2] == THREAT_ROOT:
        out.extend(_condition_subjects(clause, clauses))
    return out


THREAT_ROOT = "13"


def _condition_subjects(clause: Clause, clauses: SentenceClauses) -> list[Token]:
    """A threat is aimed at whoever its condition names: "Russia threatened to stop talks IF
    THE UNITED STATES goes ahead" (the if-clause of the threat or of its to-complement)."""
    out: list[Token] = []
    holders = [clause, *(clauses.of(a.head) for a in clause.args(Role.TO_COMP) if a.head.pos_ in ("VERB", "AUX"))]
    for holder in holders:
        for child in holder.anchor.children:
            if child.dep_ != "advcl" or child.pos_ not in ("VERB", "AUX"):
                continue
            condition = clauses.of(child)
            if any(m.lower_ in ("if", "unless") for m in condition.marks) and condition.subject is not None:
                out.append(condition.subject)
    return out


def assign_roles(clause: Clause, entry: Trigger, clauses: SentenceClauses) -> Roles:
    """Source and target alternatives of the event `entry` fires on `clause`."""
    if entry.pos == "verb":
        sources, targets = _verb_roles(clause, entry, clauses)
    else:
        sources, targets = _noun_roles(clause, entry, clauses)
    if entry.frame.subject_receives:
        sources, targets = targets, sources
    else:
        targets = targets + [t for t in _phrase_targets(clause, entry, clauses) if t not in targets and t not in sources]
    src_groups = [tuple(expand(s)) for s in sources]
    used = {h.i for group in src_groups for h in group}
    tgt_groups = []
    for t in targets:
        group = tuple(h for h in expand(t) if h.i not in used)
        if group:
            tgt_groups.append(group)
    return Roles(tuple(src_groups), tuple(tgt_groups))


__all__ += ["OBJECT_CONTROL", "REACTION_VERBS", "expand"]
