"""Coder: parsed articles -> CodedArticle (events, quotes, failures).

The flow for one Doc: resolve every actor mention in reading order (so pronouns find their
antecedents), find quotes and their speakers, then for each trigger in each sentence pick
source and target, the mode, the date and the speaker, build the Event, and add the events
that its statement amounts to (derived.py).
"""

from __future__ import annotations

import logging
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import date
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from flashpoint.actors import ActorResolver
from flashpoint.actors.article import ArticleActors
from flashpoint.coding.attribution import speaker_head
from flashpoint.coding.clauses import Role, SentenceClauses
from flashpoint.coding.derived import GENERIC_DEMAND, allegation, code_fields, demand_event, intention_event, reported_obligations
from flashpoint.coding.extract import Candidate, extract_candidates
from flashpoint.coding.hygiene import select_text
from flashpoint.coding.modality import mode_of
from flashpoint.coding.participants import (
    COERCION_ROOT,
    PROTEST_ROOT,
    Surroundings,
    coercion_authorities,
    domestic_opponents,
    pick,
    protest_authorities,
)
from flashpoint.coding.places import place_of
from flashpoint.coding.prefilter import Prefilter, Selection, build_prefilter
from flashpoint.coding.quotes import QuoteSpan, find_quotes
from flashpoint.coding.roles import declared_preps
from flashpoint.coding.time_expressions import anterior_cue, clause_times, date_expressions
from flashpoint.coding.title import drop_title_repeats, parser_text, with_title
from flashpoint.coding.timing import TimeAnchor, anchor, is_background
from flashpoint.config import Settings
from flashpoint.model import (
    Action,
    Actor,
    Article,
    CodedArticle,
    DatePrecision,
    Event,
    Failure,
    Mode,
    Quote,
    Sentence,
)
from flashpoint.nlp.pipeline import irregular_forms
from flashpoint.resources import Resources

__all__ = ["Coder"]

log = logging.getLogger(__name__)

# Coordinated subjects of a cooperative event with no target act on each other ("Chile and
# Peru agreed to cooperate", "both leaders praised each other") ...
_RECIPROCAL_ROOTS = frozenset({"03", "04", "05", "06"})
# ... except visits, hosting and mediation, which go one way ("Qatar and Egypt are mediating").
_ONE_WAY_CODES = frozenset({"039", "042", "043", "045"})
# What travels through nlp.pipe beside each text: the article and the prefilter's selection.
_Context = tuple[Article, Selection | None]


