"""Time expressions in a parse and the clause each one dates (the strings go to timing.anchor)."""

from __future__ import annotations

from spacy.tokens import Doc

from flashpoint.coding.clauses import Clause, Link, Role, SentenceClauses

__all__ = ["clause_times", "date_expressions"]

_TIME_PREPS = frozenset({"in", "on", "since", "during", "by", "until", "from", "before", "after"})


def date_expressions(doc: Doc) -> dict[int, list[str]]:
    """DATE entities keyed by the token index of the word they modify (their clause's verb
    or noun), with a leading preposition kept ("since 2014", "in 2014")."""
    out: dict[int, list[str]] = {}
    for ent in doc.ents:
        if ent.label_ == "EVENT":
            # "the 1967 Six Day War", "the 2014 Winter Olympics": the year dates what the event
            # phrase is attached to.
            year = next((t.text for t in ent if len(t.text) == 4 and t.text.isdigit() and 1800 <= int(t.text) <= 2100), None)
            if year is not None:
                out.setdefault(ent.root.i, []).append(f"in {year}")
            continue
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


# What a clause takes from its governor (clauses.Link); its own expressions come first, and an
# inherited one is used only when none of its own resolves (timing.anchor takes the first that does):
#   XCOMP, ADVCL   the governor's time ("agreed on Monday TO HOLD talks"; "Russia seized Crimea in
#                  2014, DRAWING condemnation")
#   CONJ           the first conjunct's time when it shares that conjunct's subject ("seized the
#                  Golan in 1967 and ANNEXED it 14 years later"); not when it has its own subject
#   RELCL          the time of the clause holding the noun, when the relative says where or when
#                  ("a news conference that year IN WHICH he CRITICIZED Clinton")
#   NOUN_ARG       the governing clause's time: an event noun is told in its verb's clause
#                  ("..., drawing CONDEMNATION"; "launched an ATTACK on Monday")
#   CCOMP          nothing: a reported clause is not dated by its report ("Germany said on Tuesday
#                  that Russia HAD ATTACKED")
#   ACL, PARATAXIS, ROOT   nothing
_TIME_INHERITING = frozenset({Link.XCOMP, Link.ADVCL, Link.NOUN_ARG})
_SITUATING_RELATIVES = frozenset({"which", "when", "where"})


def clause_times(clause: Clause, clauses: SentenceClauses) -> list[str]:
    """The time expressions that may date the event of `clause`, its own first, then inherited."""
    out: list[str] = []
    current = clause
    for _ in range(6):
        out.extend(t for t in current.times if t not in out)
        link = current.link
        if link is Link.RELCL and _situating(current):
            holder = clauses.clause_at(current.anchor.head)
            out.extend(t for t in holder.times if t not in out)
            return out
        if not ((link is Link.CONJ and current.first(Role.SUBJECT) is None) or link in _TIME_INHERITING):
            return out
        governor = clauses.governing(current)
        if governor is None:
            return out
        current = governor
    return out


def _situating(clause: Clause) -> bool:
    """A relative clause introduced by "in which", "during which", "when", "where"."""
    for tok in clause.anchor.children:
        if tok.dep_ == "advmod" and tok.lower_ in ("when", "where"):
            return True
        if tok.dep_ == "prep" and any(g.lower_ in _SITUATING_RELATIVES for g in tok.children):
            return True
    return False
