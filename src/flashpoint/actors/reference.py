"""Within-article reference: pronouns and bare role words point back to earlier actors.

Kept deliberately simple (recency with agreement), in the spirit of a rule-based coder.
Agreement: "he"/"him"/"his" -> a person; "it"/"its" -> a state or organisation (never a
person, and a body named after a person is not one: "the Trump administration" is an "it");
"they" -> a plural group or a state; "we"/"our"/"I" inside a quote -> the quote's speaker.

A subject pronoun ("he said", "it warned") looks, in this order, at:
  1. the subjects of the clauses that govern it, nearest first: in "Kerry, after Assad
     claimed ..., ridiculed the Syrian president ... as HE urged the UN", "he" is Kerry, the
     subject of "ridiculed", not the nearer object "the Syrian president";
  2. the most recent mention earlier in its own sentence ("urged the UN to act when IT meets");
  3. the most recent subject of the previous sentence ("Obama met Putin. He said ...");
  4. the most recent mention of any role.
An object or possessive pronoun takes the most recent mention (step 4). No pronoun but a
possessive refers to an object of its own clause ("the senator praised her for ..."), nor an
object pronoun to its own clause's subject ("he praised him").
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Token

from flashpoint.model import Actor

__all__ = ["ArticleContext", "Mention"]

_PERSON_WORDS = frozenset(
    {"president", "minister", "leader", "chancellor", "premier", "king", "queen", "spokesman", "spokeswoman",
     "spokesperson", "ambassador", "envoy", "secretary", "general", "commander", "chief", "emir", "prince",
     "pope", "governor", "mayor", "senator", "official", "diplomat", "prosecutor", "judge", "head"}
)
# Titles written before a name: "Tory peer LORD Hale", "Labour MP Tom Smith", "Sen. Jane Roe".
_TITLE_WORDS = frozenset(
    {"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "baroness", "peer", "mp", "sen", "rep", "gov",
     "senator", "congressman", "congresswoman", "lawmaker", "chairman", "chairwoman", "director"}
)
_NOT_PERSON = frozenset({"country", "capital", "seat", "org", "institution", "region", "adjective", "place"})
_MASC_FEM = frozenset({"he", "him", "his", "she", "her", "hers"})
_NEUTER = frozenset({"it", "its"})
_PLURAL = frozenset({"they", "them", "their"})
_SPEAKER_SIDE = frozenset({"we", "us", "our", "i", "me", "my"})
_POSSESSIVE = frozenset({"his", "her", "hers", "its", "their"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_OBJECT_DEPS = frozenset({"dobj", "pobj", "dative", "attr", "oprd"})


@dataclass(slots=True)
class Mention:
    actor: Actor
    position: int  # token index in the article's Doc
    person: bool
    plural: bool
    subject: bool = False  # the head is a clause's subject


# Countries whose names are written family name first in English news: "Liu Yunshan ... Liu",
# "Kim Jong Un ... Kim", "Xi Jinping ... Xi".
FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "HKG", "PRK", "KOR", "VNM"})


def _family_name_first(head: Token, actor: Actor) -> Token | None:
    """The family name of a person named in family-name-first order, when it is not the head."""
    if actor.country not in FAMILY_NAME_FIRST:
        return None
    names = [c for c in head.lefts if c.dep_ == "compound" and c.pos_ == "PROPN" and c.ent_type_ == "PERSON"]
    return names[0] if names else None


@dataclass(slots=True)
class ArticleContext:
    """Actors mentioned so far in one article, in reading order."""

    mentions: list[Mention] = field(default_factory=list)
    # Token positions of `mentions` (added in reading order, so sorted) for bisecting.
    _positions: list[int] = field(default_factory=list)
    # Head word of each person or named mention -> the mentions, for "Dr Okafor" after "Ngozi Okafor".
    _by_last_word: dict[str, list[Mention]] = field(default_factory=dict)

    def add(self, actor: Actor, head: Token) -> None:
        if actor.matched_by == "org" and head.pos_ == "PROPN" and _titled(head):
            person = True  # "Tory peer Lord Hale": the party names his side, the head a man
        elif actor.matched_by in _NOT_PERSON:
            person = False  # the parser's NER calls "Kyiv" a PERSON; the gazetteer knows better
        elif head.pos_ == "NOUN" and head.ent_type_ != "PERSON" and head.lemma_.lower() not in _PERSON_WORDS:
            # "the Trump administration", "Putin's government": a body named after a person
            person = False
        else:
            person = head.ent_type_ == "PERSON" or actor.matched_by in ("person", "title+date", "title") or (
                head.lemma_.lower() in _PERSON_WORDS and head.tag_ in ("NN", "NNP")
            )
        plural = head.tag_ in ("NNS", "NNPS") or head.lower_ in _PLURAL
        mention = Mention(actor, head.i, person, plural, head.dep_ in _SUBJECT_DEPS)
        if self._positions and head.i < self._positions[-1]:
            # out of reading order (not done by register_mentions): keep both lists sorted
            k = bisect_left(self._positions, head.i)
            self.mentions.insert(k, mention)
            self._positions.insert(k, head.i)
        else:
            self.mentions.append(mention)
            self._positions.append(head.i)
        if actor.code is not None and (person or head.pos_ == "PROPN"):
            self._by_last_word.setdefault(head.lower_, []).append(mention)
            family = _family_name_first(head, actor) if person or head.ent_type_ == "PERSON" else None
            if family is not None:
                self._by_last_word.setdefault(family.lower_, []).append(mention)

    def last_country(
        self, before: int, sentence_start: int | None = None, skip: frozenset[int] = frozenset()
    ) -> str | None:
        """The country of the nearest earlier actor that has one (in the sentence if given, else
        anywhere), leaving out mentions at the `skip` token positions."""
        for mention in reversed(self.mentions):
            if mention.position >= before or mention.position in skip:
                continue
            if sentence_start is not None and mention.position < sentence_start:
                break
            if mention.actor.country:
                return mention.actor.country
        return None

    def next_country(self, after: int, before: int, skip: frozenset[int] = frozenset()) -> str | None:
        """The country of the first actor between token `after` and `before` (the sentence's rest).

        Mentions are registered for the whole article before coding, so later ones are known."""
        for mention in self.mentions:
            if after < mention.position < before and mention.position not in skip and mention.actor.country:
                return mention.actor.country
        return None

    def named_before(self, head: Token) -> Actor | None:
        """The last earlier person or named body whose phrase has the same head word: "Dr Ngozi
        Okafor ... Dr Okafor", "Czech grid operator Elnet ... Elnet". The head word, not
        any word, so "Fox" never borrows from "Fox News" (whose head is "News")."""
        same = self._by_last_word.get(head.lower_, [])
        return next((m.actor for m in reversed(same) if m.position < head.i), None)

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

    def pronoun(
        self, token: Token, speaker: Actor | None = None, sentence_start: int = 0, previous_start: int = 0
    ) -> Actor | None:
        """The actor a pronoun refers to, or None (see the module docstring for the order).

        `sentence_start` and `previous_start` are the first tokens of the pronoun's sentence
        and of the one before it (0 when unknown: every earlier mention is then "in the sentence").
        """
        word = token.lower_
        if word in _SPEAKER_SIDE:
            return speaker
        # Newest first, lazily: most pronouns resolve within a few mentions, and an article
        # may hold thousands (agreement is checked before the dearer clause test).
        earlier = self.mentions[: bisect_left(self._positions, token.i)]

        def candidates(start: int = 0, subjects: bool = False) -> Iterator[Mention]:
            for m in reversed(earlier):
                if m.position < start:
                    return
                if (not subjects or m.subject) and _agrees(word, m) and self._may_refer(token, m):
                    yield m

        if token.dep_ in _SUBJECT_DEPS and word not in _POSSESSIVE:
            for position in _governing_subjects(token):
                k = bisect_left(self._positions, position)
                if k < len(earlier) and earlier[k].position == position:
                    found = earlier[k]
                    if _agrees(word, found) and self._may_refer(token, found):
                        return found.actor
                elif _plural_agrees(word, token.doc[position]):
                    # "many experts say THEY are skeptical": the pronoun is the experts, who are
                    # no actor; it must not fall through to an earlier one
                    return None
            for mention in candidates(sentence_start):
                return mention.actor
            for mention in candidates(previous_start, subjects=True):
                return mention.actor
        return next((m.actor for m in candidates()), None)

    @staticmethod
    def _may_refer(token: Token, mention: Mention) -> bool:
        """False for a mention the pronoun's own clause rules out (see the module docstring)."""
        other = token.doc[mention.position]
        if token.dep_ != "nsubj" and other.dep_ in _SUBJECT_DEPS and other.head.i == token.head.i:
            return False
        if token.lower_ not in _POSSESSIVE and other.dep_ in _OBJECT_DEPS:
            return _clause_verb(other) != _clause_verb(token)
        return True


def _titled(head: Token) -> bool:
    """A name with a title or person word among its left modifiers ("Hamas leader X")."""
    return any(
        c.dep_ in ("compound", "amod", "nmod") and (c.lower_.rstrip(".") in _TITLE_WORDS or c.lemma_.lower() in _PERSON_WORDS)
        for c in head.lefts
    )


def _agrees(word: str, mention: Mention) -> bool:
    """Whether a pronoun can stand for the mention (person, number)."""
    if word in _MASC_FEM:
        return mention.person and not mention.plural
    if word in _NEUTER:
        return not mention.person and not mention.plural
    if word in _PLURAL:
        return mention.plural or not mention.person
    return False


def _clause_verb(token: Token) -> int:
    """Index of the verb whose clause holds `token` (the root when there is none)."""
    tok = token
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok.i


def _plural_agrees(word: str, subject: Token) -> bool:
    """A plural pronoun and a plural common noun: "experts ... THEY", "analysts ... THEIR"."""
    return word in ("they", "their", "them") and subject.tag_ == "NNS"


def _governing_subjects(token: Token) -> list[int]:
    """Subjects before `token` of the verbs above its own clause, nearest clause first."""
    out: list[int] = []
    tok = token.doc[_clause_verb(token)]
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            out.extend(c.i for c in tok.children if c.dep_ in _SUBJECT_DEPS and c.i < token.i)
    return out
