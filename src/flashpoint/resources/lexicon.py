"""Lexicon: event triggers (verb and noun patterns with CAMEO codes), read from lexicon/triggers.jsonl.

One JSON object per line (see docs/lexicon.md for the full grammar):

    {"id": "accuse.genocide", "lemma": "accuse", "cameo": "1122", "comp": ["genocide", "atrocit*"]}
    {"id": "talks.hold", "lemma": "talk", "pos": "noun", "light": ["hold", "conduct"], "cameo": "046"}
    {"id": "seize.territory", "lemma": "seize", "cameo": "192", "comp_ent": ["GPE", "LOC"]}

Matching picks, for a trigger token, the entry of its lemma and part of speech whose
constraints all hold and which has the most of them (the most specific); ties go to
the earlier line, so general entries come first in the file and refinements after.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from flashpoint.errors import LexiconError
from flashpoint.resources._tables import read_jsonl

__all__ = ["Lexicon", "Trigger", "WordSet", "load_lexicon"]

_KNOWN_KEYS = {
    "id", "lemma", "pos", "cameo", "prt", "prep", "comp", "comp2", "not_comp", "comp_ent", "subj", "light",
    "target", "theme_source", "no_target", "passive_only", "swap", "note",
}
_POS = {"verb", "noun"}


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
    target: tuple[str, ...] = ()
    theme_source: bool = False
    no_target: bool = False
    passive_only: bool = False
    swap: bool = False  # the subject receives: "rebels RECEIVED weapons from the government"
    line: int = 0

    @property
    def specificity(self) -> int:
        return sum(
            1
            for present in (
                self.prt, self.prep, self.comp, self.comp2, self.comp_ent, self.subj, self.light, self.passive_only
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


def load_lexicon(path: Path, known_codes: frozenset[str] | None = None) -> Lexicon:
    """Read triggers.jsonl; every cameo code must be in `known_codes` when given."""
    triggers: list[Trigger] = []
    seen: set[str] = set()
    for line, obj in read_jsonl(path):
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
        target = obj.get("target") or []
        if isinstance(light, str):
            light = [light]
        if isinstance(target, str):
            target = [target]
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
                target=tuple(target),
                theme_source=bool(obj.get("theme_source", False)),
                no_target=bool(obj.get("no_target", False)),
                passive_only=bool(obj.get("passive_only", False)),
                swap=bool(obj.get("swap", False)),
                line=line,
            )
        )
    if not triggers:
        raise LexiconError("no triggers", path)
    return Lexicon(triggers)
