"""Participants: a candidate's source and target heads -> actors.

Each side comes as alternatives in order of preference (subject, then agent; object, then
prepositional objects ...). The first alternative naming a known actor wins; a phrase that
is not itself an actor is searched inside ("a group OF MOROCCAN DIPLOMATS", "the shootings
IN SOUTH CAROLINA"), as coders of the PETRARCH family do.
"""

from __future__ import annotations

from spacy.tokens import Token

from flashpoint.actors.article import ArticleActors
from flashpoint.coding.extract import Candidate
from flashpoint.model import Actor

__all__ = ["PROTEST_ROOT", "pick", "target_in_clause"]

# Protests are aimed at the authorities of the place when no target is named
# ("Thousands of Iraqi Kurds demonstrated in Kirkuk" -> Iraq).
PROTEST_ROOT = "14"
_POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her", "our", "my"})


def pick(
    actors: ArticleActors,
    groups: tuple[tuple[Token, ...], ...],
    speaker: Actor | None,
    role: str,
    sources: list[Actor] | None = None,
) -> list[Actor]:
    """The first alternative that names a known actor, else the first with an unknown named one."""
    fallback: list[Actor] = []
    for group in groups:
        found_group: list[Actor] = []
        for head in group:
            if role == "target" and _is_theme(head, sources or []):
                continue
            found = actors.resolve(head, speaker)
            if not any(a.code is not None for a in found):
                found = actors.inside(head, speaker) or found
            found_group.extend(actors.complete(a, head, role, speaker) for a in found)
        if any(a.code is not None for a in found_group):
            return [a for a in found_group if a.code is not None]
        if found_group and not fallback:
            fallback = found_group
    return fallback


def target_in_clause(actors: ArticleActors, cand: Candidate, sources: list[Actor], speaker: Actor | None) -> list[Actor]:
    """No target in the usual slots: the first known actor inside the event's clause
    ("investigating war crimes BY CROATIAN EXTREMISTS", "a new offensive in its war WITH
    IRAQ"); for a protest, failing that, the authorities of the protesters' country."""
    head = cand.light_verb or cand.trigger
    source_codes = {a.code for a in sources}
    subjects = {t.i for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "csubj") for t in c.subtree}
    for tok in head.subtree:
        if tok.i == head.i or tok.i in subjects or tok.pos_ not in ("PROPN", "NOUN", "ADJ"):
            continue
        if _is_theme(tok, sources) or _has_own_possessive(tok):
            continue
        if tok.dep_ in ("compound", "flat") and tok.head.i != head.i:
            continue  # the phrase's head speaks for it
        found = [actors.complete(a, tok, "target", speaker) for a in actors.resolve(tok, speaker) if a.code is not None]
        found = [a for a in found if a.code not in source_codes]
        if found:
            return found[:1]
    if cand.entry.cameo.startswith(PROTEST_ROOT):
        country = next((a.country for a in sources if a.country), None)
        if country is not None:
            return [
                Actor(text=sources[0].text, code=f"{country}GOV", country=country, sector="GOV",
                      matched_by="protest:authorities")
            ]
    return []


def _is_theme(head: Token, sources: list[Actor]) -> bool:
    """A source's own belongings are what it acts with, not whom it acts on:
    "Syria offered ITS troops to Lebanon", "the two sides upgraded THEIR ties";
    and "their"/"each other" after coordinated sources is the sources themselves."""
    if head.dep_ == "dobj" and _has_own_possessive(head):
        return True
    return len(sources) > 1 and head.lower_ in ("their", "them", "other", "themselves")


def _has_own_possessive(head: Token) -> bool:
    """ "Israel strengthened ITS forces in Lebanon": the forces are the source's own."""
    return any(c.dep_ == "poss" and c.lower_ in _POSSESSIVE_PRONOUNS for c in head.children)
