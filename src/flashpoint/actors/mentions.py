"""Actor mentions in a parse: the noun phrase around an argument's head token.

The phrase, not the single head word, is what the resolver reads: "Russian lawmakers",
"the Ukrainian foreign minister", "US Deputy Secretary of Energy Jane Roe".
"""

from __future__ import annotations

from spacy.tokens import Span, Token

__all__ = ["BORDER_NOUNS", "PRONOUNS", "is_pronoun", "phrase_variants", "phrase_span"]

PRONOUNS = frozenset(
    {"he", "him", "his", "she", "her", "hers", "it", "its", "they", "them", "their", "we", "us", "our", "i", "me", "my"}
)
# A border named by a neighbour places a phrase, it does not make it the neighbour's: "a rebel
# base on the CHADIAN border" is not Chadian.
BORDER_NOUNS = frozenset({"border", "frontier", "boundary", "borderland"})
# Right-hand dependents that still belong to the name ("Secretary OF STATE", "Mr. Putin").
_NAME_RIGHT_DEPS = frozenset({"compound", "flat", "appos", "nmod"})
_NAME_ENTS = frozenset({"PERSON", "ORG", "GPE"})
_LEFT_SKIP_DEPS = frozenset({"det", "predet", "punct", "cc", "preconj", "nummod", "quantmod", "advmod"})
_TITLE_PREP_HEADS = frozenset({"secretary", "minister", "ministry", "department", "president", "head", "chief", "leader", "members", "member", "government", "chairman", "director"})


def is_pronoun(token: Token) -> bool:
    return token.lower_ in PRONOUNS and token.tag_ in ("PRP", "PRP$")


def phrase_span(head: Token) -> Span:
    """The noun phrase headed by `head`, without leading determiners and without
    conjoined phrases, relative clauses or most prepositional phrases."""
    doc = head.doc
    start = head.i
    for child in head.lefts:
        if child.dep_ in ("conj", "cc"):
            continue
        start = min(start, child.left_edge.i)
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in _NAME_RIGHT_DEPS and child.i == end:
            end = child.right_edge.i + 1
        elif (
            child.dep_ == "prep"
            and child.lower_ == "of"
            and child.i == end
            and (head.lemma_.lower() in _TITLE_PREP_HEADS or _names_place(child))
        ):
            # "member OF PARLIAMENT", not "member of the crew THAT SAILED FROM LIBYA"
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            end = phrase_span(obj).end if obj is not None else child.right_edge.i + 1
        else:
            break
    while start < head.i and doc[start].dep_ in _LEFT_SKIP_DEPS:
        start += 1
    if head.ent_type_ in _NAME_ENTS:
        # a name the parser split is read whole: "BARACK Obama" with "Barack" tagged a
        # preposition and "Obama" its object
        while start > 0 and doc[start].ent_iob_ == "I" and doc[start - 1].ent_type_ == head.ent_type_:
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].ent_type_ == head.ent_type_:
            end += 1
    return doc[start:end]


def _names_place(prep: Token) -> bool:
    """'of' + a country or city: "King Hassan OF MOROCCO", "the President OF FRANCE"."""
    return any(c.dep_ == "pobj" and c.ent_type_ == "GPE" for c in prep.children)


def phrase_variants(head: Token) -> list[tuple[str, Span]]:
    """One text per actor in the phrase: "Hungarian and Romanian officials" gives
    "Hungarian officials" and "Romanian officials"."""
    span = phrase_span(head)
    for tok in span:
        if tok.dep_ in ("amod", "compound", "nmod") and tok.head.i == head.i:
            conjs = [c for c in tok.children if c.dep_ == "conj" and span.start <= c.i < span.end]
            if conjs:
                rest = [t for t in span if t.i > max(c.right_edge.i for c in conjs)]
                tail = " ".join(t.text for t in rest)
                out: list[tuple[str, Span]] = []
                for alt in [tok, *conjs]:
                    # the alternative with its own modifiers: "SIERRA LEONEAN and Liberian refugees"
                    words = span.doc[alt.left_edge.i : alt.i + 1].text
                    out.append((f"{words} {tail}".strip(), span))
                return out
    return [(span.text, span)]
