"""The gazetteer's values (ActorEntry, SectorWord, Term) and Gazetteer, the read-only index and its lookups."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from flashpoint.resources.gazetteer._text import fold, singulars

__all__ = ["ActorEntry", "Gazetteer", "SectorWord", "Term"]


# Shortest fuzzy-matchable token: shorter names ("Xi", "Kim") sit too close to each other.
_FUZZY_MIN = 6


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One thing an alias can name.

    `code` is the CAMEO actor code the alias stands for (a capital stands for the
    government: "UKRGOV"; a place for its country alone: "Basra" -> "IRQ"). `country` is the
    CAMEO country code (ISO 3166-1 alpha-3 in our data), None for international actors.
    `kind` is one of country, capital, seat, region, org, institution, person, place. People
    carry their term: `valid_from`/`valid_to` (None = open), `role` and `person_id`; every
    other entry is undated. Places carry `place_kind` (city, region, territory).
    """

    code: str
    country: str | None
    sector: str | None
    name: str
    kind: str
    valid_from: date | None = None
    valid_to: date | None = None
    role: str | None = None
    person_id: str | None = None
    place_kind: str | None = None

    def covers(self, on: date) -> bool:
        """True when the entry is valid on `on` (both ends inclusive; undated entries always are)."""
        if self.valid_from is not None and on < self.valid_from:
            return False
        return self.valid_to is None or on <= self.valid_to


@dataclass(frozen=True, slots=True)
class SectorWord:
    """An agent noun: its CAMEO sector, its precedence, and the office it names (if a title).

    `country` is the CAMEO country code a title names on its own, when the phrase names no
    place: "Sen." and "Gov." are American titles, "Lord" a British one (sectors.tsv).
    """

    sector: str
    rank: int
    role: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Term:
    """Everything one folded surface form means: actor entries, adjective, agent noun.

    `adjective` is the country or region code of an adjective or demonym ("russian" -> "RUS",
    `adjective_region` True for "western" -> "WST"). `acronym` marks forms written in short
    capitals in the data ("US", "WHO") that should match only capitalised text. `cased` marks
    forms that name an actor only when capitalised in the text (cased.tsv): "Labour" the party,
    not "forced labour"; "the House" the chamber, not a house.
    """

    entries: tuple[ActorEntry, ...] = ()
    adjective: str | None = None
    adjective_region: bool = False
    sector: SectorWord | None = None
    acronym: bool = False
    cased: bool = False


def _order(entries: Iterable[ActorEntry], on: date | None) -> list[ActorEntry]:
    # Open and undated entries count as the most recent; ties go to the later start.
    def recency(e: ActorEntry) -> tuple[date, date]:
        return (e.valid_to or date.max, e.valid_from or date.max)

    items = list(entries)
    if on is None:
        return sorted(items, key=recency, reverse=True)
    valid = [e for e in items if e.covers(on)]
    rest = [e for e in items if not e.covers(on)]
    valid.sort(key=lambda e: e.valid_from or date.min, reverse=True)
    rest.sort(key=recency, reverse=True)
    return valid + rest


