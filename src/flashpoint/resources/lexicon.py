"""Lexicon: event triggers (verb and noun patterns with CAMEO codes), read from lexicon/triggers.jsonl.

Format version 2 (the file's first object is `{"lexicon_format": 2}`): one JSON object per
line, each with an argument frame (see docs/lexicon.md for the full grammar):

    {"id": "accuse.genocide", "lemma": "accuse", "cameo": "1122", "comp": ["genocide", "atrocit*"],
     "frame": {"takes": ["np", "to", "that", "none"], "embeds": "hypothetical"}}
    {"id": "talk_n", "lemma": "talk", "pos": "noun", "light": ["hold"], "cameo": "046",
     "frame": {"takes": ["np", "to", "none"], "roles": {"subject": "source", "prep:with": "target"}}}

The frame says which complements the entry takes (and so where its `comp` words are looked
for: "concluded THAT Russia broke the treaty" is no 057 for an entry that takes only an
object), which grammatical slot fills which event role, and what the entry does to the
mode of the clause it governs ("URGED him to recognise": the recognition is hypothetical).
A version-1 file is refused with a pointer to scripts/migrate_lexicon.py.

Matching picks, for a trigger token, the entry of its lemma and part of speech whose
constraints all hold and which has the most of them (the most specific); ties go to
the earlier line, so general entries come first in the file and refinements after.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import re
from enum import Enum

from flashpoint.errors import LexiconError
from flashpoint.model import Mode
from flashpoint.resources._tables import read_jsonl

__all__ = ["FORMAT_VERSION", "EventRole", "Frame", "Lexicon", "Takes", "Trigger", "WordSet", "load_lexicon"]

FORMAT_VERSION = 2
_KNOWN_KEYS = {
    "id", "lemma", "pos", "cameo", "prt", "prep", "comp", "comp2", "not_comp", "comp_ent", "subj", "light",
    "passive_only", "setting", "frame", "note",
}
_FRAME_KEYS = {"takes", "roles", "embeds"}
_V1_KEYS = {"target", "theme_source", "no_target", "swap"}
_POS = {"verb", "noun"}
# Grammatical slots a frame's role map may name. "subject" is the logical subject (a passive's
# by-agent); "theme" is the object or a passive's subject when it acts ("forces were ENGAGED");
# "directed" stands for the directional obliques (coding/roles.py DIRECTED_PREPS).
_SLOT = re.compile(r"^(subject|theme|object|dative|directed|prep:[a-z]+)$")


class Takes(str, Enum):
    """A complement type an entry accepts."""

    NP = "np"  # an object or oblique phrase: "accused Kyiv OF GENOCIDE", "signed a TREATY"
    TO = "to"  # a to-infinitive: "threatened TO IMPOSE sanctions"
    THAT = "that"  # a finite clause: "warned THAT it would cut ties"
    NONE = "none"  # nothing: "the talks COLLAPSED"


class EventRole(str, Enum):
    SOURCE = "source"
    TARGET = "target"


# What an entry without a role map does: subject -> source; object, indirect object and the
# directional obliques -> target.
DEFAULT_ROLES: tuple[tuple[str, EventRole], ...] = (
    ("subject", EventRole.SOURCE),
    ("object", EventRole.TARGET),
    ("dative", EventRole.TARGET),
    ("directed", EventRole.TARGET),
)


@dataclass(frozen=True, slots=True)
class Frame:
    """An entry's argument frame."""

    takes: frozenset[Takes] = frozenset(Takes)
    roles: tuple[tuple[str, EventRole], ...] = DEFAULT_ROLES  # slot -> event role, in order of preference
    embeds: Mode | None = None  # the mode it gives the clause it governs

    def slots(self, role: EventRole) -> tuple[str, ...]:
        return tuple(slot for slot, r in self.roles if r is role)

    @property
    def subject_receives(self) -> bool:
        """The subject is the target: "rebels RECEIVED weapons from the government"."""
        return ("subject", EventRole.TARGET) in self.roles

    @property
    def theme_acts(self) -> bool:
        return ("theme", EventRole.SOURCE) in self.roles

    @property
    def no_target(self) -> bool:
        return not self.slots(EventRole.TARGET)


