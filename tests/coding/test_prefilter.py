"""The sentence prefilter: splitting, trigger forms, which sentences are kept, and the coder
giving the same events with and without it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from flashpoint.coding.prefilter import build_prefilter, lemma_forms, lexicon_needs, split_sentences
from flashpoint.model import Mode
from flashpoint.resources.cues import Cues
from flashpoint.resources.lexicon import Lexicon, Trigger, WordSet

ARTICLES = Path(__file__).parents[1] / "fixtures" / "articles" / "batch"


def _cues() -> Cues:
    return Cues(
        by_where={"obligation": {"must": Mode.HYPOTHETICAL}},
        reporting=frozenset({"say"}),
        reporting_future=frozenset(),
        claims=frozenset(),
        cognition=frozenset(),
        factive=frozenset(),
        intent_codes={},
        refuse_codes={},
        demand_codes={},
        mutual_codes=frozenset(),
        allegation_codes={},
    )


def _prefilter(context: int = 2):
    lexicon = Lexicon(
        [
            Trigger(id="attack", lemma="attack", pos="verb", cameo="190"),
            Trigger(id="seize", lemma="seize", pos="verb", cameo="192"),
            Trigger(id="fight", lemma="fight", pos="verb", cameo="190"),
            Trigger(id="be.worried", lemma="be", pos="verb", cameo="012", comp=WordSet.of(["worried"])),
            Trigger(id="talks.hold", lemma="talk", pos="noun", cameo="046", light=frozenset({"hold"})),
        ]
    )
    return build_prefilter(lexicon, _cues(), {"fight": ("fought",), "hold": ("held",), "be": ("was", "were", "is")}, context=context)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two.", ["One. ", "Two."]),
        ("U.S. troops left. Gen. Smith stayed.", ["U.S. troops left. ", "Gen. Smith stayed."]),
        ("Headline\n\nBody text here.", ["Headline\n\n", "Body text here."]),
        ('He said "stop." Then he left.', ['He said "stop." ', "Then he left."]),
        ("See No. 5 here.", ["See No. 5 here."]),
        ("", []),
    ],
)
def test_split_sentences_tiles_text(text: str, expected: list[str]) -> None:
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == expected


def test_lemma_forms_cover_stems_and_irregular_forms() -> None:
    forms = lemma_forms("seize", {"seize": ("seized",)})
    assert set(forms) == {"seize", "seiz", "seized"}
    assert set(lemma_forms("ally", {})) == {"ally", "alli"}
    assert set(lemma_forms("tie", {})) == {"tie", "ty", "ti"}


def test_lexicon_needs_lists_word_constraints() -> None:
    lexicon = Lexicon([Trigger(id="t", lemma="talk", pos="noun", cameo="046", light=frozenset({"hold"}), prep="with")])
    needs = lexicon_needs(lexicon, _cues())
    assert needs["talk"] == ((frozenset({("hold",)}), frozenset({("with",)})),)
    assert needs["must"] == ((frozenset({("say",)}),),)


@pytest.mark.parametrize(
    ("sentence", "can"),
    [
        ("Rebels attacked the town.", True),
        ("Troops seizing the bridge.", True),
        ("The army fought back.", True),
        ("The attackers fled.", False),  # "attack" + "ers" is not an inflection
        ("A counterattack followed.", False),  # inside a word
        ("Officials were worried.", True),
        ("Officials were tired.", False),  # "be" needs its complement word
        ("They held talks.", True),
        ("The talks were long.", False),  # "talk" needs a light verb
        ("He said they must leave.", True),
        ("They must leave.", False),  # an obligation needs a reporting verb
        ("The mayor said the roads were open.", True),  # a reported quote
    ],
)
def test_prefilter_event_sentences(sentence: str, can: bool) -> None:
    prefilter = _prefilter()
    assert prefilter.event_sentences(sentence, [(0, len(sentence))]) == ({0} if can else set())


def test_select_blanks_skipped_sentences_keeping_offsets() -> None:
    text = "Markets were quiet. Rebels attacked the town. Rain fell all day."
    selection = _prefilter().select(text)
    assert selection.kept == (True, True, False)
    assert len(selection.text) == len(text)
    assert selection.text == "Markets were quiet. Rebels attacked the town. " + " " * len("Rain fell all day.")


def test_select_keeps_context_back_to_a_name_for_pronouns() -> None:
    text = "Intro line here. Ministers met Smith. The weather was fine. It rained. He attacked the plan."
    kept = _prefilter(context=3).select(text).kept
    # "He" looks back: "It rained." and "The weather ..." have no name, "Ministers met Smith." does.
    assert kept == (True, True, True, True, True)
    assert _prefilter(context=1).select(text).kept == (True, False, False, True, True)


def test_select_keeps_a_whole_quote_and_its_attribution() -> None:
    text = 'Intro. "We attacked first. We will go on," the commander said. Nothing else happened. Rain fell.'
    # the quote's two sentences, and the one after its end (an attribution may follow there)
    assert _prefilter().select(text).kept == (True, True, True, True, False)


def test_select_keeps_a_direct_quote_without_an_event_word() -> None:
    text = 'Markets were quiet. "The harvest was good this year." A farmer spoke. Rain fell.'
    # the quote marks alone keep the quote and the sentence after it (its attribution)
    assert _prefilter().select(text).kept == (False, True, True, False)


def test_select_without_events_parses_nothing() -> None:
    text = "Markets were quiet. Rain fell all day."
    selection = _prefilter().select(text)
    assert selection.kept == (False, False)
    assert selection.text.strip() == ""


@pytest.mark.model
def test_coder_prefilter_gives_the_events_of_a_full_parse(coder) -> None:
    from flashpoint.ingest import read
    from flashpoint.runner import get_coder

    articles = [a for a in read(ARTICLES) if a.text]
    full = get_coder(dataclasses.replace(coder.settings, prefilter=False))
    assert coder.prefilter is not None and full.prefilter is None

    def key(e):
        return (e.event_id, e.cameo, e.sentence_index, e.mode, e.event_date)

    with_filter = list(coder.pipe(articles))
    without = list(full.pipe(articles))
    assert [[key(e) for e in c.events] for c in with_filter] == [[key(e) for e in c.events] for c in without]
    assert [[key(e) for e in c.unattributed] for c in with_filter] == [[key(e) for e in c.unattributed] for c in without]
    # with the summit headline (coding/title.py); events with no known source are set apart
    assert sum(len(c.events) for c in with_filter) == 18
    assert sum(len(c.unattributed) for c in with_filter) == 2
    # quotes and their speakers too: sentences with a reporting verb or quote marks are parsed
    assert [[(q.quote_id, q.speaker) for q in c.quotes] for c in with_filter] == [[(q.quote_id, q.speaker) for q in c.quotes] for c in without]
    # Some sentences were skipped, yet every sentence of each article is listed, in order.
    skipped = [s for a in articles for s, k in zip(coder.prefilter.select(a.text).spans, coder.prefilter.select(a.text).kept) if not k]
    assert len(skipped) == 5
    for coded in with_filter:
        assert [s.index for s in coded.sentences] == list(range(len(coded.sentences)))
        for event in coded.events:
            sentence = coded.sentences[event.sentence_index]
            assert sentence.start <= event.action.span[0] < sentence.end


@pytest.mark.model
def test_coder_prefilter_keeps_article_offsets(coder) -> None:
    text = "The weather was fine. Shops opened late. Rebels attacked the town of Goma on Monday."
    coded = coder.code_text(text, article_id="a1")
    assert [(s.index, s.text) for s in coded.sentences] == [
        (0, "The weather was fine."), (1, "Shops opened late."), (2, "Rebels attacked the town of Goma on Monday."),
    ]  # fmt: skip
    [event] = [e for e in coded.events if e.cameo.startswith("19")]
    assert event.sentence_index == 2
    assert text[event.action.span[0] : event.action.span[1]] == "attacked"