class Coder:
    """Codes articles into events. Build it with `flashpoint.load()`; it holds the
    spaCy pipeline and the resources, and is safe to reuse for many articles."""

    def __init__(self, nlp: Language, resources: Resources, settings: Settings | None = None) -> None:
        self.nlp = nlp
        self.resources = resources
        self.settings = settings or Settings()
        self.resolver = ActorResolver(resources.gazetteer)
        # Built once per Coder (get_coder caches one per process and Settings).
        self.prefilter: Prefilter | None = (
            build_prefilter(resources.lexicon, resources.cues, irregular_forms(nlp)) if self.settings.prefilter else None
        )

    # -- public -------------------------------------------------------------------------
    def pipe(self, articles: Iterable[Article], *, on_error: str = "record") -> Iterator[CodedArticle]:
        """Code articles in order, parsing them in batches with nlp.pipe.

        on_error="record" puts a failure into CodedArticle.failures and goes on;
        "raise" re-raises it. With the prefilter (Settings.prefilter, on by default) only the
        sentences that can hold an event are parsed, with their context (coding/prefilter.py);
        boilerplate is never parsed (coding/hygiene.py). Offsets, sentence indices and the
        sentences listed stay those of the whole article, coded with its title in front
        (coding/title.py; that article is the one returned).
        """
        prefilter = self.prefilter

        def stream() -> Iterator[tuple[str, _Context]]:
            for article in map(with_title, articles):
                selection = select_text(article.text, self.resources.boilerplate, prefilter)
                text = selection.text if selection is not None else article.text
                yield parser_text(text, article, self.resources.gazetteer.name_length), (article, selection)

        items = stream()
        while batch := list(islice(items, self.settings.batch_size)):
            for doc, (article, selection) in self._parsed(batch):
                try:
                    if isinstance(doc, Exception):
                        raise doc
                    yield self.code_doc(doc, article, selection)
                except Exception as exc:  # one bad article must not stop a corpus
                    if on_error == "raise":
                        raise
                    log.warning("article %s: %s: %s", article.id, type(exc).__name__, exc)
                    yield CodedArticle(article, failures=[Failure(article.id, type(exc).__name__, str(exc))])

    def _parsed(self, batch: list[tuple[str, _Context]]) -> list[tuple[Doc | Exception, _Context]]:
        """The batch parsed by nlp.pipe; when that raises, each text parsed alone, a text that
        still fails paired with its exception. spaCy raises for a whole batch (E088 on one
        over-long text cost a run all its articles: issue 13), so only the bad one is lost."""
        try:
            return list(self.nlp.pipe(batch, as_tuples=True, batch_size=len(batch)))
        except Exception as exc:  # noqa: BLE001  (any parse failure: find the article it belongs to)
            log.warning("parsing a batch of %d failed (%s: %s); parsing its articles one at a time",
                        len(batch), type(exc).__name__, exc)  # fmt: skip
        parsed: list[tuple[Doc | Exception, _Context]] = []
        for text, context in batch:
            try:
                parsed.extend(self.nlp.pipe([(text, context)], as_tuples=True))
            except Exception as exc:  # noqa: BLE001
                parsed.append((exc, context))
        return parsed

    def memory_zone(self) -> AbstractContextManager[None]:
        """A context in which the strings and vocabulary the parse adds are freed on exit
        (spaCy's `Language.memory_zone`), so a long-running worker does not grow with the
        corpus. Nothing spaCy made inside (Docs, Tokens) may be used after it; CodedArticles
        hold plain Python values and may."""
        return self.nlp.memory_zone()  # type: ignore[no-any-return]

    def code_text(self, text: str, published: date | None = None, article_id: str | None = None) -> CodedArticle:
        """Code one text (a convenience for notebooks and tests)."""
        article = Article(id=article_id or Article.make_id(text), text=text, published=published)
        return next(self.pipe([article], on_error="raise"))

    # -- one document ---------------------------------------------------------------------
    def code_doc(self, doc: Doc, article: Article, selection: Selection | None = None) -> CodedArticle:
        """Code one parsed article (its Doc must come from this coder's pipeline).

        `selection` is the prefilter's choice the Doc was parsed from (None: the whole text).
        """
        actors = ArticleActors(doc, article.published, self.resolver, self.resources.gazetteer)
        actors.register_mentions()
        quotes = find_quotes(doc, actors.sents, self.resources.cues, actors.speaker_at)
        dates = date_expressions(doc)
        sentences, parsed = _article_sentences(actors.sents, article.text, selection)
        events: list[Event] = []
        for sent, sentence in zip(actors.sents, parsed, strict=True):
            if sentence is None:
                continue  # only the blanks of skipped sentences
            clauses = SentenceClauses(sent, dates)
            candidates = list(extract_candidates(sent, self.resources.lexicon, clauses))
            light_verbs = {c.light_verb.i for c in candidates if c.light_verb is not None}
            for cand in candidates:
                if cand.trigger.i in light_verbs:
                    continue  # "held" in "held talks" is part of the talks event
                events.extend(self._events(actors, quotes, article, cand, sentence, clauses))
            coded = {t.i for c in candidates for t in c.action_tokens}
            for verb, clause, subject in reported_obligations(sent, clauses, self.resources.cues, coded):
                events.extend(self._generic_demand(actors, quotes, article, verb, clause, subject, sentence))
        records = [
            Quote(
                article_id=article.id,
                sentence_index=_sentence_index(sentences, q.start),
                text=article.text[q.start : q.end],
                span=(q.start, q.end),
                kind=q.kind,
                speaker=q.speaker,
                verb=q.verb.text if q.verb is not None else None,
            )
            for q in quotes
        ]
        token_starts = [token.idx for token in doc]
        sent_starts = [sent.start for sent in actors.sents]
        located = [self._located(doc, token_starts, actors.sents, sent_starts, event) for event in _dedupe(events)]
        located = drop_title_repeats(located, article)
        # An event whose source is no known actor says nothing an analyst can use ("he" left
        # unresolved, "officials"): it is kept apart, for inspection, not counted.
        attributed = [e for e in located if e.source is not None and e.source.code is not None]
        unattributed = [e for e in located if e.source is None or e.source.code is None]
        return CodedArticle(article, sentences, attributed, records, unattributed=unattributed)

    def _located(
        self, doc: Doc, token_starts: list[int], sents: list[Span], sent_starts: list[int], event: Event
    ) -> Event:
        """The event with the place its sentence gives it (places.py), if any."""
        if not token_starts or not sents:
            return event
        # The token the action starts in (an action span may start on a space or inside a token),
        # and the parsed sentence holding it: the event's sentence_index counts the sentences the
        # prefilter skipped too, so it does not index the parsed ones.
        trigger = doc[max(bisect_right(token_starts, event.action.span[0]) - 1, 0)]
        sent = sents[max(bisect_right(sent_starts, trigger.i) - 1, 0)]
        place = place_of(trigger, sent, event.cameo, self.resources.gazetteer)
        return replace(event, place=place) if place is not None else event

    def _participants(
        self, actors: ArticleActors, cand: Candidate, speaker: Actor | None
    ) -> tuple[list[Actor], list[Actor], bool]:
        """Sources, targets, and whether the sources act on each other."""
        sources = pick(actors, cand.sources, speaker, "source", around=Surroundings.of(cand.clause, cand.targets))
        targets = pick(
            actors, cand.targets, speaker, "target", sources,
            around=Surroundings.of(cand.clause, cand.sources), place_slots=declared_preps(cand.entry.frame),
        )  # fmt: skip
        # An actor does not act on itself ("Russia ... its troops"): drop such targets first.
        source_codes = {a.code for a in sources if a.code}
        # A state as a whole does not act on itself or its government ("France accused ...
        # Paris"); it may act on a part of itself ("Croatia is investigating war crimes by
        # Croatian extremists": HRV -> HRVREB).
        states = {a.country for a in sources if a.country and a.code == a.country}
        own = source_codes | states | {f"{c}GOV" for c in states}
        targets = [t for t in targets if t.code is None or t.code not in own]
        code = cand.entry.cameo
        reciprocal = (
            not targets
            and len(sources) > 1
            and (code in self.resources.cues.mutual_codes or (code[:2] in _RECIPROCAL_ROOTS and code not in _ONE_WAY_CODES))
        )
        targets = domestic_opponents(targets, sources, code)
        if sources and not targets and not reciprocal and code.startswith(PROTEST_ROOT):
            targets = protest_authorities(sources, self._place_countries(actors, cand, speaker))
        undergone = cand.clause.passive or cand.entry.frame.subject_receives  # "was arrested", "faces charges"
        if code.startswith(COERCION_ROOT):
            if not sources and targets and undergone:
                sources = coercion_authorities(self._place_countries(actors, cand, speaker), actors.authorities or actors.dominant_country())
            # "Italian police arrested the captain ... He faces charges": the same authorities
            actors.authorities = next((a.country for a in sources if a.country), actors.authorities)
        return sources, targets, reciprocal

    @staticmethod
    def _place_countries(actors: ArticleActors, cand: Candidate, speaker: Actor | None) -> list[str]:
        return [a.country for arg in cand.clause.args(Role.LOCATIVE) for a in actors.resolve(arg.head, speaker) if a.country]

    def _events(
        self,
        actors: ArticleActors,
        quotes: list[QuoteSpan],
        article: Article,
        cand: Candidate,
        sentence: Sentence,
        clauses: SentenceClauses,
    ) -> list[Event]:
        cues = self.resources.cues
        clause = cand.clause
        reporter = speaker_head(clause, clauses, cues)
        speaker = actors.speaker_at(reporter) if reporter is not None else None
        if speaker is None or speaker.code is None:
            speaker = _speaker_of(quotes, cand.trigger) or speaker
        sources, targets, reciprocal = self._participants(actors, cand, speaker)
        if not sources and not targets:
            return []
        code = self.resources.ontology.get(cand.entry.cameo)
        reading = mode_of(clause, clauses, cues, self.resources.lexicon.embedders)
        mode = reading.mode
        when = anchor(clause_times(clause, clauses), article.published)
        background = is_background(when, article.published, self.settings.background_days)
        anterior = anterior_cue(clause) if when.text is None else None
        if anterior is not None:
            when, background = TimeAnchor(None, None, anterior), True  # "has used them BEFORE": earlier, date unknown
        first, last = cand.action_tokens[0], cand.action_tokens[-1]
        span = (first.idx, last.idx + len(last.text))
        if reciprocal:
            # "Hungarian and Romanian officials agreed ...": each acts toward the other.
            pairs = [(a, b) for a in sources for b in sources if a is not b]
        else:
            pairs = [(a, b) for a in (sources or [None]) for b in (targets or [None])]
        out: list[Event] = []
        for source, target in pairs:
            if source is not None and target is not None and source.code and source.code == target.code:
                continue  # within a coordinated group ("NATO and NATO" after resolution)
            confidence = 1.0
            if source is None or source.code is None:
                confidence -= 0.3
            if target is None or target.code is None:
                confidence -= 0.1
            event = Event(
                article_id=article.id,
                article_date=article.published,
                sentence_index=sentence.index,
                sentence=sentence.text,
                source=source,
                target=target,
                action=Action(article.text[span[0] : span[1]], span),
                **code_fields(code),
                mode=mode,
                rule=cand.entry.id,
                speaker=speaker,
                event_date=when.date,
                date_precision=when.precision,
                background=background,
                confidence=confidence,
                mode_cue=reading.cue,
                date_text=when.text,
            )
            alleged = allegation(event, reporter.head.text if reporter is not None else "\u201c", self.resources)
            if alleged is not None:
                event = alleged[0]  # what a speaker says another did wrong stays the speaker's claim
                out.append(alleged[1])
            out.append(event)
            if (
                not reciprocal
                and target is not None and target.code
                and source is not None and source.code
                and code.code in self.resources.cues.mutual_codes
            ):
                # "Kenya held talks with Somalia": Somalia held talks with Kenya too.
                out.append(replace(event, source=target, target=source, rule=f"mutual:{cand.entry.id}"))
            stated = intention_event(event, cand, clauses, self.resources, article.text)
            if stated is not None:
                out.append(stated)
        demand = demand_event(out[0], cand, clauses, self.resources) if out else None
        if demand is not None:
            out.append(demand)
        return out


    def _generic_demand(
        self,
        actors: ArticleActors,
        quotes: list[QuoteSpan],
        article: Article,
        verb: Token,
        clause: Token,
        subject: Token,
        sentence: Sentence,
    ) -> list[Event]:
        """ "The Red Cross said US and British forces must ensure security": a demand (100)
        from the speaker to each actor the obligation falls on."""
        speaker = _speaker_of(quotes, clause)
        if speaker is None or speaker.code is None:
            return []
        targets = pick(actors, ((subject, *[c for c in subject.conjuncts]),), speaker, "target", [speaker])
        code = self.resources.ontology.get(GENERIC_DEMAND)
        span = (verb.idx, verb.idx + len(verb.text))
        return [
            Event(
                article_id=article.id,
                article_date=article.published,
                sentence_index=sentence.index,
                sentence=sentence.text,
                source=speaker,
                target=target,
                action=Action(verb.text, span),
                **code_fields(code),
                mode=Mode.ASSERTED,
                rule="demand:obligation",
                speaker=speaker,
                event_date=article.published,
                date_precision=DatePrecision.DAY if article.published else None,
                confidence=0.8,
            )
            for target in targets
            if target.code is not None and target.code != speaker.code
        ]


