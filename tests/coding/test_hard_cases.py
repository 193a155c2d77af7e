"""Constructions the coder must get right, on sentences written for these tests."""

from __future__ import annotations

import datetime

import pytest

pytestmark = pytest.mark.model

DAY = datetime.date(2023, 5, 10)


def code(coder, text, day=DAY):
    return coder.code_text(text, published=day).events


def triples(events, facts_only=True):
    return sorted(
        (e.source.code if e.source else None, e.root, e.target.code if e.target else None)
        for e in events
        if e.is_fact or not facts_only
    )


def test_passive_agent_is_source(coder):
    events = code(coder, "The Hungarian government was criticised by the European Union on Monday.")
    assert triples(events) == [("IGOEUREEC", "11", "HUNGOV")]


def test_passive_rejection_by_capital(coder):
    events = code(coder, "The proposal from Venezuela was rejected by Washington.")
    assert [(e.source.code, e.root) for e in events if e.is_fact] == [("USAGOV", "12")]


def test_coordinated_sources_give_one_event_each(coder):
    events = code(coder, "NATO and the EU condemned Belarus for the forced landing.")
    assert triples(events) == [("IGOEUREEC", "11", "BLR"), ("IGOWSTNAT", "11", "BLR")]


def test_coordinated_adjectives_split_actors(coder):
    events = code(coder, "Senior Bolivian and Chilean officials signed a trade agreement in La Paz.")
    sources = sorted(e.source.code for e in events if e.root == "05")
    assert sources == ["BOLGOV", "CHLGOV"]


def test_negated_attack_is_not_a_fact(coder):
    events = code(coder, "Serbian troops did not attack the village.")
    assert [e.mode.value for e in events if e.root in ("18", "19")] == ["negated"]


def test_denial_is_denied(coder):
    events = code(coder, "Moscow insists it is not planning to invade Georgia.")
    modes = {e.mode.value for e in events if e.root == "19"}
    assert modes == {"denied"}


def test_denied_past_action(coder):
    events = code(coder, "Ankara denied that its navy had entered Cypriot waters.")
    conflict = [e for e in events if e.quad_class == 4]
    assert conflict and all(e.mode.value == "denied" for e in conflict)


def test_hypothetical_whether(coder):
    events = code(coder, "Diplomats wonder whether Beijing will blockade Taiwan.")
    assert [e.mode.value for e in events if e.root == "19"] == ["hypothetical"]


def test_conditional_would_is_hypothetical(coder):
    events = code(coder, "A deal would end the fighting if Ethiopia withdrew its troops from the region.")
    assert all(e.mode.value != "asserted" for e in events)


def test_intention_plans_to(coder):
    events = code(coder, "Azerbaijan plans to deploy troops to the border with Armenia.")
    assert events and all(e.mode.value == "intended" for e in events)


def test_light_verb_talks(coder):
    events = code(coder, "Kenya held talks with Somalia on Wednesday.")
    # talks are mutual (lexicon/mutual.tsv): the reverse event is derived
    assert triples(events) == [("KEN", "04", "SOM"), ("SOM", "04", "KEN")]
    assert sorted(e.rule.split(":")[0] for e in events) == ["mutual", "talk_n"]
    assert {e.action.text for e in events} == {"held talks"}


def test_willingness_to_negotiate(coder):
    events = code(coder, "Armenia signalled a willingness to begin negotiations with Azerbaijan.")
    assert [(e.source.code, e.cameo) for e in events if e.is_fact] == [("ARM", "036")]


def test_calls_for_is_an_appeal(coder):
    events = code(coder, "The African Union called for a ceasefire in Sudan.")
    assert [e.root for e in events if e.is_fact] == ["02"]


def test_quote_speaker_and_we(coder):
    text = 'The Polish defence minister spoke in Warsaw. "We will never attack Belarus," he said.'
    coded = coder.code_text(text, published=DAY)
    (quote,) = [q for q in coded.quotes if q.kind == "direct"]
    assert quote.text == "We will never attack Belarus"
    assert quote.speaker.code == "POLGOV"
    (event,) = [e for e in coded.events if e.quad_class == 4]
    assert event.source.code == "POLGOV" and event.target.code == "BLR"
    assert event.speaker.code == "POLGOV"
    assert event.mode.value == "negated"


def test_background_year_and_since(coder):
    events = code(coder, "Turkey invaded northern Cyprus in 1974.", datetime.date(2020, 7, 20))
    (event,) = [e for e in events if e.root == "19"]
    assert event.event_date == datetime.date(1974, 1, 1)
    assert event.date_precision.value == "year"
    assert event.background is True


def test_relative_day_is_dated_from_article(coder):
    events = code(coder, "Chad expelled the Libyan ambassador on Monday.", datetime.date(2023, 5, 10))
    (event,) = [e for e in events if e.root == "16"]
    assert event.event_date == datetime.date(2023, 5, 8)
    assert event.background is False


def test_no_article_date_gives_no_event_date(coder):
    events = code(coder, "Chad expelled the Libyan ambassador on Monday.", None)
    (event,) = [e for e in events if e.root == "16"]
    assert event.event_date is None and event.background is False


def test_leader_resolved_as_of_article_date(coder):
    early = code(coder, "Angela Merkel criticised Turkey.", datetime.date(2016, 3, 1))
    late = code(coder, "Angela Merkel criticised Turkey.", datetime.date(2023, 3, 1))
    assert early[0].source.code == "DEUGOV"
    assert late[0].source.code != "DEUGOV" and late[0].source.country == "DEU"


def test_unknown_named_actor_is_kept_apart_not_counted(coder):
    coded = coder.code_text("Zorblatt Industries accused Canada of dumping steel.")
    assert not [e for e in coded.events if e.root == "11"]
    (event,) = [e for e in coded.unattributed if e.root == "11"]
    assert event.source.code is None and event.source.text == "Zorblatt Industries"
    assert event.target.code == "CAN"


def test_the_pair_refers_to_the_last_two_people(coder):
    text = "President Putin met Xi Jinping in Beijing on Friday. The pair condemned NATO."
    events = code(coder, text, datetime.date(2022, 2, 5))
    condemn = sorted((e.source.code, e.target.code) for e in events if e.root == "11")
    assert condemn == [("CHNGOV", "IGOWSTNAT"), ("RUSGOV", "IGOWSTNAT")]
    assert {e.source.text for e in events if e.root == "11"} == {"pair"}


def test_each_other_after_two_leaders_is_reciprocal(coder):
    text = "President Putin met Xi Jinping on Friday. Both leaders praised each other."
    events = code(coder, text, datetime.date(2022, 2, 5))
    assert sorted((e.source.code, e.target.code) for e in events if e.root == "05") == [
        ("CHNGOV", "RUSGOV"),
        ("RUSGOV", "CHNGOV"),
    ]
