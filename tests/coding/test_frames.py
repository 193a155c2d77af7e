"""Lexicon v2 argument frames (issue 10): what an entry takes decides where its complement
words are looked for, and its role map decides who is source and target. Sentences written
for these tests."""

from __future__ import annotations

import datetime

import pytest

pytestmark = pytest.mark.model

DAY = datetime.date(2024, 3, 4)


def _events(coder, text):
    return coder.code_text(text, published=DAY).events


def _triples(events):
    return sorted((e.cameo, e.source and e.source.code, e.target and e.target.code, e.mode.value) for e in events)


def test_that_clause_of_a_belief_verb_is_not_the_object_of_an_agreement(coder):
    # v1 found "treaty" anywhere under "concluded" and coded 057 (sign formal agreement)
    events = _events(coder, "Auditors concluded that Belarus had violated the treaty.")
    assert not [e for e in events if e.cameo.startswith("05")]


def test_object_of_the_same_verb_is_an_agreement(coder):
    events = _events(coder, "Poland concluded a treaty with Lithuania.")
    assert ("057", "POL", "LTU", "asserted") in _triples(events)


def test_agreeing_that_something_is_true_is_a_view_not_a_commitment(coder):
    assert _events(coder, "Spain and Portugal agreed that the drought was serious.") == []


def test_agreeing_to_do_something_is_a_commitment(coder):
    events = _events(coder, "Spain agreed to hold talks with Morocco.")
    assert ("036", "ESP", "MAR", "asserted") in _triples(events)


def test_a_speech_verb_takes_its_that_clause(coder):
    events = _events(coder, "Estonia warned that it would cut diplomatic ties with Belarus.")
    warn = [e for e in events if e.root == "13"]
    assert [(e.source.code, e.mode.value) for e in warn] == [("EST", "asserted")]


def test_an_indirect_question_is_what_is_investigated(coder):
    events = _events(coder, "Chile's prosecutors will investigate whether the harbour contract was fair.")
    assert [(e.cameo, e.source.code, e.mode.value) for e in events if e.root == "09"] == [("090", "CHLJUD", "intended")]


def test_infinitive_parsed_as_a_clause_is_a_to_complement(coder):
    # "allowed X to ..." is often parsed as a ccomp with X as its subject: it is still no that-clause
    events = _events(coder, "Peru's electoral court allowed the opposition candidate to run in the election.")
    assert [e.root for e in events if e.root == "08"] == ["08"]


def test_a_receiving_subject_is_the_target_and_borrows_no_country_from_the_giver(coder):
    events = _events(coder, "Kurdish fighters received weapons from Germany.")
    arms = [e for e in events if e.cameo == "072"]
    assert [(e.source.code, e.target.text, e.target.code) for e in arms] == [("DEU", "Kurdish fighters", "REB")]


def test_a_bare_role_borrows_no_country_from_the_other_argument(coder):
    # roles (issue 10): "Officials who met in 2019 accused Russia" gave RUSGOV -> RUS
    events = _events(coder, "Officials who met in 2019 accused Russia.")
    accuse = [e for e in events if e.root == "11"]
    assert [(e.source.code, e.target.code) for e in accuse] == [("GOV", "RUS")]
    assert all(e.source.country is None for e in events)


def test_a_bare_source_takes_the_country_of_the_place_it_acts_in(coder):
    events = _events(coder, "Security forces fired on protesters in Conakry, Guinea.")
    fire = [e for e in events if e.root == "19"]
    assert [(e.source.code, e.target.code) for e in fire] == [("GINMIL", "GINOPP")]


def test_a_time_phrase_is_not_a_prepositional_argument(coder):
    # "On Tuesday ... called" is not "call on" (an appeal to Tuesday's addressee)
    events = _events(coder, "On Tuesday, the Kenyan foreign minister called the shelling a tragedy.")
    assert not [e for e in events if e.root == "02"]


def test_for_infinitive_is_an_appeal_to_its_subject(coder):
    events = _events(coder, "Ghana called for Togo to reopen the border.")
    appeal = [e for e in events if e.root == "02"]
    assert [(e.cameo, e.source.code, e.target.code, e.mode.value) for e in appeal] == [("020", "GHA", "TGO", "asserted")]
    assert all(e.mode.value == "hypothetical" for e in events if e.root != "02")


def test_participle_inside_the_object_names_the_target(coder):
    events = _events(coder, "Canada authorized sanctions targeting Venezuela.")
    assert [(e.cameo, e.source.code, e.target.code) for e in events if e.root == "16"] == [("163", "CAN", "VEN")]


