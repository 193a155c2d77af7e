"""The place of an event (coding/places.py), on sentences written for these tests."""

from __future__ import annotations

import datetime

import pytest

pytestmark = pytest.mark.model

DAY = datetime.date(2023, 5, 10)


def places(coder, text):
    """(cameo root, place name, country, kind, place text) of each asserted event."""
    out = []
    for e in coder.code_text(text, published=DAY).events:
        if e.is_fact:
            p = e.place
            out.append((e.root, p.name, p.country, p.kind, text[p.span[0] : p.span[1]]) if p else (e.root, None))
    return sorted(set(out), key=str)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a locative phrase under the trigger
        ("Artillery units of Russia shelled villages near Izium overnight.", [("19", "Izium", "UKR", "city", "Izium")]),
        ("The envoys of Qatar and Egypt met in Doha on Sunday.", [("04", "Doha", "QAT", "city", "Doha")]),
        # "the city of X" and "the X region"
        ("Syrian troops bombed the town of Idlib.", [("19", "Idlib", "SYR", "city", "Idlib")]),
        # a capital in a place phrase is the city, not its government
        ("Police arrested dozens of protesters in Nairobi.", [("17", "Nairobi", "KEN", "city", "Nairobi")]),
        # a country is a place at country level
        ("Turkish jets struck militant camps in Syria.", [("19", "Syria", "SYR", "country", "Syria")]),
        # the trigger's object names the place
        ("Russian forces shelled Kherson on Monday.", [("19", "Kherson", "UKR", "city", "Kherson")]),
        # a city beats the country around it; a name in apposition to "city"
        ("Russian gunners shelled Mariupol in southern Ukraine.", [("19", "Mariupol", "UKR", "city", "Mariupol")]),
        ("Russian forces struck Ukraine's capital, Kyiv, at dawn.", [("19", "Kyiv", "UKR", "city", "Kyiv")]),
    ],
)
def test_place_of_event(coder, text, expected):
    assert places(coder, text) == expected


def test_place_in_a_subject_is_not_the_event_place(coder):
    # the officials are in Kyiv; the shelling is not placed by that
    found = places(coder, "Officials in Kyiv said Russian artillery shelled the town.")
    assert ("19", None) in found


def test_place_on_monday_is_no_place(coder):
    assert places(coder, "Chinese diplomats criticised Japan on Monday.") == [("11", None)]


def test_place_organisation_and_seat_are_not_places(coder):
    # "at the Kremlin": a seat of power names the government, not a place
    found = places(coder, "The French president met Vladimir Putin at the Kremlin.")
    assert all(p[1] is None for p in found)


def test_place_in_output_record(coder):
    event = next(e for e in coder.code_text("Israeli aircraft bombed targets in Rafah.", published=DAY).events if e.is_fact)
    assert event.to_dict()["place"] == {"text": "Rafah", "name": "Rafah", "country": "PSE", "kind": "city", "span": [35, 40]}


def test_place_visit_object_is_the_place(coder):
    assert places(coder, "The Indian prime minister visited Tokyo last week.") == [("04", "Tokyo", "JPN", "city", "Tokyo")]


def test_place_action_span_on_a_space_still_finds_its_token(coder):
    # a regression: an action span that starts on whitespace made spaCy's char_span fail
    import dataclasses

    from flashpoint.model import Action

    text = "Russian forces shelled villages near Izium."
    coded = coder.code_text(text, published=DAY)
    event = dataclasses.replace(coded.events[0], action=Action(" ", (14, 14)), place=None)
    doc = coder.nlp(text)
    sents = list(doc.sents)
    located = coder._located(doc, [t.idx for t in doc], sents, [s.start for s in sents], event)
    assert located.place is not None and located.place.name == "Izium"


def test_place_fallback_reads_the_event_sentence_when_earlier_sentences_are_skipped(coder):
    # the prefilter skips the first two sentences; the event's sentence index counts them, so
    # the sentence searched for a place must be found from the trigger, not from that index
    text = "It was a quiet day. The markets were calm. Russian artillery shelled the town as residents fled in Kharkiv."
    assert ("19", "Kharkiv", "UKR", "city", "Kharkiv") in places(coder, text)
