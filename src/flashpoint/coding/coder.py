"""Coder: parsed articles -> CodedArticle (events, quotes, failures).

The flow for one Doc: register every actor mention in reading order (so pronouns find
their antecedents), find quotes and their speakers, then for each trigger in each
sentence resolve source and target, mode, date and speaker, and build an Event.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from flashpoint.actors import ActorResolver
from flashpoint.actors.mentions import is_pronoun, phrase_variants
from flashpoint.actors.reference import ArticleContext
from flashpoint.coding.extract import Candidate, extract_candidates
from flashpoint.coding.modality import mode_of, obligation, stated_intention
from flashpoint.coding.quotes import QuoteSpan, find_quotes
from flashpoint.coding.timing import anchor, is_background
from flashpoint.config import Settings
from flashpoint.model import Action, Actor, Article, CodedArticle, DatePrecision, Event, Failure, Mode, Plover, Quote, Sentence
from flashpoint.resources import Resources
from flashpoint.resources.ontology import CameoCode

__all__ = ["Coder"]

log = logging.getLogger(__name__)

# Named-entity types that make an unresolved phrase a (kept) unknown actor.
_ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
# Dependents that head an actor-bearing noun phrase, registered for later reference.
_MENTION_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "poss", "appos", "conj", "dative", "attr", "ROOT", "npadvmod"})
_SPEAKER_PRONOUNS = frozenset({"we", "us", "our", "i", "me", "my"})
# Where an actor may sit inside a noun phrase that is not one itself.
# Cooperative roots whose coordinated subjects act on each other when no target is named.
_RECIPROCAL_ROOTS = frozenset({"03", "04", "05", "06"})
_INSIDE_DEPS = frozenset({"poss", "compound", "amod", "appos", "nmod"})
_INSIDE_PREPS = frozenset({"of", "from", "in", "for", "with", "against", "on", "to", "between", "among", "by"})
# Protests are aimed at the authorities of the place when no target is named
# ("Thousands of Iraqi Kurds demonstrated in Kirkuk" -> Iraq).
_PROTEST_ROOT = "14"


class _ArticleState:
    """Per-article caches: the actors each token resolves to, and the reference context."""

    def __init__(self, coder: Coder, doc: Doc, article: Article) -> None:
        self.coder = coder
        self.doc = doc
        self.article = article
        self.context = ArticleContext()
        self.actors: dict[int, list[Actor]] = {}
        self.quotes: list[QuoteSpan] = []
        self.sents = list(doc.sents)  # once: Token.sent walks the whole Doc on every call
        self.dateline_end = _dateline_end(doc)
        self._starts = [s.start for s in self.sents]

    def sentence_start(self, i: int) -> int:
        return self._starts[bisect_right(self._starts, i) - 1] if self._starts else 0

    def sentence_end(self, i: int) -> int:
        k = bisect_right(self._starts, i)
        return self._starts[k] if k < len(self._starts) else len(self.doc)

    def resolve(self, head: Token, speaker: Actor | None = None) -> list[Actor]:
        if head.i in self.actors and not (speaker is not None and head.lower_ in _SPEAKER_PRONOUNS):
            return self.actors[head.i]
        found = self._resolve(head, speaker)
        self.actors[head.i] = found
        return found

    def _resolve(self, head: Token, speaker: Actor | None) -> list[Actor]:
        span = (head.idx, head.idx + len(head.text))
        if is_pronoun(head):
            ref = self.context.pronoun(head, speaker)
            return [ref.at(head.text, span)] if ref is not None else []
        if head.i < self.dateline_end:
            return []  # "GAZA CITY, Palestinian Territories:" says where, not who
        appos = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if appos is not None and head.pos_ == "NOUN":
            # "the militant group al-Shabab": the name, not the description, says who
            named = [a for a in self.resolve(appos, speaker) if a.code is not None]
            if named:
                return named
        resolver = self.coder.resolver
        on = self.article.published
        found: list[Actor] = []
        for text, phrase in phrase_variants(head):
            actor = resolver.resolve(text, on)
            if actor is None and len(phrase) == 1 and head.pos_ == "ADJ":
                country = self.coder.resources.gazetteer.adjective_country(head.text)
                if country:
                    actor = Actor(text=head.text, code=country, country=country, matched_by="adjective")
            if actor is not None:
                found.append(actor.at(text, _char_span(phrase)))
        if found:
            return found
        if head.pos_ == "PROPN" or head.ent_type_ in _ACTOR_ENTS:
            phrase = phrase_variants(head)[0][1]
            if head.ent_type_ not in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"):
                return [Actor(text=phrase.text, code=None, span=_char_span(phrase), matched_by="unresolved")]
        return []

    def complete(self, actor: Actor, head: Token, role: str, speaker: Actor | None) -> Actor:
        """A bare role ("some units", "the police", "President X") takes a country from context.

        Sources look, in order: inside their own phrase ("security forces IN GUINEA"), earlier in
        their own clause, at the speaker of the reported speech that holds them ("He confirmed
        that some units would be pulled back": Russian units), earlier in the sentence, later in
        their clause, earlier in the article. Targets look inside their phrase, later then earlier in
        their clause ("killed 23 people in TEL AVIV"), at the speaker, earlier in the sentence.
        """
        if actor.country or not actor.sector or actor.code != actor.sector:
            return actor
        inner = self.coder._inside(self, head, None)
        country = next((a.country for a in inner if a.country), None)
        if country is None:
            start, end = self.sentence_start(head.i), self.sentence_end(head.i)
            clause = _clause_of(head)
            clause_start = max(start, clause.left_edge.i)
            after = self.context.next_country(head.i, min(end, clause.right_edge.i + 1))
            if role == "target":
                country = (
                    after
                    or self.context.last_country(head.i, clause_start)
                    or (speaker.country if speaker is not None else None)
                    or self.context.last_country(head.i, start)
                )
            else:
                country = (
                    self.context.last_country(head.i, clause_start)
                    or (speaker.country if speaker is not None else None)
                    or self.context.last_country(head.i, start)
                    or after
                    or self.context.last_country(head.i)
                )
        if country is None:
            return actor
        return replace(actor, country=country, code=f"{country}{actor.sector}", matched_by="sector+context")

    def speaker_at(self, head: Token) -> Actor | None:
        """The actor a speaker's phrase names, completed with a country ("a spokesperson for
        the Israeli prime minister")."""
        found = self.resolve(head)
        if not found:
            return None
        return self.complete(found[0], head, "source", None)

    def register_mentions(self) -> None:
        for token in self.doc:
            if token.pos_ not in ("NOUN", "PROPN", "PRON") or token.dep_ not in _MENTION_DEPS:
                continue
            if token.lower_ in _SPEAKER_PRONOUNS:
                continue
            for actor in self.resolve(token):
                if actor.code is not None or token.ent_type_ == "PERSON":
                    self.context.add(actor, token)

    def speaker_of(self, token: Token) -> tuple[Actor | None, QuoteSpan | None]:
        """The speaker of the quote (direct or reported) that contains `token`, if any."""
        best: QuoteSpan | None = None
        for quote in self.quotes:
            if quote.start <= token.idx < quote.end and (best is None or quote.kind == "direct"):
                best = quote
        return (best.speaker if best else None), best


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


class Coder:
    """Codes articles into events. Build it with `flashpoint.load()`; it holds the
    spaCy pipeline and the resources, and is safe to reuse for many articles."""

    def __init__(self, nlp: Language, resources: Resources, settings: Settings | None = None) -> None:
        self.nlp = nlp
        self.resources = resources
        self.settings = settings or Settings()
        self.resolver = ActorResolver(resources.gazetteer)
        self._trigger_lemmas = frozenset(t.lemma for t in resources.lexicon.triggers if t.pos == "verb")

    # -- public -------------------------------------------------------------------------
    def pipe(self, articles: Iterable[Article], *, on_error: str = "record") -> Iterator[CodedArticle]:
        """Code articles in order, parsing them in batches with nlp.pipe.

        on_error="record" puts a failure into CodedArticle.failures and goes on;
        "raise" re-raises it.
        """
        stream = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(stream, as_tuples=True, batch_size=self.settings.batch_size):
            try:
                yield self.code_doc(doc, article)
            except Exception as exc:  # one bad article must not stop a corpus
                if on_error == "raise":
                    raise
                log.warning("article %s: %s: %s", article.id, type(exc).__name__, exc)
                yield CodedArticle(article, failures=[Failure(article.id, type(exc).__name__, str(exc))])

    def code_text(self, text: str, published: date | None = None, article_id: str | None = None) -> CodedArticle:
        """Code one text (a convenience for notebooks and tests)."""
        article = Article(id=article_id or Article.make_id(text), text=text, published=published)
        return next(self.pipe([article], on_error="raise"))

    # -- one document ---------------------------------------------------------------------
    def code_doc(self, doc: Doc, article: Article) -> CodedArticle:
        state = _ArticleState(self, doc, article)
        state.register_mentions()
        state.quotes = find_quotes(
            doc, state.sents, self.resources.cues, lambda head: state.speaker_at(head)
        )
        sentences: list[Sentence] = []
        events: list[Event] = []
        dates = _date_expressions(doc)
        for index, sent in enumerate(state.sents):
            sentences.append(Sentence(index, sent.start_char, sent.end_char, sent.text))
            candidates = list(extract_candidates(sent, self.resources.lexicon))
            light_verbs = {c.light_verb.i for c in candidates if c.light_verb is not None}
            for cand in candidates:
                if cand.trigger.i in light_verbs:
                    continue  # "held" in "held talks" is part of the talks event
                events.extend(self._events(state, cand, index, sent, dates))
        quotes = [
            Quote(
                article_id=article.id,
                sentence_index=_sentence_index(sentences, q.start),
                text=article.text[q.start : q.end],
                span=(q.start, q.end),
                kind=q.kind,
                speaker=q.speaker,
                verb=q.verb.text if q.verb is not None else None,
            )
            for q in state.quotes
        ]
        return CodedArticle(article, sentences, _dedupe(events), quotes)

    def _pick(
        self,
        state: _ArticleState,
        groups: tuple[tuple[Token, ...], ...],
        speaker: Actor | None,
        role: str,
        sources: list[Actor] | None = None,
    ) -> list[Actor]:
        """The first alternative that names a known actor, else the first with an unknown named one.

        A phrase that is not itself an actor is searched for one inside it, as coders of the
        PETRARCH family do: "a group OF MOROCCAN DIPLOMATS", "the shootings IN SOUTH CAROLINA".
        """
        fallback: list[Actor] = []
        for group in groups:
            actors: list[Actor] = []
            for head in group:
                if role == "target" and _is_theme(head, sources or []):
                    continue
                found = state.resolve(head, speaker)
                if not any(a.code is not None for a in found):
                    inner = self._inside(state, head, speaker)
                    found = inner or found
                actors.extend(state.complete(a, head, role, speaker) for a in found)
            if any(a.code is not None for a in actors):
                return [a for a in actors if a.code is not None]
            if actors and not fallback:
                fallback = actors
        return fallback

    def _inside(self, state: _ArticleState, head: Token, speaker: Actor | None) -> list[Actor]:
        """Known actors inside a noun phrase, nearest to its head first (two levels deep)."""
        frontier = [head]
        for _depth in range(2):
            nxt: list[Token] = []
            for tok in frontier:
                for child in tok.children:
                    if child.dep_ in _INSIDE_DEPS:
                        nxt.append(child)
                    elif child.dep_ == "prep" and child.lower_ in _INSIDE_PREPS:
                        nxt.extend(g for g in child.children if g.dep_ == "pobj")
            for tok in nxt:
                found = [a for a in state.resolve(tok, speaker) if a.code is not None]
                if found:
                    return found
            frontier = nxt
        return []

    def _target_in_clause(
        self, state: _ArticleState, cand: Candidate, sources: list[Actor], speaker: Actor | None
    ) -> list[Actor]:
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
            found = [
                state.complete(a, tok, "target", speaker)
                for a in state.resolve(tok, speaker)
                if a.code is not None
            ]
            found = [a for a in found if a.code not in source_codes]
            if found:
                return found[:1]
        if cand.entry.cameo.startswith(_PROTEST_ROOT):
            country = next((a.country for a in sources if a.country), None)
            if country is not None:
                return [Actor(text=sources[0].text, code=f"{country}GOV", country=country, sector="GOV",
                              span=None, matched_by="protest:authorities")]
        return []

    def _stated_intention(self, cand: Candidate, code: CameoCode, mode: Mode) -> tuple[CameoCode, Token, str] | None:
        """The intent (03x/13x) or refusal (12x) event a stated intention yields (lexicon/intent.tsv)."""
        if mode not in (Mode.INTENDED, Mode.NEGATED):
            return None
        cues = self.resources.cues
        stated = stated_intention(cand.trigger, cues, cand.light_verb)
        if stated is None:
            return None
        governor, negated = stated
        table, rule = (cues.refuse_codes, "refuse") if negated else (cues.intent_codes, "intent")
        if (mode is Mode.NEGATED) != negated or code.root not in table:
            return None
        return self.resources.ontology.get(table[code.root]), governor, rule

    def _events(self, state: _ArticleState, cand: Candidate, index: int, sent: Span, dates: dict[int, list[str]]) -> list[Event]:
        speaker, _quote = state.speaker_of(cand.trigger)
        sources = self._pick(state, cand.sources, speaker, "source")
        targets = self._pick(state, cand.targets, speaker, "target", sources)
        # An actor does not act on itself ("Russia ... its troops"): drop such targets first.
        source_codes = {a.code for a in sources if a.code}
        targets = [t for t in targets if t.code is None or t.code not in source_codes]
        reciprocal = not targets and len(sources) > 1 and cand.entry.cameo[:2] in _RECIPROCAL_ROOTS
        if sources and not targets and not reciprocal and (
            not cand.entry.no_target or cand.entry.cameo.startswith(_PROTEST_ROOT)
        ):
            targets = self._target_in_clause(state, cand, sources, speaker)
        if not sources and not targets:
            return []
        ontology = self.resources.ontology
        code = ontology.get(cand.entry.cameo)
        mode = mode_of(cand.trigger, sent, self.resources.cues, self._trigger_lemmas, cand.light_verb)
        article_date = state.article.published
        when = anchor(_time_for(cand, dates), article_date)
        background = is_background(when, article_date, self.settings.background_days)
        first, last = cand.action_tokens[0], cand.action_tokens[-1]
        action = Action(state.article.text[first.idx : last.idx + len(last.text)], (first.idx, last.idx + len(last.text)))
        pairs: list[tuple[Actor | None, Actor | None]]
        if not targets and len(sources) > 1 and code.root in _RECIPROCAL_ROOTS:
            # "Hungarian and Romanian officials agreed ...": each acts toward the other.
            pairs = [(a, b) for a in sources for b in sources if a is not b]
        else:
            pairs = [(a, b) for a in (sources or [None]) for b in (targets or [None])]
        intent = self._stated_intention(cand, code, mode)
        demand = self._demand(cand, code, speaker, sources)
        out: list[Event] = []
        for source, target in pairs:
            if source is not None and target is not None and source.code and source.code == target.code:
                continue  # within a coordinated group ("NATO and NATO" after resolution)
            confidence = 1.0
            if source is None or source.code is None:
                confidence -= 0.3
            if target is None or target.code is None:
                confidence -= 0.1
            out.append(
                Event(
                    article_id=state.article.id,
                    article_date=article_date,
                    sentence_index=index,
                    sentence=sent.text,
                    source=source,
                    target=target,
                    action=action,
                    cameo=code.code,
                    cameo_name=code.name,
                    goldstein=code.goldstein,
                    quad_class=code.quad_class,
                    plover=Plover(code.plover_event, code.plover_mode),
                    mode=mode,
                    rule=cand.entry.id,
                    speaker=speaker,
                    event_date=when.date,
                    date_precision=when.precision,
                    background=background,
                    confidence=confidence,
                )
            )
            if intent is not None:
                # The stated intention (or refusal) is itself an asserted event, made on the
                # reporting day whatever date the intended act carries.
                intent_code, governor, intent_rule = intent
                start, end = governor.idx, last.idx + len(last.text)
                # Announced with will/would under a reporting verb, the intention is the
                # speaker's: "Putin confirmed that units would be pulled back".
                announcer = out[-1].source
                if speaker is not None and governor.dep_ == "aux" and (
                    announcer is None or announcer.country == speaker.country
                ):
                    announcer = speaker
                if announcer is not None and target is not None and announcer.code == target.code:
                    continue  # "the president said the US would support ...": not an act on itself
                out.append(
                    replace(
                        out[-1],
                        source=announcer,
                        event_date=article_date,
                        date_precision=DatePrecision.DAY if article_date else None,
                        background=False,
                        action=Action(state.article.text[start:end], (start, end)),
                        cameo=intent_code.code,
                        cameo_name=intent_code.name,
                        goldstein=intent_code.goldstein,
                        quad_class=intent_code.quad_class,
                        plover=Plover(intent_code.plover_event, intent_code.plover_mode),
                        mode=Mode.ASSERTED,
                        rule=f"{intent_rule}:{cand.entry.id}",
                    )
                )
        if demand is not None and out:
            out.append(demand(out[0]))
        return out

    def _demand(
        self, cand: Candidate, code: CameoCode, speaker: Actor | None, sources: list[Actor]
    ) -> Callable[[Event], Event] | None:
        """"Russia said Sudan must return the helicopter": the speaker demands it of the subject."""
        table = self.resources.cues.demand_codes
        if speaker is None or not sources or code.root not in table or speaker.code == sources[0].code:
            return None
        verb = obligation(cand.trigger, self.resources.cues, cand.light_verb)
        if verb is None:
            return None
        demand_code = self.resources.ontology.get(table[code.root])
        start, end = verb.idx, verb.idx + len(verb.text)

        def make(template: Event) -> Event:
            return replace(
                template,
                source=speaker,
                target=sources[0],
                action=Action(verb.text, (start, end)),
                cameo=demand_code.code,
                cameo_name=demand_code.name,
                goldstein=demand_code.goldstein,
                quad_class=demand_code.quad_class,
                plover=Plover(demand_code.plover_event, demand_code.plover_mode),
                mode=Mode.ASSERTED,
                rule=f"demand:{cand.entry.id}",
                speaker=speaker,
                event_date=template.article_date,
                date_precision=DatePrecision.DAY if template.article_date else None,
                background=False,
            )

        return make


_POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her", "our", "my"})


def _is_theme(head: Token, sources: list[Actor]) -> bool:
    """A source's own belongings are what it acts with, not whom it acts on:
    "Syria offered ITS troops to Lebanon", "the two sides upgraded THEIR ties";
    and "their"/"each other" after coordinated sources is the sources themselves."""
    if head.dep_ == "dobj" and any(c.dep_ == "poss" and c.lower_ in _POSSESSIVE_PRONOUNS for c in head.children):
        return True
    return len(sources) > 1 and head.lower_ in ("their", "them", "other", "themselves")


def _clause_of(token: Token) -> Token:
    """The verb whose clause holds `token` (the token itself when it is the root)."""
    tok = token
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _has_own_possessive(head: Token) -> bool:
    """ "Israel strengthened ITS forces in Lebanon": the forces are the source's own."""
    return any(c.dep_ == "poss" and c.lower_ in _POSSESSIVE_PRONOUNS for c in head.children)


def _sentence_index(sentences: list[Sentence], char: int) -> int:
    for sentence in sentences:
        if sentence.start <= char < sentence.end:
            return sentence.index
    return sentences[-1].index if sentences else 0


_TIME_PREPS = frozenset({"in", "on", "since", "during", "by", "until", "from", "before", "after"})


def _date_expressions(doc: Doc) -> dict[int, list[str]]:
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


def _time_for(cand: Candidate, dates: dict[int, list[str]]) -> list[str]:
    """Time expressions of the trigger's clause, else of the clauses above it."""
    tok = cand.light_verb or cand.trigger
    for own in (cand.trigger, tok):
        if own.i in dates:
            return dates[own.i]
    steps = 0
    while tok.head.i != tok.i and steps < 6:
        tok = tok.head
        steps += 1
        if tok.i in dates:
            return dates[tok.i]
    return []


def _dedupe(events: list[Event]) -> list[Event]:
    seen: set[str] = set()
    out: list[Event] = []
    for event in events:
        if event.event_id not in seen:
            seen.add(event.event_id)
            out.append(event)
    return out
