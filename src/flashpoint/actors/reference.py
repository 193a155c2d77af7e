"""Within-article reference: pronouns and bare role words point back to earlier actors.

Kept deliberately simple (recency with agreement), in the spirit of a rule-based coder:
"he"/"him" -> the last person; "it"/"its" -> the last state or organisation; "they" ->
the last plural group or state; "we"/"our"/"I" inside a quote -> the quote's speaker.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from flashpoint.model import Actor

__all__ = ["ArticleContext", "Mention"]

_PERSON_WORDS = frozenset(
    {"president", "minister", "leader", "chancellor", "premier", "king", "queen", "spokesman", "spokeswoman",
     "spokesperson", "ambassador", "envoy", "secretary", "general", "commander", "chief", "emir", "prince",
     "pope", "governor", "mayor", "senator", "official", "diplomat", "prosecutor", "judge", "head"}
)
_NOT_PERSON = frozenset({"country", "capital", "seat", "org", "institution", "region", "adjective", "place"})
_MASC_FEM = frozenset({"he", "him", "his", "she", "her", "hers"})
_NEUTER = frozenset({"it", "its"})
_PLURAL = frozenset({"they", "them", "their"})
_SPEAKER_SIDE = frozenset({"we", "us", "our", "i", "me", "my"})


@dataclass(slots=True)
class Mention:
    actor: Actor
    position: int  # token index in the article's Doc
    person: bool
    plural: bool


@dataclass(slots=True)
class ArticleContext:
    """Actors mentioned so far in one article, in reading order."""

    mentions: list[Mention] = field(default_factory=list)

    def add(self, actor: Actor, head: Token) -> None:
        if actor.matched_by in _NOT_PERSON:
            person = False  # the parser's NER calls "Kyiv" a PERSON; the gazetteer knows better
        else:
            person = head.ent_type_ == "PERSON" or actor.matched_by in ("person", "title+date", "title") or (
                head.lemma_.lower() in _PERSON_WORDS and head.tag_ in ("NN", "NNP")
            )
        plural = head.tag_ in ("NNS", "NNPS") or head.lower_ in _PLURAL
        self.mentions.append(Mention(actor, head.i, person, plural))

    def last_country(self, before: int, sentence_start: int | None = None) -> str | None:
        """The country of the nearest earlier actor that has one (in the sentence if given, else anywhere)."""
        for mention in reversed(self.mentions):
            if mention.position >= before:
                continue
            if sentence_start is not None and mention.position < sentence_start:
                break
            if mention.actor.country:
                return mention.actor.country
        return None

    def next_country(self, after: int, before: int) -> str | None:
        """The country of the first actor between token `after` and `before` (the sentence's rest).

        Mentions are registered for the whole article before coding, so later ones are known."""
        for mention in self.mentions:
            if after < mention.position < before and mention.actor.country:
                return mention.actor.country
        return None

    def last_people(self, before: int, n: int = 2) -> list[Actor]:
        """The last `n` distinct people mentioned before token `before` ("the pair", "the two leaders")."""
        found: list[Actor] = []
        for mention in reversed(self.mentions):
            if mention.position >= before or not mention.person or mention.plural:
                continue
            if all(mention.actor.code != a.code or mention.actor.name != a.name for a in found):
                found.append(mention.actor)
            if len(found) == n:
                return list(reversed(found))
        return []

    def pronoun(self, token: Token, speaker: Actor | None = None) -> Actor | None:
        """The actor a pronoun refers to, or None."""
        word = token.lower_
        if word in _SPEAKER_SIDE:
            return speaker
        # An object pronoun does not refer to its own clause's subject ("he praised him").
        clause_subjects = {c.i for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")}
        for mention in reversed(self.mentions):
            if mention.position >= token.i or mention.position in clause_subjects and token.dep_ != "nsubj":
                continue
            if word in _MASC_FEM and mention.person and not mention.plural:
                return mention.actor
            if word in _NEUTER and not mention.person and not mention.plural:
                return mention.actor
            if word in _PLURAL and (mention.plural or not mention.person):
                return mention.actor
        return None