def test_an_ability_is_not_an_act(coder):
    events = _events(coder, "Mali's army has little ability to strike the militants.")
    strikes = [e for e in events if e.root in ("18", "19")]
    assert strikes and all(e.mode.value == "hypothetical" and e.mode_cue == "ability" for e in strikes)


def test_a_condemning_name_is_criticism_of_the_named(coder):
    events = _events(coder, "Poland called the Russian drills a dangerous provocation.")
    assert [(e.cameo, e.source.code, e.target.code) for e in events] == [("111", "POL", "RUS")]


def test_a_definite_noun_takes_the_author_of_its_earlier_mention_as_target(coder):
    text = "Sweden's auditors published a report on the Finnish navy on Monday. Norway criticized the report."
    criticism = [e for e in _events(coder, text) if e.root == "11"]
    assert [(e.source.code, e.target.code) for e in criticism] == [("NOR", "SWE")]


def test_a_definite_noun_without_an_earlier_owner_stays_without_target(coder):
    criticism = [e for e in _events(coder, "Norway criticized the report.") if e.root == "11"]
    assert [(e.source.code, e.target) for e in criticism] == [("NOR", None)]


def test_a_place_in_a_relative_clause_is_not_the_actor_of_the_phrase(coder):
    events = _events(coder, "Greek police arrested a crew member of the ship that sank in the Aegean Sea.")
    arrest = [e for e in events if e.root == "17"]
    assert [(e.source.code, e.target) for e in arrest] == [("GRCCOP", None)]


def test_the_nearest_earlier_mention_that_names_an_author_is_used(coder):
    text = "The UN inspectors' report on Syria came out on Monday. The report said gas was used. Iran criticized the report."
    criticism = [e for e in _events(coder, text) if e.root == "11"]
    assert [(e.source.code, e.target.code) for e in criticism] == [("IRN", "IGOUNO")]


def test_the_possessor_of_a_decision_does_what_was_decided(coder):
    events = _events(coder, "Turkey condemned Russia's decision to expel its diplomats.")
    expel = [e for e in events if e.root == "16"]
    assert [e.source.code for e in expel] == ["RUS"]


def test_the_blamed_party_is_the_subject_of_the_act_it_is_blamed_for(coder):
    events = _events(coder, "Germany condemned Russia for shelling Kharkiv.")
    assert ("194", "RUS", "UKR", "asserted") in _triples(events)
    assert not [e for e in events if e.source.code == "DEU" and e.root == "19"]


def test_a_failure_negates_and_a_charge_is_a_claim(coder):
    failed = _events(coder, "Serbia failed to reach a deal with Kosovo.")
    assert failed and all(e.mode.value == "negated" and e.mode_cue == "failed" for e in failed)
    charged = _events(coder, "Iraq's prosecutors charged the minister with aiding the militants.")
    aid = [e for e in charged if e.root == "07"]
    assert [(e.source.code, e.mode.value) for e in aid] == [("IRQGOV", "hypothetical")]


def test_a_purpose_clause_names_the_target_of_a_transfer(coder):
    events = _events(coder, "Canada sent weapons to help Ukraine.")
    assert ("072", "CAN", "UKR", "asserted") in _triples(events)


def test_a_title_case_headline_is_parsed_in_sentence_case(coder):
    from flashpoint.model import Article

    article = Article(id="t", text="Ottawa, Monday.", title="Canada Sends Weapons to Help Ukraine Fight Invaders", published=DAY)
    (coded,) = coder.pipe([article])
    arms = [e for e in coded.events if e.cameo == "072"]
    assert [(e.source.code, e.target.code, e.action.text) for e in arms] == [("CAN", "UKR", "Sends")]


def test_being_angered_by_an_act_is_disapproval_of_its_author(coder):
    events = _events(coder, "Germany was angered by the Russian expulsions.")
    assert [(e.cameo, e.source.code, e.target.code) for e in events if e.root == "11"] == [("110", "DEU", "RUS")]
    assert _events(coder, "The village was disturbed by the noise.") == []


def test_a_name_takes_its_description_and_a_family_name_finds_it_again(coder):
    text = (
        "Wang Qiang, a senior member of the Chinese Communist Party, arrived in Hanoi. "
        "Wang also urged that Vietnam resume talks with the Philippines."
    )
    urge = [e for e in _events(coder, text) if e.root == "02"]
    assert [(e.source.text, e.source.country, e.target.code) for e in urge] == [("Wang", "CHN", "VNM")]


