"""Where an event happened: the place the sentence names for it, looked up in the gazetteer.

An event's place is, in order of preference:

1. a locative phrase under the trigger ("shelled positions *near Bakhmut*", "talks *in
   Doha*"), the nearest to the trigger first;
2. the trigger's object when that names a place and the action happens where its object is
   ("shelled *Kharkiv*", "invaded *Ukraine*", "visited *Kyiv*"; but "criticised *Japan*"
   names an actor, not a place);
3. a locative phrase elsewhere in the sentence, but not one inside a subject ("officials *in
   Kyiv* said Russia shelled the town" places the officials, not the shelling).

A name is looked up in the gazetteer (countries, capitals, and the cities, regions and
territories of places.tsv); a name the gazetteer does not know counts only when spaCy tags
it as a place (GPE, LOC, FAC), and then has no country. Organisations, people and seats of
power ("the Kremlin") are actors, never places.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from flashpoint.model import Place
from flashpoint.resources.gazetteer import Gazetteer

__all__ = ["place_of"]

# Prepositions that put an event somewhere. "on" and "over" also take times and topics
# ("on Monday", "talks on trade"); only an object that is a place name makes them count.
LOCATIVE_PREPOSITIONS = frozenset(
    {"in", "at", "near", "outside", "around", "inside", "across", "into", "on", "over", "along", "throughout", "within", "towards", "toward"}
)
PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
OBJECTS = frozenset({"dobj", "obj", "pobj"})
# Nouns that introduce a name: "the city of Kharkiv", "the Donetsk region".
PLACE_NOUNS = frozenset({"city", "town", "village", "region", "province", "state", "district", "area", "port", "capital", "oblast", "governorate", "county", "territory", "enclave", "strip"})
_KINDS = {"country": "country", "capital": "city"}
# Events that happen where their object is: visits (042, 043), force posture, seizures and
# blockades (15, 17), assaults, fights and mass violence (18, 19, 20). A verbal event's
# object ("criticised Japan", "urged Kyiv") is an actor.
OBJECT_PLACE_ROOTS = frozenset({"15", "17", "18", "19", "20"})
OBJECT_PLACE_CODES = frozenset({"042", "043"})


def place_of(trigger: Token, sent: Span, cameo: str, gazetteer: Gazetteer) -> Place | None:
    """The place of the event coded `cameo` whose trigger is `trigger` in `sent`, or None."""
    local = _locatives(trigger.subtree)
    local.sort(key=lambda place_token: abs(place_token[1].i - trigger.i))
    heads = [token for _, token in local]
    if cameo[:2] in OBJECT_PLACE_ROOTS or cameo[:3] in OBJECT_PLACE_CODES:
        heads.extend(child for child in trigger.children if child.dep_ in OBJECTS)
    found = [place for place in (_place(token, gazetteer) for token in heads) if place is not None]
    if found:
        # "bombarded Kharkiv in Ukraine": the city says more than the country around it.
        return next((p for p in found if p.kind != "country"), found[0])
    in_subtree = {t.i for t in trigger.subtree}
    for prep, token in _locatives(sent):
        if token.i in in_subtree or _inside_subject(prep, sent):
            continue
        found = _place(token, gazetteer)
        if found is not None:
            return found
    return None


def _locatives(tokens: Iterable[Token]) -> list[tuple[Token, Token]]:
    """(preposition, object) pairs of the locative phrases among `tokens`."""
    pairs = []
    for token in tokens:
        if token.dep_ == "prep" and token.lower_ in LOCATIVE_PREPOSITIONS:
            pairs.extend((token, child) for child in token.children if child.dep_ == "pobj")
    return pairs


def _inside_subject(token: Token, sent: Span) -> bool:
    for ancestor in token.ancestors:
        if ancestor.dep_ in SUBJECTS:
            return True
        if ancestor.i == sent.root.i:
            break
    return False


def _place(head: Token, gazetteer: Gazetteer) -> Place | None:
    """The place a noun phrase headed by `head` names, trying its name before its head noun."""
    if head.lower_ in PLACE_NOUNS:
        # "the Gaza Strip" may be a name itself; else "the city of Kharkiv" has the name in
        # the "of" phrase and "the Donetsk region" in a compound.
        named = _lookup(_name_span(head), gazetteer)
        if named is not None:
            return named
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for name in child.children:
                    if name.dep_ == "pobj":
                        return _place(name, gazetteer)
        # "Ukraine's second city, Kharkiv": the name is in apposition, else a compound or the
        # possessor names the wider place.
        for dep in ("appos", "compound", "poss"):
            names = [c for c in head.children if c.dep_ == dep and c.pos_ == "PROPN"]
            if names:
                return _place(names[-1], gazetteer)
        return None
    span = _name_span(head)
    for candidate in (span, head.doc[head.i : head.i + 1]):
        found = _lookup(candidate, gazetteer)
        if found is not None:
            return found
    if head.ent_type_ in PLACE_ENTITIES and head.pos_ == "PROPN":
        return Place(span.text, span.text, None, None, (span.start_char, span.end_char))
    return None


def _lookup(candidate: Span, gazetteer: Gazetteer) -> Place | None:
    for entry in gazetteer.lookup(candidate.text):
        kind = _KINDS.get(entry.kind) or (entry.place_kind if entry.kind == "place" else None)
        if kind is not None:
            return Place(candidate.text, entry.name, entry.country, kind, (candidate.start_char, candidate.end_char))
        break  # the best entry names an actor (person, organisation, seat): not a place
    return None


def _name_span(head: Token) -> Span:
    """`head` with the proper-noun compounds before it ("New York", "Nagorno Karabakh")."""
    start = head.i
    for child in sorted(head.lefts, key=lambda t: -t.i):
        if child.dep_ in ("compound", "flat") and child.pos_ == "PROPN" and child.i == start - 1:
            start = child.i
    return head.doc[start : head.i + 1]