class Gazetteer:
    """Read-only actor indexes. Build with `load_gazetteer`."""

    __slots__ = (
        "_terms", "_holders", "_iso_by_code", "_names_by_code", "_max_tokens", "_names", "_collisions",
        "_fips_by_code",
    )

    def __init__(
        self,
        terms: dict[str, Term],
        holders: dict[tuple[str, str], tuple[ActorEntry, ...]],
        iso_by_code: dict[str, str],
        names_by_code: dict[str, str],
        collisions: dict[str, tuple[str, ...]],
        fips_by_code: dict[str, str] | None = None,
    ) -> None:
        self._terms = MappingProxyType(terms)
        self._names_by_code = MappingProxyType(names_by_code)
        self._holders = MappingProxyType(holders)
        self._iso_by_code = MappingProxyType(iso_by_code)
        self._collisions = MappingProxyType(collisions)
        self._fips_by_code = MappingProxyType(dict(fips_by_code or {}))
        self._max_tokens = max((k.count(" ") + 1 for k in terms), default=1)
        # Places are left out of fuzzy matching: with thousands of town names, an unknown
        # surname ("Shirazi") would too often sit one letter away from one ("Shiraz").
        self._names = tuple(sorted({
            token
            for key, term in terms.items()
            if (term.adjective or any(e.kind != "place" for e in term.entries)) and not term.acronym
            for token in key.split()
            if len(token) >= _FUZZY_MIN and token.isalpha() and not self._is_sector_word(token)
            and not self._is_cased(token)
        }))

    def _is_sector_word(self, token: str) -> bool:
        term = self._terms.get(token)
        return term is not None and term.sector is not None

    def _is_cased(self, token: str) -> bool:
        # A cased form is an everyday word too: "Republic" is not a misspelt "Republican".
        term = self._terms.get(token)
        return term is not None and term.cased

    # ------------------------------------------------------------------ public lookups

    def lookup(self, alias: str, on: date | None = None) -> list[ActorEntry]:
        """Entries named by `alias`, those valid on `on` first (latest start first).

        With no date, open and undated entries come first, then the most recently ended.
        Unknown aliases give an empty list.
        """
        term = self._terms.get(fold(alias))
        if term is None or not term.entries:
            return []
        return _order(term.entries, on)

    def name_length(self, words: list[str], i: int) -> int:
        """How many of `words`, from `words[i]`, form the longest name of an actor or place the
        tables know (0: none). Agent nouns ("police"), cased everyday words ("Labour") and
        acronyms not written in capitals ("Is" is not IS) are not names."""
        best = 0
        for n in range(1, min(self._max_tokens, len(words) - i) + 1):
            term = self._terms.get(fold(" ".join(words[i : i + n])))
            if term is None or not (term.entries or term.adjective) or term.sector is not None or term.cased:
                continue
            if term.acronym and not words[i + n - 1].isupper():
                continue
            best = n
        return best

    def term(self, folded: str) -> Term | None:
        """The index entry for an already folded form (see `fold`), or None."""
        return self._terms.get(folded)

    def sector(self, word: str) -> str | None:
        """The CAMEO sector of an agent noun, singular or plural ("lawmakers" -> "LEG")."""
        found = self._sector_word(word)
        return found.sector if found else None

    def sector_word(self, word: str) -> SectorWord | None:
        """Sector, rank and role of an agent noun, singular or plural."""
        return self._sector_word(word)

    def _sector_word(self, word: str) -> SectorWord | None:
        key = fold(word)
        for candidate in self._variants(key):
            term = self._terms.get(candidate)
            if term is not None and term.sector is not None:
                return term.sector
        return None

    def adjective_country(self, word: str) -> str | None:
        """The country or region code of an adjective or demonym ("Russians" -> "RUS", "Western" -> "WST")."""
        for candidate in self._variants(fold(word)):
            term = self._terms.get(candidate)
            if term is not None and term.adjective is not None:
                return term.adjective
        return None

    @staticmethod
    def _variants(key: str) -> Iterator[str]:
        yield key
        head, _, last = key.rpartition(" ")
        for singular in singulars(last):
            yield f"{head} {singular}" if head else singular

    def holder(self, country: str, role: str, on: date) -> ActorEntry | None:
        """Who held `role` for `country` (ISO3 or CAMEO code; an organisation code for IGO
        offices such as "IGOWSTNAT") on `on`; on a handover day, the incoming holder."""
        key = (self._iso_by_code.get(country, country), role)
        terms = self._holders.get(key)
        if not terms:
            return None
        starts = [t.valid_from or date.min for t in terms]
        index = bisect_right(starts, on) - 1
        if index >= 0 and terms[index].covers(on):
            return terms[index]
        return None

    def name_of(self, code: str) -> str | None:
        """The name of a country or region code ("RUS" -> "Russia"), or None."""
        return self._names_by_code.get(code)

    def fips(self, country_code: str) -> str | None:
        """The FIPS 10-4 code GDELT uses for a CAMEO country code ("UKR" -> "UP"), or None.

        None for regions and unknown codes. Palestine ("PSE") gives the West Bank's "WE".
        """
        return self._fips_by_code.get(country_code)

    def aliases(self) -> Iterable[str]:
        """Every folded surface form of an actor (names, aliases, adjectives), sorted."""
        return tuple(sorted(k for k, t in self._terms.items() if t.entries or t.adjective))

    def sector_words(self) -> Iterable[str]:
        """Every folded agent noun, sorted."""
        return tuple(sorted(k for k, t in self._terms.items() if t.sector))

    def name_tokens(self) -> tuple[str, ...]:
        """Tokens of proper names and adjectives long enough for fuzzy matching (sorted)."""
        return self._names

    @property
    def max_term_tokens(self) -> int:
        """The number of tokens in the longest indexed form."""
        return self._max_tokens

    def collisions(self) -> Mapping[str, tuple[str, ...]]:
        """Aliases that name different undated actors (e.g. "congo"), with their codes; for data review.

        Also lists place names that another table already uses (a capital, country, region,
        organisation, institution, person, adjective or agent noun with another code): the
        other table keeps the form and the place is dropped from the index.
        """
        return self._collisions

    def entries(self) -> dict[ActorEntry, tuple[str, ...]]:
        """Every actor entry (one per person term) with the folded forms that name it, sorted.

        Computed on each call (for listings and reviews, not for the hot path).
        """
        forms: dict[ActorEntry, list[str]] = {}
        for key, term in self._terms.items():
            for entry in term.entries:
                forms.setdefault(entry, []).append(key)
        return {entry: tuple(sorted(keys)) for entry, keys in forms.items()}
