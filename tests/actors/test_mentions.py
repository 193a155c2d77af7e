"""Phrase spans on hand-built parses (no model): what the resolver reads for a head."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from flashpoint.actors.mentions import phrase_span
from flashpoint.coding.roles import expand


def _split_name_doc() -> Doc:
    # "Barack Obama and Vladimir Putin will meet": the tagger read "Barack" as a preposition,
    # "Obama" as its object and "Putin" as Obama's conjunct.
    words = ["Barack", "Obama", "and", "Vladimir", "Putin", "will", "meet"]
    return Doc(
        Vocab(),
        words=words,
        pos=["ADP", "PROPN", "CCONJ", "PROPN", "PROPN", "AUX", "VERB"],
        deps=["nsubj", "pobj", "cc", "compound", "conj", "aux", "ROOT"],
        heads=[6, 0, 1, 4, 1, 6, 6],
        ents=["B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O"],
    )


def test_phrase_span_reads_a_split_name_whole():
    doc = _split_name_doc()
    assert phrase_span(doc[0]).text == "Barack Obama"


def test_expand_finds_the_conjunct_hung_on_a_split_names_word():
    doc = _split_name_doc()
    assert [t.text for t in expand(doc[0])] == ["Barack", "Putin"]


def test_phrase_span_does_not_join_two_names():
    doc = _split_name_doc()
    assert phrase_span(doc[4]).text == "Vladimir Putin"
