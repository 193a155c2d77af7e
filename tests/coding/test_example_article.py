"""The issue's worked example, coded end to end with the real pipeline and packaged data."""

from __future__ import annotations

import datetime

import pytest

pytestmark = pytest.mark.model

ARTICLE = (
    "President Putin said on Tuesday that Russia does not want a war in Europe, but he accused Kyiv of "
    "committing genocide against Russian speakers in the Donbas. He confirmed that some units would be "
    "pulled back from the Ukrainian border. Earlier in the day Russian lawmakers urged him to recognise "
    "the two breakaway regions. Russia seized Crimea from Ukraine in 2014, drawing condemnation from "
    "Western governments. Analysts still cannot say whether Moscow plans to invade."
)
DAY = datetime.date(2022, 2, 15)


@pytest.fixture(scope="module")
def events(coder):
    return coder.code_text(ARTICLE, published=DAY, article_id="example").events


def _one(events, root, sentence):
    found = [e for e in events if e.root == root and e.sentence_index == sentence]
    assert found, f"no {root} event in sentence {sentence}: {[e.to_dict() for e in events]}"
    return found[0]


def test_example_accusation_of_kyiv(events):
    e = _one(events, "11", 0)
    assert e.cameo.startswith("112")
    assert e.source.code == "RUSGOV" and e.source.text == "he"
    assert e.target.code == "UKRGOV" and e.target.text == "Kyiv"
    assert ARTICLE[slice(*e.target.span)] == "Kyiv"
    assert e.mode.value == "asserted"
    assert e.event_date == DAY and e.date_precision.value == "day"
    assert e.background is False
    assert e.action.text == "accused"
    assert e.rule.startswith("accuse")


def test_example_no_conflict_from_not_wanting_war(events):
    assert not [e for e in events if e.sentence_index == 0 and e.quad_class == 4]


def test_example_pullback_is_russian_military(events):
    e = _one(events, "08", 1)
    assert e.cameo.startswith("087")
    assert e.source.country == "RUS"
    assert e.source.code in ("RUS", "RUSMIL")
    # "confirmed that units would be pulled back": an announced, future withdrawal.
    assert e.mode.value == "intended"
    assert e.speaker is not None and e.speaker.code == "RUSGOV"


def test_example_lawmakers_appeal_to_putin(events):
    e = _one(events, "02", 2)
    assert e.source.code == "RUSLEG"
    assert e.target.code == "RUSGOV" and e.target.text == "him"
    assert e.mode.value == "asserted"


def test_example_recognition_is_only_urged(events):
    embedded = [e for e in events if e.sentence_index == 2 and e.root != "02"]
    assert all(e.mode.value != "asserted" for e in embedded)


def test_example_crimea_seizure_is_background_2014(events):
    e = _one(events, "19", 3)
    assert e.cameo == "192"
    assert e.source.code == "RUS" and e.target.code == "UKR"
    assert e.event_date == datetime.date(2014, 1, 1) and e.date_precision.value == "year"
    assert e.background is True
    assert e.mode.value == "asserted"


def test_example_western_condemnation_is_background(events):
    e = _one(events, "11", 3)
    assert e.cameo == "111"
    assert e.source.code.startswith("WST")
    assert e.target.code == "RUS"
    assert e.event_date.year == 2014 and e.background is True


def test_example_speculated_invasion_is_not_asserted(events):
    invasion = [e for e in events if e.sentence_index == 4 and e.quad_class == 4]
    assert invasion, "the invasion is still reported, with its mode"
    assert all(e.mode.value == "hypothetical" for e in invasion)
    assert invasion[0].source.country == "RUS"


def test_example_announced_pullback_is_an_asserted_intent_of_the_speaker(events):
    # CAMEO codes the announcement itself as "express intent to yield" (035).
    e = _one(events, "03", 1)
    assert e.cameo == "035" and e.mode.value == "asserted"
    assert e.source.code == "RUSGOV"
    assert e.rule.startswith("intent:")


def test_example_only_expected_asserted_facts(events):
    facts = sorted((e.sentence_index, e.root) for e in events if e.is_fact)
    assert facts == [(0, "11"), (1, "03"), (2, "02"), (3, "11"), (3, "19")]