def _speaker_of(quotes: list[QuoteSpan], token: Token) -> Actor | None:
    """The speaker of the quote (direct before reported) that contains `token`, if any."""
    best: QuoteSpan | None = None
    for quote in quotes:
        if quote.start <= token.idx < quote.end and (best is None or quote.kind == "direct"):
            best = quote
    return best.speaker if best else None


def _article_sentences(
    sents: list[Span], text: str, selection: Selection | None
) -> tuple[list[Sentence], list[Sentence | None]]:
    """The article's sentences in order, and the one each parsed sentence is (None: blank).

    They are the parsed sentences (trimmed of the white space and blanks around them) and,
    parsing a prefilter selection, the skipped ones (the prefilter's spans, trimmed), numbered
    together in reading order, so a sentence index means the same article position however
    much was parsed.
    """
    parsed_text = selection.text if selection is not None else text
    placed: list[tuple[int, int, int]] = []  # start, end, position in `sents` (-1: skipped)
    for k, sent in enumerate(sents):
        start, end = _trimmed(parsed_text, sent.start_char, sent.end_char)
        if start < end:
            placed.append((start, end, k))
    parsed_spans = [(start, end) for start, end, _ in placed]
    for (start, end), kept in zip(selection.spans, selection.kept, strict=True) if selection is not None else ():
        if kept:
            continue
        start, end = _trimmed(text, start, end)
        if start < end and not any(s < end and start < e for s, e in parsed_spans):
            placed.append((start, end, -1))
    placed.sort()
    sentences: list[Sentence] = []
    by_position: list[Sentence | None] = [None] * len(sents)
    for index, (start, end, k) in enumerate(placed):
        sentence = Sentence(index, start, end, text[start:end])
        sentences.append(sentence)
        if k >= 0:
            by_position[k] = sentence
    return sentences, by_position


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _sentence_index(sentences: list[Sentence], char: int) -> int:
    for sentence in sentences:
        if sentence.start <= char < sentence.end:
            return sentence.index
    return sentences[-1].index if sentences else 0


def _dedupe(events: list[Event]) -> list[Event]:
    seen: set[str] = set()
    out: list[Event] = []
    for event in events:
        if event.event_id not in seen:
            seen.add(event.event_id)
            out.append(event)
    return out