@dataclass(frozen=True, slots=True)
class WordSet:
    """Lemmas and prefixes ("sanction*") and multiword lemma sequences ("war crime")."""

    exact: frozenset[str]
    prefixes: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, words: Iterable[str]) -> WordSet:
        exact: set[str] = set()
        prefixes: list[str] = []
        phrases: list[tuple[str, ...]] = []
        for word in words:
            word = word.strip().lower()
            if " " in word:
                phrases.append(tuple(word.split()))
            elif word.endswith("*"):
                prefixes.append(word[:-1])
            elif word:
                exact.add(word)
        return cls(frozenset(exact), tuple(prefixes), tuple(phrases))

    def __bool__(self) -> bool:
        return bool(self.exact or self.prefixes or self.phrases)

    def matches(self, lemmas: list[str]) -> bool:
        """True when any word, prefix or phrase occurs in the lemma sequence."""
        for lemma in lemmas:
            if lemma in self.exact:
                return True
            for prefix in self.prefixes:
                if lemma.startswith(prefix):
                    return True
        for phrase in self.phrases:
            n = len(phrase)
            for i in range(len(lemmas) - n + 1):
                if tuple(lemmas[i : i + n]) == phrase:
                    return True
        return False


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon entry. Constraints that are empty do not apply."""

    id: str
    lemma: str
    pos: str
    cameo: str
    prt: str | None = None
    prep: str | None = None
    comp: WordSet | None = None
    comp2: WordSet | None = None
    not_comp: WordSet | None = None
    comp_ent: frozenset[str] = frozenset()
    subj: WordSet | None = None  # words of the subject: "PEACEKEEPERS arrived" is not a visit
    light: frozenset[str] = frozenset()
    # nouns only: prepositions that set the noun as the scene of its verb's subject ("AFTER
    # talks with Putin, Biden said ...": Biden held talks); an alternative to a light verb
    setting: frozenset[str] = frozenset()
    passive_only: bool = False
    frame: Frame = Frame()
    line: int = 0

    def word_needs(self) -> tuple[frozenset[tuple[str, ...]], ...]:
        """The words a sentence must hold for this entry to fire, compiled from its constraints:
        each need is a set of alternatives (a lemma, a "prefix*", or a lemma sequence), from the
        light verbs, particle, preposition, comp and comp2. Constraints that need no word (subj,
        passive_only, the frame's complement types) only narrow the entry further and are
        matched on the parse (coding/triggers.py). The prefilter reads the lexicon only here."""
        needs: list[frozenset[tuple[str, ...]]] = []
        if self.light or self.setting:
            needs.append(frozenset((v,) for v in self.light | self.setting))
        if self.prt:
            needs.append(frozenset({(self.prt.lower(),)}))
        if self.prep:
            needs.append(frozenset({(self.prep.lower(),)}))
        for words in (self.comp, self.comp2):
            if words:
                needs.append(frozenset({(w,) for w in words.exact} | {(p + "*",) for p in words.prefixes} | set(words.phrases)))
        return tuple(needs)

    @property
    def specificity(self) -> int:
        return sum(
            1
            for present in (
                self.prt, self.prep, self.comp, self.comp2, self.comp_ent, self.subj, self.light or self.setting,
                self.passive_only,
            )
            if present
        )


class Lexicon:
    """Triggers indexed by (lemma, pos); built once by load_lexicon."""

    def __init__(self, triggers: list[Trigger]) -> None:
        self.triggers = triggers
        index: dict[tuple[str, str], list[Trigger]] = {}
        for trig in triggers:
            index.setdefault((trig.lemma, trig.pos), []).append(trig)
        self._index = index
        self.lemmas: frozenset[str] = frozenset(t.lemma for t in triggers)
        self.light_verbs: frozenset[str] = frozenset(v for t in triggers for v in t.light)
        # Lemmas whose entries make what they govern not (yet) a fact, with the mode they give.
        embedders: dict[str, Mode] = {}
        for trig in triggers:
            if trig.frame.embeds is not None:
                embedders.setdefault(trig.lemma, trig.frame.embeds)
        self.embedders: dict[str, Mode] = embedders

    def candidates(self, lemma: str, pos: str) -> list[Trigger]:
        return self._index.get((lemma, pos), [])

    def __len__(self) -> int:
        return len(self.triggers)


def _words(value: object, key: str, path: Path, line: int) -> WordSet | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LexiconError(f"'{key}' must be a string or a list of strings", path, line)
    return WordSet.of(value) or None


def _frame(value: object, path: Path, line: int) -> Frame:
    if not isinstance(value, dict):
        raise LexiconError("'frame' is required and must be an object with 'takes'", path, line)
    unknown = set(value) - _FRAME_KEYS
    if unknown:
        raise LexiconError(f"unknown frame key(s) {sorted(unknown)}", path, line)
    takes = value.get("takes")
    if not isinstance(takes, list) or not takes:
        raise LexiconError("frame 'takes' must be a non-empty list of np, to, that, none", path, line)
    try:
        accepted = frozenset(Takes(t) for t in takes)
    except ValueError:
        raise LexiconError(f"frame 'takes' {takes!r}: each must be one of np, to, that, none", path, line) from None
    roles = DEFAULT_ROLES
    if "roles" in value:
        raw = value["roles"]
        if not isinstance(raw, dict) or not raw:
            raise LexiconError("frame 'roles' must map slots to 'source' or 'target'", path, line)
        pairs: list[tuple[str, EventRole]] = []
        for slot, role in raw.items():
            if not isinstance(slot, str) or not _SLOT.match(slot):
                raise LexiconError(f"frame role slot {slot!r} is not subject, theme, object, dative, directed or prep:<word>", path, line)
            if role not in ("source", "target"):
                raise LexiconError(f"frame role for {slot!r} must be 'source' or 'target', not {role!r}", path, line)
            pairs.append((slot, EventRole(role)))
        roles = tuple(pairs)
    embeds = value.get("embeds")
    if embeds is not None and embeds not in (Mode.HYPOTHETICAL.value, Mode.INTENDED.value):
        raise LexiconError(f"frame 'embeds' must be 'hypothetical' or 'intended', not {embeds!r}", path, line)
    return Frame(accepted, roles, Mode(embeds) if embeds is not None else None)


def load_lexicon(path: Path, known_codes: frozenset[str] | None = None) -> Lexicon:
    """Read triggers.jsonl; every cameo code must be in `known_codes` when given."""
    triggers: list[Trigger] = []
    seen: set[str] = set()
    version: int | None = None
    for line, obj in read_jsonl(path):
        if version is None:
            version = obj.get("lexicon_format") if set(obj) == {"lexicon_format"} else 1
            if version != FORMAT_VERSION:
                raise LexiconError(
                    f"lexicon format {version} is not {FORMAT_VERSION}: the file must start with "
                    f'{{"lexicon_format": {FORMAT_VERSION}}}; scripts/migrate_lexicon.py converts a version-1 file',
                    path, line,
                )
            if "lexicon_format" in obj:
                continue
        old = set(obj) & _V1_KEYS
        if old:
            raise LexiconError(f"version-1 key(s) {sorted(old)}: roles go in 'frame' (docs/lexicon.md)", path, line)
        unknown = set(obj) - _KNOWN_KEYS
        if unknown:
            raise LexiconError(f"unknown key(s) {sorted(unknown)}", path, line)
        for key in ("id", "lemma", "cameo"):
            if not isinstance(obj.get(key), str) or not obj[key]:
                raise LexiconError(f"'{key}' is required and must be a non-empty string", path, line)
        if obj["id"] in seen:
            raise LexiconError(f"duplicate id {obj['id']!r}", path, line)
        seen.add(obj["id"])
        pos = obj.get("pos", "verb")
        if pos not in _POS:
            raise LexiconError(f"pos must be one of {sorted(_POS)}, not {pos!r}", path, line)
        code = obj["cameo"]
        if not code.isdigit() or len(code) not in (3, 4):
            raise LexiconError(f"cameo code {code!r} must be 3 or 4 digits, as a string", path, line)
        if known_codes is not None and code not in known_codes:
            raise LexiconError(f"cameo code {code!r} is not in the ontology", path, line)
        comp_ent = obj.get("comp_ent") or []
        if isinstance(comp_ent, str):
            comp_ent = [comp_ent]
        light = obj.get("light") or []
        if isinstance(light, str):
            light = [light]
        setting = obj.get("setting") or []
        if isinstance(setting, str):
            setting = [setting]
        if setting and pos != "noun":
            raise LexiconError("'setting' is for noun entries", path, line)
        triggers.append(
            Trigger(
                id=obj["id"],
                lemma=obj["lemma"].lower(),
                pos=pos,
                cameo=code,
                prt=obj.get("prt"),
                prep=obj.get("prep"),
                comp=_words(obj.get("comp"), "comp", path, line),
                comp2=_words(obj.get("comp2"), "comp2", path, line),
                not_comp=_words(obj.get("not_comp"), "not_comp", path, line),
                subj=_words(obj.get("subj"), "subj", path, line),
                comp_ent=frozenset(v.upper() for v in comp_ent),
                light=frozenset(v.lower() for v in light),
                setting=frozenset(v.lower() for v in setting),
                passive_only=bool(obj.get("passive_only", False)),
                frame=_frame(obj.get("frame"), path, line),
                line=line,
            )
        )
    if not triggers:
        raise LexiconError("no triggers", path)
    return Lexicon(triggers)
