"""Time expressions in a parse and the clause each one dates (the strings go to timing.anchor)."""

from __future__ import annotations

from spacy.tokens import Doc

from flashpoint.coding.clauses import Clause, Link, Role, SentenceClauses

__all__ = ["OCCASION_VERBS", "anterior_cue", "clause_times", "date_expressions"]

_TIME_PREPS = frozenset({"in", "on", "since", "during", "by", "until", "from", "before", "after"})


# Expressions that name the year last mentioned: "a news conference THAT YEAR".
_ANAPHORIC_YEAR = frozenset({"that year", "the same year", "that same year", "the following year", "the next year", "the previous year", "the year before"})
_YEAR_SHIFT = {"the following year": 1, "the next year": 1, "the previous year": -1, "the year before": -1}


def _year_in(text: str) -> int | None:
    for word in text.replace(",", " ").split():
        if len(word) == 4 and word.isdigit() and 1800 <= int(word) <= 2100:
            return int(word)
    return None


def date_expressions(doc: Doc) -> dict[int, list[str]]:
    """DATE entities keyed by the token index of the word they modify (their clause's verb
    or noun), with a leading preposition kept ("since 2014", "in 2014"). An expression that
    names the year last mentioned ("that year", "the following year") is given as that year
    ("in 2016"), read from the DATE and EVENT entities before it (in parsed sentences)."""
    out: dict[int, list[str]] = {}
    last_year: int | None = None
    for ent in doc.ents:
        if ent.label_ in ("DATE", "EVENT"):
            lowered = " ".join(ent.text.lower().split())
            if ent.label_ == "DATE" and lowered in _ANAPHORIC_YEAR:
                if last_year is None:
                    continue  # no year to refer to: not a date of this article
                head = ent.root.head
                while head.dep_ == "prep" and head.head.i != head.i:
                    head = head.head
                out.setdefault(head.i, []).append(f"in {last_year + _YEAR_SHIFT.get(lowered, 0)}")
                continue
            last_year = _year_in(ent.text) or last_year
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
    _date_definite_mentions(doc, out)
    return out


# Verbs of taking part in an occasion: "HAD a dinner in November", "ATTENDED the 2014 summit".
# The occasion's time is the verb's, and the verb's is the occasion's.
OCCASION_VERBS = frozenset({"have", "hold", "host", "attend", "join", "chair", "boycott", "skip", "stage"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def _date_definite_mentions(doc: Doc, out: dict[int, list[str]]) -> None:
    """A definite noun with no time of its own takes the time of the nearest earlier mention
    of the same noun that had one: "the 2012 attacks ... THE ATTACKS that killed the envoy",
    "had a dinner in November ... when he attended THE DINNER" (both 2012, both November).
    An earlier mention's time is its own, or its occasion verb's ("HAD a dinner in November")."""
    last: dict[str, list[str]] = {}
    for tok in doc:
        if tok.pos_ != "NOUN":
            continue
        lemma = tok.lemma_.lower()
        own = out.get(tok.i)
        if own is None and tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in OCCASION_VERBS:
            own = out.get(tok.head.i)
        if own:
            last[lemma] = own
        elif lemma in last and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in tok.children):
            out[tok.i] = list(last[lemma])


# What a clause takes from its governor (clauses.Link); its own expressions come first, and an
# inherited one is used only when none of its own resolves (timing.anchor takes the first that does):
#   XCOMP, ADVCL   the governor's time ("agreed on Monday TO HOLD talks"; "Russia seized Crimea in
#                  2014, DRAWING condemnation")
#   CONJ           the first conjunct's time when it shares that conjunct's subject ("seized the
#                  Golan in 1967 and ANNEXED it 14 years later"); not when it has its own subject
#   RELCL          the time of the clause holding the noun, when the relative says where or when
#                  ("a summit that spring AT WHICH the leaders SIGNED the pact")
#   NOUN_ARG       the governing clause's time: an event noun is told in its verb's clause
#                  ("..., drawing CONDEMNATION"; "launched an ATTACK on Monday")
#   CCOMP          nothing: a reported clause is not dated by its report ("Germany said on Tuesday
#                  that Russia HAD ATTACKED")
#   ACL, PARATAXIS, ROOT   nothing
_TIME_INHERITING = frozenset({Link.XCOMP, Link.ADVCL, Link.NOUN_ARG})
_SITUATING_RELATIVES = frozenset({"which", "when", "where"})


def clause_times(clause: Clause, clauses: SentenceClauses) -> list[str]:
    """The time expressions that may date the event of `clause`, its own first, then inherited."""
    out: list[str] = list(clause.times)
    if clause.lemma in OCCASION_VERBS:
        # "attended THE 2014 SUMMIT": when the occasion was
        occasion = clause.first(Role.OBJECT)
        if occasion is not None:
            out.extend(clauses.dates.get(occasion.i, []))
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


# Adverbs that put a clause well before the news without naming when: "the regime, which has
# used chemical weapons BEFORE", "was ONCE a colony". Not "earlier" ("earlier on Monday" is news)
# nor "previously", which news uses for last week as readily as for last decade.
_ANTERIOR = frozenset({"before", "formerly", "once"})


def anterior_cue(clause: Clause) -> str | None:
    """The adverb that makes `clause` background with no date of its own, if any."""
    return next((t.text for t in clause.adverbs if t.lower_ in _ANTERIOR), None)
