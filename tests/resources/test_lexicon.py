"""The packaged trigger lexicon (lexicon/triggers.jsonl): it loads, covers every CAMEO root,
and its refinements beat its general entries where the file's ordering says they should.

Selection is replayed here from the documented rules (docs/lexicon.md) on plain lemma lists,
through Lexicon.candidates and WordSet.matches, so these tests need no spaCy model; a few
`model` tests run real parses through flashpoint.coding.triggers.match_trigger.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from flashpoint.resources._tables import data_path, read_jsonl
from flashpoint.resources.lexicon import Lexicon, Trigger, load_lexicon

TRIGGERS = "lexicon/triggers.jsonl"
ROOTS = [f"{n:02d}" for n in range(1, 21)]
# Every root gets at least this many entries; the smallest (20, mass violence) has about 25.
MIN_PER_ROOT = 20
# Reporting and modality verbs are handled by quotes.py and modality.py, never as events.
NOT_TRIGGERS = frozenset({
    "say", "tell", "add", "state", "announce", "report", "write", "explain", "note", "reply",
    "respond", "argue", "assert", "stress", "emphasise", "emphasize", "suggest", "believe",
    "think", "know", "predict", "reveal", "tweet", "post", "want", "plan", "intend", "hope",
    "aim", "try", "expect", "decide", "prepare", "seek", "wish", "would", "will",
})


@pytest.fixture(scope="module")
def path() -> Path:
    return data_path(TRIGGERS)


@pytest.fixture(scope="module")
def lexicon(path: Path) -> Lexicon:
    return load_lexicon(path)


def _holds(trig: Trigger, lemmas: list[str], prt: str | None, prep: str | None, light: str | None) -> bool:
    """The constraints of one entry against a hand-described trigger (docs/lexicon.md)."""
    if trig.comp_ent or trig.passive_only:
        return False  # not describable without a parse; no case below relies on them
    if trig.light and light not in trig.light:
        return False
    if trig.prt and trig.prt != prt:
        return False
    if trig.prep and trig.prep != prep:
        return False
    if trig.comp and not trig.comp.matches(lemmas):
        return False
    if trig.comp2 and not trig.comp2.matches(lemmas):
        return False
    return not (trig.not_comp and trig.not_comp.matches(lemmas))


def pick(
    lexicon: Lexicon,
    lemma: str,
    pos: str = "verb",
    comps: str = "",
    prt: str | None = None,
    prep: str | None = None,
    light: str | None = None,
) -> str | None:
    """The id of the entry that wins: most constraints, ties to the earlier line."""
    lemmas = comps.split()
    best: Trigger | None = None
    for trig in lexicon.candidates(lemma, pos):
        if _holds(trig, lemmas, prt, prep, light) and (best is None or trig.specificity > best.specificity):
            best = trig
    return best.id if best is not None else None


def test_lexicon_packaged_file_loads(lexicon: Lexicon) -> None:
    assert len(lexicon) >= 800
    assert {t.pos for t in lexicon.triggers} == {"verb", "noun"}


def test_lexicon_codes_are_in_ontology(path: Path, lexicon: Lexicon) -> None:
    ontology = pytest.importorskip(
        "flashpoint.resources.ontology", reason="flashpoint.resources.ontology is not written yet"
    )
    codes = ontology.load_ontology().codes()
    checked = load_lexicon(path, known_codes=codes)
    assert len(checked) == len(lexicon)


@pytest.mark.parametrize("root", ROOTS)
def test_lexicon_every_root_has_entries(lexicon: Lexicon, root: str) -> None:
    count = sum(1 for t in lexicon.triggers if t.cameo[:2] == root)
    assert count >= MIN_PER_ROOT, f"root {root} has only {count} entries"


def test_lexicon_ids_are_unique(path: Path) -> None:
    ids = Counter(obj["id"] for _, obj in read_jsonl(path) if "id" in obj)  # the first object is the format header
    assert [i for i, n in ids.items() if n > 1] == []


def test_lexicon_no_reporting_or_modality_lemmas(lexicon: Lexicon) -> None:
    assert sorted(lexicon.lemmas & NOT_TRIGGERS) == []


def test_lexicon_lemmas_are_single_lowercase_words(lexicon: Lexicon) -> None:
    bad = [t.id for t in lexicon.triggers if " " in t.lemma or t.lemma != t.lemma.lower()]
    assert bad == []


def test_lexicon_phrases_have_no_wildcards(lexicon: Lexicon) -> None:
    # A multiword entry is an exact lemma sequence: "chemical weapon*" would never match.
    bad = [
        t.id
        for t in lexicon.triggers
        for words in (t.comp, t.comp2, t.not_comp)
        if words is not None
        for phrase in words.phrases
        if any("*" in w for w in phrase)
    ]
    assert bad == []


def test_lexicon_light_nouns_not_also_verb_complements(lexicon: Lexicon) -> None:
    # "held talks" must be coded once: if TALK lists HOLD as a light verb, no HOLD entry may
    # also fire on the complement "talk".
    doubles = [
        (noun.id, verb.id)
        for noun in lexicon.triggers
        if noun.pos == "noun"
        for light in noun.light
        for verb in lexicon.candidates(light, "verb")
        if verb.comp is not None and verb.comp.matches([noun.lemma])
    ]
    assert doubles == []


def test_lexicon_no_shadowed_general_entries(lexicon: Lexicon) -> None:
    # Specificity decides and ties go to the earlier line, so a second unconstrained entry of
    # the same word after one without exclusions could never fire.
    shadowed = []
    for trig in lexicon.triggers:
        if trig.specificity == 0:
            earlier = [
                t.id
                for t in lexicon.candidates(trig.lemma, trig.pos)
                if t.line < trig.line and t.specificity == 0 and not t.not_comp
            ]
            if earlier:
                shadowed.append((trig.id, earlier[0]))
    assert shadowed == []


@pytest.mark.parametrize(
    ("lemma", "pos", "comps", "prt", "prep", "light", "expected"),
    [
        # accusations: "war crime" must beat the plain "crime" of 1121
        ("accuse", "verb", "of war crime in the region", None, None, None, "accuse.war_crimes"),
        ("accuse", "verb", "of corruption", None, None, None, "accuse.crime"),
        ("accuse", "verb", "the government", None, None, None, "accuse"),
        # appeals: the object of the appeal picks the sub-code
        ("urge", "verb", "to release all prisoner", None, None, None, "urge.release"),
        ("urge", "verb", "to lift the sanction", None, None, None, "urge.ease_sanctions"),
        ("urge", "verb", "to lift the curfew", None, None, None, "urge.ease_admin"),
        ("call", "verb", "for an immediate ceasefire", None, "for", None, "call_for.deescalate"),
        ("call", "verb", "the rebel", None, "on", None, "call_on"),
        ("call", "verb", "", None, None, None, None),
        # intent
        ("agree", "verb", "to hold talk", None, None, None, "agree.meet"),
        ("agree", "verb", "to a ceasefire", None, None, None, "agree.deescalate"),
        ("agree", "verb", "on a deal", None, None, None, "agree.deal"),
        ("agree", "verb", "", None, None, None, "agree"),
        # particles
        ("pull", "verb", "of the talk", "out", None, None, "pull_out.talks"),
        ("pull", "verb", "of the region", "out", None, None, "pull_out"),
        ("pull", "verb", "", None, None, None, None),
        # yield rows of the easing verbs
        ("lift", "verb", "the curfew", None, None, None, "lift.curfew"),
        ("lift", "verb", "the sanction on Iran", None, None, None, "lift.sanctions"),
        ("lift", "verb", "the ban on opposition party", None, None, None, "lift.ban_party"),
        # threats
        ("threaten", "verb", "to impose sanction", None, None, None, "threaten.sanctions"),
        ("threaten", "verb", "to use nuclear weapon", None, None, None, "threaten.wmd"),
        ("threaten", "verb", "to launch an attack", None, None, None, "threaten.attack"),
        ("threaten", "verb", "", None, None, None, "threaten"),
        # not_comp keeps publications out of prisoner releases
        ("release", "verb", "a report", None, None, None, None),
        ("release", "verb", "two journalist", None, None, None, "release"),
        ("meet", "verb", "their demand", None, None, None, "meet.demands"),
        ("meet", "verb", "the president", None, None, None, "meet"),
        ("sign", "verb", "a ceasefire agreement", None, None, None, "sign.ceasefire"),
        ("sign", "verb", "a trade agreement", None, None, None, "sign"),
        ("reject", "verb", "the accusation", None, None, None, "reject.accusation"),
        ("refuse", "verb", "to comment", None, None, None, "refuse.comment"),
        # nouns: light verbs and modifiers
        ("talk", "noun", "", None, None, "hold", "talk_n"),
        ("talk", "noun", "", None, None, None, None),
        ("strike", "noun", "hunger", None, None, None, "hunger_strike"),
        ("strike", "noun", "hunger", None, None, "stag", "hunger_strike.light"),
        ("strike", "noun", "", None, None, "go", "strike_n.labour"),
        ("strike", "noun", "air", None, None, None, "air_strike"),
        ("attack", "noun", "suicide", None, None, None, "suicide_attack"),
        ("attack", "noun", "on the city", None, None, None, "attack_n"),
        ("attack", "noun", "on the city", None, None, "launch", "attack_n.light"),
        ("sanction", "noun", "on Russia", None, None, "impose", "sanction_n"),
        ("sanction", "noun", "on Russia", None, None, None, None),
    ],
)
def test_lexicon_refinement_wins(
    lexicon: Lexicon,
    lemma: str,
    pos: str,
    comps: str,
    prt: str | None,
    prep: str | None,
    light: str | None,
    expected: str | None,
) -> None:
    assert pick(lexicon, lemma, pos, comps, prt, prep, light) == expected


@pytest.mark.parametrize(
    ("lemma", "pos", "comps", "prt", "light", "code"),
    [
        ("criticise", "verb", "", None, None, "111"),
        ("criticize", "verb", "", None, None, "111"),
        ("recognise", "verb", "Kosovo", None, None, "054"),
        ("recognize", "verb", "Kosovo", None, None, "054"),
        ("mobilise", "verb", "reservist", None, None, "154"),
        ("apologise", "verb", "to Brazil", None, None, "055"),
        ("crack", "verb", "on protester", "down", None, "175"),
        ("step", "verb", "", "down", None, "0831"),
        ("expel", "verb", "two diplomat", None, None, "166"),
        ("expel", "verb", "UN inspector", None, None, "1662"),
        ("deport", "verb", "168 migrant", None, None, "174"),
        ("kill", "verb", "three soldier in a roadside bombing", None, None, "1833"),
        ("fire", "verb", "rocket at the town", None, None, "194"),
        ("fire", "verb", "the minister", None, None, None),
        ("protest", "noun", "", None, "lodge", "114"),
        ("protest", "noun", "", None, "stag", "141"),
        ("ceasefire", "noun", "", None, "declare", None),
        ("declare", "verb", "a ceasefire", None, None, "0871"),
        ("declare", "verb", "martial law", None, None, "1724"),
        ("massacre", "verb", "villager", None, None, "202"),
        ("cleansing", "noun", "ethnic", None, "carry", "203"),
        ("cleansing", "noun", "ethnic", None, None, None),
    ],
)
def test_lexicon_codes_for_common_news_verbs(
    lexicon: Lexicon, lemma: str, pos: str, comps: str, prt: str | None, light: str | None, code: str | None
) -> None:
    picked = pick(lexicon, lemma, pos, comps, prt, None, light)
    got = None if picked is None else next(t.cameo for t in lexicon.triggers if t.id == picked)
    assert got == code


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("Opposition activists staged rallies against the president.", "rallies", "rally_n"),
        ("The rebels waged war on the government.", "waged", "wag.war"),
        ("Israel accused Hamas of war crimes.", "accused", "accuse.war_crimes"),
        ("Sanctions were imposed on Iran by the European Union.", "Sanctions", "sanction_n"),
        ("The workers went on hunger strike.", "strike", "hunger_strike.light"),
        ("Police tear-gassed the demonstrators.", "gassed", "tear_gas"),
        ("North Korea test-fired two ballistic missiles.", "fired", "fire.test"),
        ("Ankara agreed to lift the ban on the party.", "agreed", "agree.ease_admin"),
    ],
)
def test_lexicon_matches_parsed_sentences(nlp, lexicon: Lexicon, sentence: str, word: str, expected: str) -> None:
    from flashpoint.coding.triggers import match_trigger

    doc = nlp(sentence)
    token = next(t for t in doc if t.text == word)
    match = match_trigger(token, lexicon)
    assert match is not None and match[0].id == expected


# -- format version 2: argument frames ------------------------------------------------------
HEADER = '{"lexicon_format": 2}\n'
ENTRY = '{"id": "x", "lemma": "conclude", "cameo": "057", "frame": %s}\n'


def _load(tmp_path: Path, text: str) -> Lexicon:
    path = tmp_path / "triggers.jsonl"
    path.write_text(text, encoding="utf-8")
    return load_lexicon(path)


def test_lexicon_frame_is_read_with_takes_roles_and_embeds(tmp_path: Path) -> None:
    from flashpoint.model import Mode
    from flashpoint.resources.lexicon import EventRole, Takes

    frame = '{"takes": ["np", "none"], "roles": {"subject": "target", "prep:from": "source"}, "embeds": "intended"}'
    lexicon = _load(tmp_path, "// comment\n" + HEADER + ENTRY % frame)
    trig = lexicon.triggers[0]
    assert trig.frame.takes == frozenset({Takes.NP, Takes.NONE})
    assert trig.frame.slots(EventRole.SOURCE) == ("prep:from",)
    assert trig.frame.subject_receives and not trig.frame.no_target
    assert lexicon.embedders == {"conclude": Mode.INTENDED}


def test_lexicon_without_role_map_has_the_default_roles(tmp_path: Path) -> None:
    from flashpoint.resources.lexicon import EventRole

    trig = _load(tmp_path, HEADER + ENTRY % '{"takes": ["np"]}').triggers[0]
    assert trig.frame.slots(EventRole.TARGET) == ("object", "dative", "directed")
    assert trig.frame.slots(EventRole.SOURCE) == ("subject",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (ENTRY % '{"takes": ["np"]}', "lexicon format 1 is not 2"),
        (HEADER + '{"id": "x", "lemma": "a", "cameo": "057", "target": ["dobj"], "frame": {"takes": ["np"]}}\n', "version-1 key(s) ['target']"),
        (HEADER + '{"id": "x", "lemma": "a", "cameo": "057"}\n', "'frame' is required"),
        (HEADER + ENTRY % '{"takes": ["object"]}', "each must be one of np, to, that, none"),
        (HEADER + ENTRY % '{"takes": ["np"], "roles": {"indirect": "target"}}', "slot 'indirect'"),
        (HEADER + ENTRY % '{"takes": ["np"], "roles": {"object": "victim"}}', "must be 'source' or 'target'"),
        (HEADER + ENTRY % '{"takes": ["np"], "embeds": "negated"}', "'embeds' must be"),
    ],
)
def test_lexicon_bad_frames_are_refused_with_path_and_line(tmp_path: Path, text: str, message: str) -> None:
    from flashpoint.errors import LexiconError

    with pytest.raises(LexiconError) as err:
        _load(tmp_path, text)
    assert message in str(err.value)
    line = 1 if text.startswith('{"id"') else 2
    assert f"triggers.jsonl:{line}:" in str(err.value)


def test_lexicon_packaged_frames_declare_that_clauses_only_for_propositional_roots(lexicon: Lexicon) -> None:
    # material acts (04-09, 14-20) take no that-clause: "concluded THAT ... treaty" is no 057
    from flashpoint.resources.lexicon import Takes

    bad = [t.id for t in lexicon.triggers if Takes.THAT in t.frame.takes and t.cameo[:2] not in {"01", "02", "03", "10", "11", "12", "13"}]
    assert bad == []


def test_lexicon_setting_is_read_for_nouns_and_refused_for_verbs(tmp_path: Path) -> None:
    from flashpoint.errors import LexiconError

    noun = '{"id": "t", "lemma": "talk", "pos": "noun", "cameo": "046", "setting": ["after"], "frame": {"takes": ["np"]}}\n'
    trig = _load(tmp_path, HEADER + noun).triggers[0]
    assert trig.setting == frozenset({"after"}) and trig.specificity == 1
    assert trig.word_needs() == (frozenset({("after",)}),)
    verb = '{"id": "t", "lemma": "talk", "cameo": "046", "setting": ["after"], "frame": {"takes": ["np"]}}\n'
    with pytest.raises(LexiconError, match="'setting' is for noun entries"):
        _load(tmp_path, HEADER + verb)


def test_migration_script_turns_a_version_1_lexicon_into_a_loadable_version_2(tmp_path: Path) -> None:
    import subprocess
    import sys

    from flashpoint.resources.lexicon import EventRole, Takes

    old = tmp_path / "v1.jsonl"
    old.write_text(
        "// a comment\n"
        '{"id": "conclude.deal", "lemma": "conclude", "cameo": "057", "comp": ["treaty"], "target": ["prep:with", "dobj"]}\n'
        '{"id": "warn", "lemma": "warn", "cameo": "130"}\n'
        '{"id": "receive.arms", "lemma": "receive", "cameo": "072", "comp": ["arms"], "target": ["prep:from"], "swap": true}\n',
        encoding="utf-8",
    )
    reporting = tmp_path / "reporting.tsv"
    reporting.write_text("lemma\tkind\tconfirm_future\nsay\tspeech\tyes\nconclude\tcognition\tno\n", encoding="utf-8")
    script = Path(__file__).parents[2] / "scripts" / "migrate_lexicon.py"
    new = subprocess.run([sys.executable, str(script), str(old), str(reporting)], capture_output=True, text=True, check=True).stdout
    path = tmp_path / "v2.jsonl"
    path.write_text(new, encoding="utf-8")
    deal, warn, receive = load_lexicon(path).triggers
    assert Takes.THAT not in deal.frame.takes and deal.frame.slots(EventRole.TARGET) == ("prep:with", "object")
    assert Takes.THAT in warn.frame.takes and warn.frame.embeds is not None
    assert receive.frame.subject_receives and receive.frame.slots(EventRole.SOURCE) == ("prep:from",)