def test_a_passive_arrest_without_agent_is_by_the_authorities_of_the_place(coder):
    events = _events(coder, "More than 40 Kenyan protesters were arrested in Nairobi on Sunday night.")
    arrest = [e for e in events if e.root == "17"]
    assert [(e.source.code, e.source.matched_by, e.target.code) for e in arrest] == [("KENGOV", "coercion:authorities", "KENOPP")]


def test_no_evidence_that_something_happened_is_not_that_it_happened(coder):
    events = _events(coder, "Kenyan investigators did not find evidence that Somali forces attacked the camp.")
    assert not [e for e in events if e.is_fact and e.root in ("18", "19")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kenyan police returned fire on the crowd in Nairobi.", ("190", "KENCOP")),
        ("The new doctrine of Japan names Iran as a dangerous rival.", ("111", "JPN")),
    ],
)
def test_idioms_of_force_and_condemnation(coder, text, expected):
    events = _events(coder, text)
    assert expected in [(e.cameo, e.source.code) for e in events]


def test_disputing_what_was_said_is_aimed_at_who_said_it(coder):
    events = _events(coder, "Maduro said that he would never hold early elections, which Colombia disputed.")
    dispute = [e for e in events if e.root == "11"]
    assert [(e.source.code, e.target.code) for e in dispute] == [("COL", "VENGOV")]
    said = _events(coder, 'Petro said: "Maduro has broken his pledges."')
    assert all(e.target is None or e.target.code != "COLGOV" for e in said)


def test_a_meeting_as_the_setting_of_a_clause_is_its_subject_meeting(coder):
    events = _events(coder, "After talks with Museveni, Kagame said the border would reopen.")
    talks = [e for e in events if e.root == "04"]
    assert sorted((e.source.code, e.target.code, e.rule) for e in talks) == [
        ("RWAGOV", "UGAGOV", "talk_n"), ("UGAGOV", "RWAGOV", "mutual:talk_n")
    ]
    assert not [e for e in _events(coder, "Talks collapsed after a meeting.") if e.root == "04"]


def test_a_bare_ask_is_a_question_not_an_appeal(coder):
    assert _events(coder, '"Why now?" the Kenyan president asked.') == []
    assert [(e.cameo, e.source.code, e.target.code) for e in _events(coder, "Kenya asked the UN for help.")] == [("023", "KEN", "IGOUNO")]


def test_an_adjective_names_no_agent_and_a_recipient_is_no_source(coder):
    assert [(e.cameo, e.source.code, e.target) for e in _events(coder, "Kenya requested a public hearing.")] == [("020", "KEN", None)]
    events = _events(coder, "A letter to Kenya by the Ugandan foreign minister requested talks.")
    assert all(e.source.country == "UGA" for e in events) and events


def test_blocking_aid_is_reducing_material_aid_like_halting_it(coder):
    for verb in ("blocked", "halted"):
        events = _events(coder, f"Congress {verb} military aid to Egypt.")
        assert [(e.cameo, e.source.code, e.target.code) for e in events] == [("1622", "USALEG", "EGY")], verb


def test_blocking_aid_convoys_is_refusing_access(coder):
    events = _events(coder, "Rebels blocked aid convoys to the town.")
    assert [e.cameo for e in events] == ["1245"]


def test_a_curfew_is_imposed_on_the_place_not_its_government(coder):
    threat = _events(coder, "The Ugandan president threatened to impose a curfew in Kampala.")
    assert sorted((e.cameo, e.source.code, e.target.code, e.target.matched_by, e.mode.value) for e in threat) == [
        ("1323", "UGAGOV", "UGA", "place", "asserted"),
        ("1723", "UGAGOV", "UGA", "place", "hypothetical"),
    ]
    extended = _events(coder, "The Nigerian governor extended the curfew in Lagos.")
    assert [(e.cameo, e.source.code, e.target.code) for e in extended] == [("1723", "NGAGOV", "NGA")]


def test_a_force_posture_is_aimed_at_the_place_it_is_held(coder):
    drills = _events(coder, "Iran held naval drills near Manama.")
    assert [(e.root, e.source.code, e.target.code) for e in drills] == [("15", "IRN", "BHR")]
    alert = _events(coder, "Turkish troops remained on alert in northern Iraq.")
    assert [(e.cameo, e.source.code, e.target.code) for e in alert] == [("152", "TURMIL", "IRQ")]
