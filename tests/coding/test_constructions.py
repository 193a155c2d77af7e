"""Constructions that yield derived events: stated intentions, refusals, demands, reciprocity,
role swaps, protest targets, passive attacks and datelines (sentences written for these tests)."""

from __future__ import annotations

import datetime

import pytest

pytestmark = pytest.mark.model

DAY = datetime.date(2019, 9, 3)


def facts(coder, text, day=DAY):
    return [e for e in coder.code_text(text, published=day).events if e.is_fact]


def brief(events):
    return sorted((e.source.code if e.source else None, e.cameo, e.target.code if e.target else None) for e in events)


def test_ready_to_negotiate_is_an_asserted_intent(coder):
    events = facts(coder, "Serbia is ready to resume negotiations with Kosovo.")
    assert ("SRB", "036", "XKX") in brief(events)
    assert all(e.root != "04" for e in events)  # the talks themselves have not happened


def test_announced_future_aid_is_an_intent_to_provide_aid(coder):
    events = facts(coder, "Japan announced it would send food aid to Haiti.")
    assert [(e.source.code, e.root, e.target.code) for e in events if e.root == "03"] == [("JPN", "03", "HTI")]


def test_refusal_said_would_not(coder):
    events = facts(coder, "The Danish foreign minister said Denmark would not provide military aid to Libya.")
    refusals = [e for e in events if e.root == "12"]
    assert refusals and refusals[0].source.country == "DNK" and refusals[0].target.code == "LBY"
    assert refusals[0].rule.startswith("refuse:")


def test_intent_to_attack_is_a_threat(coder):
    events = facts(coder, "Eritrea plans to attack Djibouti.")
    assert brief(events) == [("ERI", "138", "DJI")]


def test_speculated_plan_yields_no_threat(coder):
    events = facts(coder, "Nobody knows whether Eritrea plans to attack Djibouti.")
    assert events == []


def test_reported_obligation_is_a_demand(coder):
    events = facts(coder, "Norway said Iceland must release the detained fishermen.")
    demands = [e for e in events if e.root == "10"]
    assert [(e.source.code, e.target.code) for e in demands] == [("NOR", "ISL")]
    assert demands[0].action.text == "said"


def test_coordinated_agreement_is_reciprocal(coder):
    events = facts(coder, "Chile and Peru agreed to cooperate on fisheries.")
    assert {(e.source.code, e.target.code) for e in events if e.root == "03"} == {("CHL", "PER"), ("PER", "CHL")}


def test_received_from_swaps_the_giver_to_source(coder):
    events = facts(coder, "Kurdish fighters received weapons from Germany.")
    assert [(e.source.code, e.cameo) for e in events] == [("DEU", "072")]


def test_protest_without_target_is_aimed_at_authorities(coder):
    events = facts(coder, "Thousands of Chilean students marched in Santiago.")
    (event,) = [e for e in events if e.root == "14"]
    assert event.target.code == "CHLGOV"


def test_passive_killing_in_an_air_strike_names_the_attacker(coder):
    events = facts(coder, "Six villagers were killed in a Turkish air strike.")
    kills = [e for e in events if e.quad_class == 4 and e.action.text == "killed"]
    assert kills and kills[0].source.code.startswith("TUR")


def test_dateline_is_not_an_actor(coder):
    events = facts(coder, "KABUL - Taliban fighters attacked a police checkpoint on Monday.")
    assert all(e.source is None or e.source.text != "KABUL" for e in events)
    assert all(e.target is None or e.target.text != "KABUL" for e in events)


def test_compound_noun_is_not_an_event(coder):
    events = facts(coder, "Riot police guarded the Bolivian parliament.")
    assert all(e.root != "14" for e in events)


def test_own_troops_are_not_the_target(coder):
    events = facts(coder, "Ghana sent its troops to Mali.")
    assert all(e.target is None or e.target.country != "GHA" for e in events)
    assert any(e.target is not None and e.target.code == "MLI" for e in events)


def test_subject_constraint_separates_peacekeepers_from_delegations(coder):
    peacekeepers = facts(coder, "Bangladeshi peacekeepers arrived in Mali on Monday.")
    delegation = facts(coder, "A Bangladeshi delegation arrived in Mali on Monday.")
    assert [(e.cameo, e.target.code) for e in peacekeepers] == [("074", "MLI")]
    assert [(e.cameo, e.target.code) for e in delegation] == [("042", "MLI")]


def test_reported_obligation_without_event_verb_is_a_generic_demand(coder):
    events = facts(coder, "The Red Cross said US and British forces must ensure security in the city.")
    demands = sorted((e.source.code, e.cameo, e.target.code) for e in events)
    assert demands == [("NGOIRC", "100", "GBRMIL"), ("NGOIRC", "100", "USAMIL")]
    assert {e.rule for e in events} == {"demand:obligation"}
