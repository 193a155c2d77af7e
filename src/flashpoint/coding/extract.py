"""Event candidates: each trigger of a sentence with its clause and its role alternatives.

Which lexicon entry a token fires is triggers.py's decision; which of its clause's arguments
are source and target is roles.py's; both read the sentence's clauses (clauses.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from flashpoint.coding.clauses import Clause, SentenceClauses
from flashpoint.coding.roles import assign_roles
from flashpoint.coding.triggers import match_trigger
from flashpoint.resources.lexicon import Lexicon, Trigger

__all__ = ["Candidate", "extract_candidates"]


@dataclass(frozen=True, slots=True)
class Candidate:
    trigger: Token
    entry: Trigger
    light_verb: Token | None
    clause: Clause
    # Alternatives in order of preference; each alternative is a coordinated group
    # ("NATO and the EU" is one group of two heads).
    sources: tuple[tuple[Token, ...], ...]
    targets: tuple[tuple[Token, ...], ...]

    @property
    def passive(self) -> bool:
        return self.clause.passive

    @property
    def action_tokens(self) -> tuple[Token, ...]:
        return (self.light_verb, self.trigger) if self.light_verb is not None else (self.trigger,)


def extract_candidates(sent: Span, lexicon: Lexicon, clauses: SentenceClauses | None = None) -> Iterator[Candidate]:
    """Every trigger in the sentence with its argument heads (not yet resolved to actors)."""
    clauses = clauses or SentenceClauses(sent)
    lemmas = lexicon.lemmas
    for token in sent:
        if token.lemma_.lower() not in lemmas:
            continue
        match = match_trigger(token, lexicon)
        if match is None:
            continue
        entry, light = match
        clause = clauses.of(token, light)
        roles = assign_roles(clause, entry, clauses)
        yield Candidate(token, entry, light, clause, roles.sources, roles.targets)
