"""ActorResolver: one noun phrase from the news ("the Russian president", "Hamas militants",
"Kyiv") -> a CAMEO-coded Actor as of the article date.

The phrase is folded into tokens and scanned left to right for the longest forms the
gazetteer knows (names, aliases, adjectives, agent nouns). What was found decides the code,
in this order:

    person        "President Putin"          the role valid on the date (RUSGOV), or
                                             country + ELI when out of office
    organisation  "Hamas militants"          the group's code (PSEREBHMS)
    institution   "the Duma"                 its code (RUSLEG); "the Polish Senate" -> POLLEG
    place+noun    "Israeli troops"           country + sector (ISRMIL); a title with a known
                                             holder ("the German chancellor") names the holder
    place         "Kyiv", "the Kremlin"      capital or seat -> country + GOV; country -> code
    town+noun     "Basra police"             country + sector (IRQCOP), as an adjective would
    town          "Basra", "the Donbas"      the country alone (IRQ, UKR)
    noun          "some units"               the sector alone (MIL); the caller adds the country

A town, province or territory (places.tsv) ranks below every other kind of name: "Russian
troops in Kharkiv" is RUSMIL. Only a region adjective right before it reads as a compass
direction and gives way: "western Mosul" is Iraq, not the West.

When only agent nouns, a town, or nothing matched, capitalised tokens the gazetteer does not
know are compared with its proper-name tokens ("Zelenskky" -> "zelensky"; town names are not
among them) and the phrase is tried again; a retry that again rests on a town alone is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from rapidfuzz import fuzz, process

from flashpoint.model.actor import Actor
from flashpoint.resources.gazetteer import (
    ActorEntry,
    Gazetteer,
    SectorWord,
    Term,
    singulars,
    split_tokens,
)

__all__ = ["ActorResolver"]

# Words that turn a title into a former office holder: "the former Ukrainian president".
_FORMER = frozenset({"former", "ex", "onetime", "erstwhile"})
# fuzz.ratio of "lukansk" against "luhansk" is 85.7: one wrong letter in a seven-letter name.
_FUZZY_CUTOFF = 85.0
_FUZZY_MIN = 6
# Words before a surname that do not name another first name: "Mr Putin", "Dr Abbott".
_HONORIFICS = frozenset({
    "mr", "mrs", "ms", "miss", "mister", "dr", "sir", "dame", "madam", "madame", "lady", "prof",
    "professor", "rev", "reverend", "father", "sheikh", "herr", "frau", "monsieur", "comrade",
})
# A first name within this fuzz.ratio of one the person is known by is a spelling of it
# ("Mohammed" for "Mohamed" is 93); "Greg" for "Tony" is not.
_FIRST_NAME_CUTOFF = 80.0
# Which reading of an ambiguous form wins: "washington" is a capital, "gaza" a country alias.
# "place" (a town or province from places.tsv) comes last: it never outranks another kind.
_PLACE_KINDS = ("seat", "country", "capital", "region", "place")
# Kinds that name a country's actor only loosely: their holders and institutions are not national.
_SUBNATIONAL = ("region", "place")


@dataclass(frozen=True, slots=True)
class _Hit:
    """A matched span of tokens [start, end) and what it means."""

    start: int
    end: int
    term: Term
    kind: str | None  # person, org, institution, seat, country, capital, region, place, or None


def _uppercase(raw: str) -> bool:
    letters = [c for c in raw if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _capitalised(raw: str) -> bool:
    return raw[:1].isupper()


def _place_rank(hit: _Hit) -> int:
    """How strongly a place-like hit names the actor: town 0, region 1, country, capital or seat 2."""
    if hit.kind == "place":
        return 0
    if hit.kind == "region" or (hit.kind is None and hit.term.adjective_region):
        return 1
    return 2


def _rests_on_place(hits: list[_Hit]) -> bool:
    """True when a town is the only name among the hits (agent nouns aside)."""
    return any(h.kind == "place" for h in hits) and not any(
        (h.kind is not None and h.kind != "place") or h.term.adjective for h in hits
    )


def _main_kind(term: Term) -> str | None:
    kinds = {e.kind for e in term.entries}
    for kind in ("person", "org", "institution", *_PLACE_KINDS):
        if kind in kinds:
            return kind
    return None


class ActorResolver:
    """Resolve noun phrases to actors with one Gazetteer; results are cached per (text, date)."""

    def __init__(self, gazetteer: Gazetteer, cache_size: int = 65_536) -> None:
        self._gazetteer = gazetteer
        self._max_tokens = gazetteer.max_term_tokens
        by_letter: dict[str, list[str]] = {}
        for token in gazetteer.name_tokens():
            by_letter.setdefault(token[0], []).append(token)
        # Only names sharing the first letter are compared: misspellings keep it, and the
        # smaller candidate list keeps an uncached miss cheap.
        self._fuzzy_names = {letter: tuple(tokens) for letter, tokens in by_letter.items()}
        # Every token of every form that names each person ("tony", "abbott"), for telling
        # "Tony Abbott" from "Greg Abbott" when only the surname is an alias.
        name_tokens: dict[str, set[str]] = {}
        for entry, forms in gazetteer.entries().items():
            if entry.kind == "person" and entry.person_id:
                name_tokens.setdefault(entry.person_id, set()).update(t for f in forms for t in f.split())
        self._person_tokens = {pid: frozenset(tokens) for pid, tokens in name_tokens.items()}
        self._cached = lru_cache(maxsize=cache_size)(self._resolve)

    def resolve(self, text: str, on: date | None = None) -> Actor | None:
        """The actor `text` names on `on`, or None when no word in it is an actor term.

        Without a date, people resolve by their latest role and titles name no holder.
        """
        return self._cached(text, on)

    # ----------------------------------------------------------------------- pipeline

    def _resolve(self, text: str, on: date | None) -> Actor | None:
        tokens = split_tokens(text)
        if not tokens:
            return None
        raw = [r for r, _ in tokens]
        folded = [f for _, f in tokens]
        hits, unmatched = self._scan(raw, folded)
        hits = self._drop_namesakes(raw, folded, hits, unmatched)
        actor = self._decide(text, hits, folded, on)
        # A town alone is a weak reading too: "Zelenskky in Kharkiv" is the misspelt president.
        if actor is not None and actor.matched_by != "sector" and not _rests_on_place(hits):
            return actor
        corrected = self._correct(raw, folded, unmatched)
        if corrected is not None:
            hits, still = self._scan(raw, corrected)
            hits = self._drop_namesakes(raw, corrected, hits, still)
            again = self._decide(text, hits, corrected, on)
            if again is not None and again.matched_by != "sector" and not _rests_on_place(hits):
                return replace(again, matched_by="fuzzy")
        return actor

    def _scan(self, raw: Sequence[str], folded: Sequence[str]) -> tuple[list[_Hit], list[int]]:
        """Longest matches left to right; also the indexes of tokens no match covered."""
        hits: list[_Hit] = []
        unmatched: list[int] = []
        i, n = 0, len(folded)
        while i < n:
            hit = None
            for end in range(min(n, i + self._max_tokens), i, -1):
                hit = self._match(raw, folded, i, end)
                if hit is not None:
                    break
            if hit is None:
                unmatched.append(i)
                i += 1
            else:
                hits.append(hit)
                i = hit.end
        return hits, unmatched

    def _match(self, raw: Sequence[str], folded: Sequence[str], start: int, end: int) -> _Hit | None:
        gazetteer = self._gazetteer
        key = " ".join(folded[start:end])
        term = gazetteer.term(key)
        if term is not None and (term.entries or term.adjective or term.sector):
            # "us" the pronoun is not "US"; "who" is not "WHO"; "forced labour" is not Labour.
            if (not term.acronym or all(_uppercase(r) for r in raw[start:end])) and (
                not term.cased or all(_capitalised(r) for r in raw[start:end])
            ):
                return _Hit(start, end, term, _main_kind(term))
        # Plurals: "lawmakers", "Israelis". Only agent nouns and demonyms inflect; names don't.
        head = " ".join(folded[start : end - 1])
        for singular in singulars(folded[end - 1]):
            variant = gazetteer.term(f"{head} {singular}" if head else singular)
            if variant is not None and (variant.sector or variant.adjective) and not variant.acronym and (
                not variant.cased or _capitalised(raw[end - 1])
            ):
                stripped = Term(
                    adjective=variant.adjective,
                    adjective_region=variant.adjective_region,
                    sector=variant.sector,
                )
                return _Hit(start, end, stripped, None)
        return None

    def _drop_namesakes(
        self, raw: Sequence[str], folded: Sequence[str], hits: list[_Hit], unmatched: list[int]
    ) -> list[_Hit]:
        """Hits without a known surname that follows another person's first name.

        "Texas Gov. Greg Abbott" is not Tony Abbott: the capitalised word before a one-word
        person alias is a first name when no hit covers it and it is not an honorific, and if
        none of the forms naming the person has it (or a spelling of it), the surname names a
        namesake. The phrase then resolves by its other words (the place and title: USAGOV).
        """
        if not unmatched:
            return hits
        free = set(unmatched)
        kept: list[_Hit] = []
        for hit in hits:
            if hit.kind == "person" and hit.end - hit.start == 1 and hit.start - 1 in free:
                first = folded[hit.start - 1]
                if (
                    len(first) >= 3 and first.isalpha() and raw[hit.start - 1][:1].isupper()
                    and first not in _HONORIFICS and not self._known_first_name(hit, first)
                ):
                    continue
            kept.append(hit)
        return kept

    def _known_first_name(self, hit: _Hit, first: str) -> bool:
        for entry in hit.term.entries:
            tokens = self._person_tokens.get(entry.person_id or "", frozenset())
            if first in tokens or process.extractOne(
                first, tokens, scorer=fuzz.ratio, score_cutoff=_FIRST_NAME_CUTOFF
            ) is not None:
                return True
        return False

    def _correct(self, raw: Sequence[str], folded: Sequence[str], unmatched: list[int]) -> list[str] | None:
        """Folded tokens with misspelt capitalised names replaced by the nearest known name."""
        corrected = list(folded)
        changed = False
        for i in unmatched:
            token = folded[i]
            if len(token) < _FUZZY_MIN or not raw[i][:1].isupper() or not token.isalpha():
                continue
            choices = self._fuzzy_names.get(token[0])
            if not choices:
                continue
            best = process.extractOne(token, choices, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF)
            if best is not None and best[0] != token:
                corrected[i] = best[0]
                changed = True
        return corrected if changed else None

    # ----------------------------------------------------------------------- decision

    def _decide(self, text: str, hits: list[_Hit], folded: Sequence[str], on: date | None) -> Actor | None:
        first: dict[str, _Hit] = {}
        place: _Hit | None = None
        sector: SectorWord | None = None
        for hit in hits:
            if hit.kind is not None:
                first.setdefault(hit.kind, hit)
            if hit.kind in _PLACE_KINDS or (hit.kind is None and hit.term.adjective):
                # A country beats a region named with it ("Western Cambodia" is Cambodia) and
                # both beat a town; a region adjective just before a town is a compass point.
                if place is None or _place_rank(hit) > _place_rank(place) or (
                    hit.kind == "place" and place.kind is None and place.term.adjective_region
                    and place.end == hit.start
                ):
                    place = hit
            # Highest rank wins; on a tie the later word (the head noun) does.
            word = hit.term.sector
            if word is not None and (sector is None or word.rank >= sector.rank):
                sector = word
        former = any(token in _FORMER for token in folded)
        # A title that names its country ("Sen.", "Gov.", "Lord") stands in for a country word
        # when the phrase names no place: "Sen. Jane Roe" is USALEG, "Texas Gov. X" stays the
        # place's, and "Philippine Sen. X" is PHLLEG.
        titled = next((h.term.sector for h in hits if h.term.sector is not None and h.term.sector.country), None)

        if "person" in first:
            people = [e for e in first["person"].term.entries if e.kind == "person"]
            return self._person(text, people, on)
        if "org" in first:
            org = first["org"]
            # "Russia's UN envoy", "the US ambassador to NATO": a country named before an
            # international organisation is the actor; the organisation is where it acts.
            international = any(e.kind == "org" and e.country is None for e in org.term.entries)
            # "NATO-member Norway": a country named after the organisation is the head; a
            # town is only where it acts ("NATO troops in Kharkiv").
            named_after = (
                place is not None and place.start > org.start
                and place.kind in _PLACE_KINDS and place.kind != "place"
            )
            if not (international and place is not None and place.start < org.start
                    and self._place_of(place)[1] not in _SUBNATIONAL) and not named_after:
                return self._organisation(text, org, sector, on)
        if "institution" in first:
            return self._institution(text, first["institution"], place)
        if place is not None:
            return self._place(text, place, sector, former, on)
        if sector is not None:
            code = "ELI" if former else sector.sector
            if titled is not None and titled.country:
                country = titled.country
                return Actor(
                    text=text, code=country + code, country=country, sector=code,
                    name=self._gazetteer.name_of(country), matched_by="title",
                )
            return Actor(text=text, code=code, sector=code, matched_by="sector")
        return None

    def _person(self, text: str, entries: list[ActorEntry], on: date | None) -> Actor:
        if on is None:
            latest = max(entries, key=lambda e: (e.valid_to or date.max, e.valid_from or date.min))
            return self._as_person(text, latest)
        valid = [e for e in entries if e.covers(on)]
        if valid:
            return self._as_person(text, max(valid, key=lambda e: e.valid_from or date.min))
        # Out of office on that date: a former (or future) leader is an elite of their
        # country, never the office itself. Take the person whose last term ended nearest
        # before the date ("Clinton" in 2016 is Hillary, not Bill).
        ended = [e for e in entries if e.valid_to is not None and e.valid_to < on]
        anchor = max(ended, key=lambda e: e.valid_to or date.min) if ended else min(
            entries, key=lambda e: e.valid_from or date.min
        )
        terms = [e for e in entries if e.person_id == anchor.person_id and e.country]
        before = [e for e in terms if (e.valid_from or date.min) <= on]
        pool = before or terms
        if not pool:
            return Actor(text=text, code="ELI", sector="ELI", name=anchor.name, matched_by="person")
        country = max(pool, key=lambda e: e.valid_from or date.min).country
        assert country is not None
        return Actor(
            text=text, code=country + "ELI", country=country, sector="ELI",
            name=anchor.name, matched_by="person",
        )

    @staticmethod
    def _as_person(text: str, entry: ActorEntry) -> Actor:
        return Actor(
            text=text, code=entry.code, country=entry.country, sector=entry.sector,
            name=entry.name, matched_by="person",
            valid_from=entry.valid_from, valid_to=entry.valid_to,
        )

    def _organisation(self, text: str, hit: _Hit, sector: SectorWord | None, on: date | None) -> Actor:
        entry = next(e for e in hit.term.entries if e.kind == "org")
        if sector is not None and sector.role and on is not None:
            # "the NATO secretary general" names who held the office then.
            holder = self._gazetteer.holder(entry.code, sector.role, on)
            if holder is not None:
                return Actor(
                    text=text, code=entry.code, country=entry.country, sector=entry.sector,
                    name=holder.name, matched_by="title+date",
                    valid_from=holder.valid_from, valid_to=holder.valid_to,
                )
        return Actor(
            text=text, code=entry.code, country=entry.country, sector=entry.sector,
            name=entry.name, matched_by="org",
        )

    def _institution(self, text: str, hit: _Hit, place: _Hit | None) -> Actor:
        entry = next(e for e in hit.term.entries if e.kind == "institution")
        if place is not None:
            code, kind, _ = self._place_of(place)
            # "the Polish Senate": the generic name is listed for the US, the country word wins.
            if kind not in _SUBNATIONAL and code != entry.country and entry.sector:
                return Actor(
                    text=text, code=code + entry.sector, country=code, sector=entry.sector,
                    name=self._gazetteer.name_of(code), matched_by="adjective+sector",
                )
        return Actor(
            text=text, code=entry.code, country=entry.country, sector=entry.sector,
            name=entry.name, matched_by="institution",
        )

    def _place_of(self, hit: _Hit) -> tuple[str, str, str | None]:
        """(code, kind, name) of a place hit: a country, capital, seat, region or town, or an adjective."""
        if hit.kind is not None:
            entry = next(e for e in hit.term.entries if e.kind == hit.kind)
            code = entry.code if hit.kind == "region" else (entry.country or entry.code)
            return code, hit.kind, entry.name
        code = hit.term.adjective
        assert code is not None
        kind = "region" if hit.term.adjective_region else "country"
        return code, kind, self._gazetteer.name_of(code)

    def _place(
        self, text: str, hit: _Hit, sector: SectorWord | None, former: bool, on: date | None
    ) -> Actor:
        code, kind, name = self._place_of(hit)
        if sector is not None:
            agent = "ELI" if former else sector.sector
            # A town's mayor or governor is not the national office holder.
            if sector.role and on is not None and not former and kind not in _SUBNATIONAL:
                holder = self._gazetteer.holder(code, sector.role, on)
                if holder is not None:
                    return Actor(
                        text=text, code=code + agent, country=code, sector=agent,
                        name=holder.name, matched_by="title+date",
                        valid_from=holder.valid_from, valid_to=holder.valid_to,
                    )
            return Actor(
                text=text, code=code + agent, country=code, sector=agent,
                name=self._gazetteer.name_of(code) or name, matched_by="adjective+sector",
            )
        if kind in ("seat", "capital"):
            return Actor(text=text, code=code + "GOV", country=code, sector="GOV", name=name, matched_by=kind)
        return Actor(text=text, code=code, country=code, name=name, matched_by=kind)
