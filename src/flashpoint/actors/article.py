"""Actors of one article: each token's actor as of the article date, in reading order.

`ArticleActors` resolves noun phrases with the gazetteer (via ActorResolver), keeps the
reference context that pronouns need, searches inside phrases that are not actors
themselves ("a group OF MOROCCAN DIPLOMATS"), and completes bare roles ("some units")
with a country from their context. It is built once per article and caches per token.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from flashpoint.actors.mentions import BORDER_NOUNS, is_pronoun, phrase_span, phrase_variants
from flashpoint.actors.reference import ArticleContext
from flashpoint.actors.resolve import ActorResolver
from flashpoint.model import Actor
from flashpoint.resources.gazetteer import Gazetteer

__all__ = ["DOMINANT_MIN", "DOMINANT_SHARE", "HOME_SECTORS", "ArticleActors", "SPEAKER_PRONOUNS", "clause_of"]

# A dominant country needs this many mentions and this share of the mentions with a country.
DOMINANT_MIN = 3
DOMINANT_SHARE = 0.5
# Sectors a story names without a country word mostly for its own state: "the agency",
# "a federal judge", "lawmakers", "police". Armed and non-state groups (MIL, REB, OPP, CVL ...)
# are as often the foreign side the story is about ("the fighters battling the regime" in a
# US story on Syria), so they keep the nearest earlier country.
HOME_SECTORS = frozenset({"GOV", "LEG", "JUD", "COP", "PTY"})

# Named-entity types that make an unresolved phrase a (kept) unknown actor.
_ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
_NOT_ACTOR_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"})
# Dependents that head an actor-bearing noun phrase, registered for later reference.
_MENTION_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "poss", "appos", "conj", "dative", "attr", "ROOT", "npadvmod"})
# First-person pronouns: inside a quote they are the speaker's side, resolved per quote.
SPEAKER_PRONOUNS = frozenset({"we", "us", "our", "i", "me", "my"})
# Where an actor may sit inside a noun phrase that is not one itself.
_INSIDE_DEPS = frozenset({"poss", "compound", "amod", "appos", "nmod"})
_INSIDE_PREPS = frozenset({"of", "from", "in", "for", "with", "against", "on", "to", "between", "among", "by"})
_SOURCE_INSIDE_PREPS = frozenset({"of", "from", "in", "among", "by"})


class ArticleActors:
    """Per-article actor resolution: caches, reference context, sentence bounds."""

    def __init__(self, doc: Doc, published: date | None, resolver: ActorResolver, gazetteer: Gazetteer) -> None:
        self.doc = doc
        self.published = published
        self.resolver = resolver
        self.gazetteer = gazetteer
        self.context = ArticleContext()
        self.actors: dict[int, list[Actor]] = {}
        self.sents = list(doc.sents)  # once: Token.sent walks the whole Doc on every call
        self.dateline_end = _dateline_end(doc)
        self._starts = [s.start for s in self.sents]
        self._dominant: str | None = None  # "" once computed and none leads
        # The country whose authorities last acted by coercion (arrest, charge ...) in the story:
        # the implicit agent of the next coercion told from its target's side.
        self.authorities: str | None = None

    def sentence_start(self, i: int) -> int:
        return self._starts[bisect_right(self._starts, i) - 1] if self._starts else 0

    def sentence_end(self, i: int) -> int:
        k = bisect_right(self._starts, i)
        return self._starts[k] if k < len(self._starts) else len(self.doc)

    def _previous_sentence_start(self, i: int) -> int:
        k = bisect_right(self._starts, i) - 2
        return self._starts[k] if k >= 0 else 0

    def resolve(self, head: Token, speaker: Actor | None = None) -> list[Actor]:
        """The actors a phrase head names (several for "Hungarian and Romanian officials")."""
        if head.i in self.actors and not (speaker is not None and head.lower_ in SPEAKER_PRONOUNS):
            return self.actors[head.i]
        found = self._resolve(head, speaker)
        self.actors[head.i] = found
        return found

    def _resolve(self, head: Token, speaker: Actor | None) -> list[Actor]:
        span = (head.idx, head.idx + len(head.text))
        if is_pronoun(head):
            ref = self.context.pronoun(
                head, speaker, self.sentence_start(head.i), self._previous_sentence_start(head.i)
            )
            return [ref.at(head.text, span)] if ref is not None else []
        if _names_a_pair(head):
            pair = self.context.last_people(head.i)
            return [a.at(head.text, span) for a in pair]
        if head.i < self.dateline_end:
            return []  # "GAZA CITY, Palestinian Territories:" says where, not who
        appos = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if appos is not None and head.pos_ == "NOUN":
            # "the militant group al-Shabab": the name, not the description, says who
            named = [a for a in self.resolve(appos, speaker) if a.code is not None]
            if named:
                return named
        resolver = self.resolver
        on = self.published
        found: list[Actor] = []
        for text, phrase in phrase_variants(head):
            actor = resolver.resolve(text, on)
            if actor is None and len(phrase) == 1 and head.pos_ == "ADJ":
                country = self.gazetteer.adjective_country(head.text)
                if country:
                    actor = Actor(text=head.text, code=country, country=country, matched_by="adjective")
            if actor is not None and actor.matched_by == "sector" and not self._agent_noun_in(phrase):
                actor = None  # "a PUBLIC hearing", "NAVAL exercises": an adjective names no agent
            if actor is not None:
                found.append(actor.at(text, _char_span(phrase)))
        if found and appos is not None and head.pos_ == "NOUN" and found[0].code is not None:
            # "the Czech company that runs the grid, Elnet": an unknown name takes its
            # description's actor, so that later "Elnet" finds it (reference.named_before).
            name_span = (appos.idx, appos.idx + len(appos.text))
            self.actors[appos.i] = [found[0].at(appos.text, name_span)]
        if found and any(t.lower_ == "ethnic" for t in phrase_span(head)):
            # "ethnic Albanians in Serbia": a people, not the state its name comes from; the
            # country is completed from where they are (complete)
            return [replace(a, code=a.sector or "CVL", country=None, sector=a.sector or "CVL", matched_by="ethnic") for a in found]
        if found:
            return found
        if head.pos_ == "PROPN" or head.ent_type_ in _ACTOR_ENTS:
            phrase = phrase_variants(head)[0][1]
            if head.pos_ == "PROPN" and head.ent_type_ not in _NOT_ACTOR_ENTS:
                # "Dr Okafor" after "Dr Ngozi Okafor": the same person, named again by surname
                earlier = self.context.named_before(head)
                if earlier is not None:
                    return [earlier.at(phrase.text, _char_span(phrase))]
                # "Liu Yunshan, a member of the Chinese Communist Party": an unknown name takes
                # its description's actor
                described = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)
                if described is not None:
                    known = [a for a in self.resolve(described, speaker) if a.code is not None]
                    if known:
                        return [known[0].at(phrase.text, _char_span(phrase))]
            if head.ent_type_ not in _NOT_ACTOR_ENTS:
                return [Actor(text=phrase.text, code=None, span=_char_span(phrase), matched_by="unresolved")]
        return []

    def complete(
        self,
        actor: Actor,
        head: Token,
        role: str,
        speaker: Actor | None,
        foreign: frozenset[int] = frozenset(),
        scope: range | None = None,
    ) -> Actor:
        """A bare role ("some units", "the police", "President X") takes a country from context.

        Sources look, in order: inside their own phrase ("security forces IN GUINEA"), earlier in
        their own clause, at the speaker of the reported speech that holds them ("He confirmed
        that some units would be pulled back": Russian units), earlier in the sentence, later in
        their clause, at the article's dominant country for the HOME_SECTORS (`dominant_country`:
        "EPA officials" in a US story that also names Italy are American), earlier in the
        article. Targets look inside their
        phrase, later then earlier in their clause ("killed 23 people in TEL AVIV"), at the
        speaker, earlier in the sentence ("bombarded Kharkiv in UKRAINE, killing civilians");
        never at the dominant country, which names the article's own side.
        Neither looks inside the event's other participant (`foreign` token positions): an
        actor is never borrowed across arguments ("officials accused RUSSIA" are not Russian).
        After itself, a source looks only inside its event's clause (`scope`, when given):
        "officials who met in 2019 accused RUSSIA" did not meet as Russians.
        """
        if actor.country or not actor.sector or actor.code != actor.sector:
            return actor
        inner = self.inside(head)
        country = next((a.country for a in inner if a.country), None)
        # how the country was found: "sector+phrase" by the role's own words ("rebels IN MALI"),
        # "sector+clause" in its clause, "sector+context" guessed from the sentence, speaker or
        # article, which a stronger reading may overrule (participants.domestic_opponents)
        how = "sector+phrase"
        if country is None:
            start, end = self.sentence_start(head.i), self.sentence_end(head.i)
            clause = clause_of(head)
            clause_start = max(start, clause.left_edge.i)
            after = self.context.next_country(head.i, min(end, clause.right_edge.i + 1), foreign)
            if role == "target":
                in_clause = after or self.context.last_country(head.i, clause_start, foreign)
                country = (
                    in_clause
                    or (speaker.country if speaker is not None else None)
                    or self.context.last_country(head.i, start, foreign)
                )
            else:
                in_clause = self.context.last_country(head.i, clause_start, foreign)
                country = (
                    in_clause
                    or (speaker.country if speaker is not None else None)
                    or self.context.last_country(head.i, start, foreign)
                    or (
                        self.context.next_country(head.i, min(end, scope.stop), foreign)
                        if scope is not None
                        else after
                    )
                    or (self.dominant_country() if actor.sector in HOME_SECTORS else None)
                    or self.context.last_country(head.i, None, foreign)
                )
            how = "sector+clause" if in_clause else "sector+context"
        if country is None:
            return actor
        return replace(actor, country=country, code=f"{country}{actor.sector}", matched_by=how)

    def dominant_country(self) -> str | None:
        """The country most of the article's actors belong to, when one clearly leads.

        Counted over every registered mention with a country (regions such as WST count too),
        once `register_mentions` has run. "Clearly" is at least DOMINANT_MIN mentions and
        DOMINANT_SHARE of them: a story about Kentucky names the US far more than anything
        else, a summit story between two states has no dominant country. Cached per article.
        """
        if self._dominant is None:
            counts = Counter(m.actor.country for m in self.context.mentions if m.actor.country)
            ranked = counts.most_common(1)
            total = sum(counts.values())
            self._dominant = ""
            if ranked and ranked[0][1] >= DOMINANT_MIN and ranked[0][1] >= DOMINANT_SHARE * total:
                self._dominant = ranked[0][0]
        return self._dominant or None

    def speaker_at(self, head: Token) -> Actor | None:
        """The actor a speaker's phrase names, completed with a country ("a spokesperson for
        the Israeli prime minister")."""
        found = self.resolve(head)
        if not found:
            return None
        speaker = found[0]
        reports = [c for c in head.head.children if c.dep_ in ("ccomp", "xcomp")] if head.dep_ in ("nsubj", "nsubjpass") else []
        # A bare speaker after its report is taken to be of the report's actor's side ("ISRAELI
        # aircraft struck Gaza, the army said": not the army of Gaza) ...
        if not speaker.country and speaker.sector and speaker.code == speaker.sector:
            for report in (r for r in reports if r.i < head.i):
                subject = next((c for c in report.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                actor = next((a for a in self.resolve(subject) if a.country), None) if subject is not None else None
                if actor is not None:
                    return replace(speaker, country=actor.country, code=f"{actor.country}{speaker.sector}", matched_by="sector+context")
        # ... and never takes a country from what it reports ("the spokesman said that CHINA should ...")
        reported = frozenset(t.i for r in reports for t in r.subtree)
        return self.complete(speaker, head, "source", None, reported)

    def register_mentions(self) -> None:
        """Resolve every phrase head in reading order, so pronouns find their antecedents."""
        for token in self.doc:
            if token.pos_ not in ("NOUN", "PROPN", "PRON") or token.dep_ not in _MENTION_DEPS:
                continue
            if token.lower_ in SPEAKER_PRONOUNS or token.lemma_.lower() in BORDER_NOUNS:
                continue  # "on the THAI border" places, and gives no country to the words around it
            for actor in self.resolve(token):
                if actor.code is not None or token.ent_type_ == "PERSON":
                    self.context.add(actor, token)

    def inside(self, head: Token, speaker: Actor | None = None, role: str | None = None) -> list[Actor]:
        """Known actors inside a noun phrase, nearest to its head first (two levels deep). For
        a source, not the phrase's recipient or topic: "a letter TO THE MINISTER by two senators
        requested ..." is the senators' request."""
        preps = _SOURCE_INSIDE_PREPS if role == "source" else _INSIDE_PREPS
        frontier = [head]
        for _depth in range(2):
            nxt: list[Token] = []
            for tok in frontier:
                for child in tok.children:
                    if child.dep_ in _INSIDE_DEPS:
                        nxt.append(child)
                    elif child.dep_ == "prep" and child.lower_ in preps:
                        # not a border: "a guerrilla stronghold on the THAI border" is not Thai
                        nxt.extend(g for g in child.children if g.dep_ == "pobj" and g.lemma_.lower() not in BORDER_NOUNS)
            for tok in nxt:
                found = [a for a in self.resolve(tok, speaker) if a.code is not None]
                if found:
                    return found
            frontier = nxt
        return []

    def _agent_noun_in(self, phrase: Span) -> bool:
        """Whether a noun of the phrase (not an adjective) is an agent noun ("the public", "army units")."""
        return any(t.pos_ in ("NOUN", "PROPN") and self.gazetteer.sector(t.text) is not None for t in phrase)

    def earlier_owner(self, head: Token, speaker: Actor | None = None) -> list[Actor]:
        """The actors of an earlier mention that a definite noun refers back to: "Norway
        criticized THE REPORT" after "the Swedish auditors' report" -> Sweden; "called THE
        DECISION a mistake" after "Kenya's decision" -> Kenya. Only a noun with "the", "this"
        or "that" and no actor of its own; the nearest earlier mention of the same word that
        names an author is used (in parsed text: a sentence the prefilter skipped is not searched)."""
        if head.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in head.children):
            return []
        lemma = head.lemma_.lower()
        start = max(0, head.i - EARLIER_OWNER_WINDOW)
        for earlier in reversed(self.doc[start : head.i]):
            if earlier.pos_ == "NOUN" and earlier.lemma_.lower() == lemma:
                found = self._author(earlier, speaker)
                if found:
                    return found  # the nearest mention that names one ("The report said ..." does not)
        return []

    def same_as(self, head: Token, speaker: Actor | None = None) -> list[Actor]:
        """What a definite description with no country of its own names: the actor of the
        nearest earlier mention of the same noun that has one ("Syrian rebels ... THE REBELS"),
        else of its first mention in the next two sentences ("Police arrested THE CAPTAIN. ...
        The Tunisian captain, 27, ..."). The noun may head its mention or name its role
        ("Tunisian CAPTAIN Ali Malek"). Re-spanned to `head`: the evidence is this mention."""
        if head.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in head.children):
            return []
        lemma = head.lemma_.lower()
        start = max(0, head.i - EARLIER_OWNER_WINDOW)
        next_end = self.sentence_end(self.sentence_end(self.sentence_end(head.i)))
        earlier = reversed(self.doc[start : self.sentence_start(head.i)])
        later = self.doc[self.sentence_end(head.i) : next_end]
        for tok in (*earlier, *later):
            if tok.pos_ not in ("NOUN", "PROPN") or tok.lemma_.lower() != lemma:
                continue  # a title word is often tagged a name: "Albanian SKIPPER Arben Hoxha"
            mention = tok.head if tok.dep_ == "compound" else tok
            found = [a for a in self.resolve(mention, speaker) if a.country]
            if found:
                span = (head.idx, head.idx + len(head.text))
                return [a.at(head.text, span) for a in found]
        return []

    def _author(self, earlier: Token, speaker: Actor | None) -> list[Actor]:
        """Who made a mentioned thing, not what it is about: "the INSPECTORS' report on Syria",
        "a report BY the UN", "THE AUDITORS published a report"."""
        owners = [c for c in earlier.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
        owners += [g for c in earlier.children if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from") for g in c.children if g.dep_ == "pobj"]
        if earlier.dep_ in ("dobj", "nsubjpass") and earlier.head.pos_ in ("VERB", "AUX"):
            owners += [c for c in earlier.head.children if c.dep_ == "nsubj"]
            owners += [g for c in earlier.head.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        for owner in owners:
            found = [a for a in self.resolve(owner, speaker) if a.code is not None] or self.inside(owner, speaker)
            if found:
                return found
        return []


# How far back (tokens) a definite noun looks for the mention it refers to: about three paragraphs.
EARLIER_OWNER_WINDOW = 400
_DEFINITE = frozenset({"the", "this", "that"})

# A wire-story dateline: "GAZA CITY, Palestinian Territories: ...", "WASHINGTON - ...".
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,40}(?:,[^:\n]{1,40})?\s*(?::|--|-|\u2014|\u2013)\s")


def _dateline_end(doc: Doc) -> int:
    """Token index just past a leading dateline, or 0."""
    match = _DATELINE.match(doc.text[:120])
    if match is None:
        return 0
    span = doc.char_span(0, match.end(), alignment_mode="expand")
    return span.end if span is not None else 0


def _char_span(span: Span) -> tuple[int, int]:
    return (span.start_char, span.end_char)



_PAIR_NOUNS = frozenset({"leader", "man", "woman", "president", "minister", "official", "premier", "diplomat"})


def _names_a_pair(head: Token) -> bool:
    """ "the pair", "the two leaders", "both men": the last two people mentioned."""
    if head.lower_ == "pair" and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return True
    if head.lemma_.lower() in _PAIR_NOUNS and head.tag_ == "NNS":
        return any(c.lower_ in ("two", "both") and c.dep_ in ("nummod", "det", "predet") for c in head.children)
    return False


def clause_of(token: Token) -> Token:
    """The verb whose clause holds `token` (the token itself when it is the root)."""
    tok = token
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


