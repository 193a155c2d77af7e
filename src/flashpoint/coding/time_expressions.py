"""Time expressions in a parse and the clause each one dates (the strings go to timing.anchor)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

__all__ = ["date_expressions", "time_for"]

_TIME_PREPS = frozenset({"in", "on", "since", "during", "by", "until", "from", "before", "after"})


def date_expressions(doc: Doc) -> dict[int, list[str]]:
    """DATE entities keyed by the token index of the word they modify (their clause's verb
    or noun), with a leading preposition kept ("since 2014", "in 2014")."""
    out: dict[int, list[str]] = {}
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        text = ent.text
        before = doc[ent.start - 1] if ent.start > 0 else None
        if before is not None and before.lower_ in _TIME_PREPS:
            text = f"{before.text} {text}"
        head = ent.root.head
        while head.dep_ == "prep" and head.head.i != head.i:
            head = head.head
        out.setdefault(head.i, []).append(text)
    return out


def time_for(trigger: Token, light_verb: Token | None, dates: dict[int, list[str]]) -> list[str]:
    """Time expressions of the trigger's clause, else of the clauses above it: "Russia seized
    Crimea in 2014, drawing condemnation" dates the condemnation 2014 too."""
    tok = light_verb or trigger
    for own in (trigger, tok):
        if own.i in dates:
            return dates[own.i]
    steps = 0
    while tok.head.i != tok.i and steps < 6:
        tok = tok.head
        steps += 1
        if tok.i in dates:
            return dates[tok.i]
    return []
