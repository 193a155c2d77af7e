"""Gazetteer: the actor tables (countries, regions, organisations, institutions, agent nouns, people
with dated roles, places) read from resources/data/actors/, validated, and indexed by folded alias.

Every surface form goes through `fold` ("the U.S." -> "us", "Erdoğan's" -> "erdogan",
"al-Qaeda" -> "al qaeda"), so data and text meet in one form. All indexes are plain dicts
built once by `load_gazetteer`; a lookup is one dict access plus ordering a handful of
entries by date. A user actor file (people or organisations, `--actors`) is laid over the
packaged tables by `load_gazetteer`, its rows winning; `check_actors_file` validates one alone.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType

from flashpoint.errors import DataError, GazetteerError
from flashpoint.resources._tables import data_path, read_tsv, split_list

__all__ = [
    "KNOWN_SECTORS",
    "PEOPLE_COLUMNS",
    "ActorEntry",
    "Gazetteer",
    "SectorWord",
    "Term",
    "check_actors_file",
    "fold",
    "load_gazetteer",
    "singulars",
    "split_tokens",
]

# CAMEO actor codebook sector codes (primary and secondary roles, plus the special
# organisation codes such as AMN and IRC that stand in the sector slot), and PTY for parties.
KNOWN_SECTORS = frozenset({
    "COP", "GOV", "INS", "JUD", "MIL", "OPP", "REB", "SEP", "SPY", "UAF",
    "AGR", "BUS", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG",
    "MED", "REF", "MOD", "RAD", "AMN", "IRC", "GRP", "UNO", "PKO", "UIS", "IGO", "IMG",
    "INT", "MNC", "NGM", "NGO", "SET", "PTY", "REL", "CHR", "MUS", "JEW", "BUD", "HIN",
})
_ORG_KINDS = frozenset({"igo", "ngo", "group", "party", "institution"})
_PLACE_KINDS = frozenset({"city", "region", "territory"})
_FILES = (
    ("countries", "actors/countries.tsv"),
    ("regions", "actors/regions.tsv"),
    ("organisations", "actors/organisations.tsv"),
    ("institutions", "actors/institutions.tsv"),
    ("sectors", "actors/sectors.tsv"),
    ("people", "actors/people.tsv"),
    # Last: a place may only take forms that no other table uses.
    ("places", "actors/places.tsv"),
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_IDENT = re.compile(r"[a-z0-9_]+")
_ISO3 = re.compile(r"[A-Z]{3}")
# Shortest fuzzy-matchable token: shorter names ("Xi", "Kim") sit too close to each other.
_FUZZY_MIN = 6

# ---------------------------------------------------------------------------------- folding

_TOKEN_RE = re.compile(r"[\w.'&]+")
# Letters NFKD does not decompose, and apostrophe look-alikes.
_SPECIAL = str.maketrans({
    "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
    "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "ð": "d", "þ": "th",
    "’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'",
})


def _fold_token(raw: str) -> str:
    token = raw
    if token.endswith(("'s", "'S")):
        token = token[:-2]
    token = token.replace("'", "").replace(".", "")
    if not token.isascii():
        token = "".join(
            c for c in unicodedata.normalize("NFKD", token) if not unicodedata.combining(c)
        )
    return token.lower()


def split_tokens(text: str) -> list[tuple[str, str]]:
    """(raw, folded) tokens of `text`; punctuation and hyphens separate tokens.

    The folded form is lowercase ASCII without diacritics, dots ("U.S." -> "us") or
    apostrophes, with a possessive 's removed ("Russia's" -> "russia"). Tokens that fold
    to nothing (a lone "'s") are dropped.
    """
    out: list[tuple[str, str]] = []
    for match in _TOKEN_RE.finditer(text.translate(_SPECIAL)):
        raw = match.group().strip(".'")
        folded = _fold_token(raw) if raw else ""
        if folded:
            out.append((raw, folded))
    return out


def fold(text: str) -> str:
    """The form aliases are indexed under: folded tokens joined by spaces, leading "the" dropped."""
    tokens = [f for _, f in split_tokens(text)]
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    return " ".join(tokens)


def singulars(token: str) -> list[str]:
    """Candidate singular forms of a folded English plural ("troops" -> "troop", "spokesmen" -> "spokesman")."""
    out: list[str] = []
    if len(token) > 4 and token.endswith("men"):
        out.append(token[:-3] + "man")
    if len(token) > 4 and token.endswith("ies"):
        out.append(token[:-3] + "y")
    if len(token) > 3 and token.endswith("es"):
        out.append(token[:-2])
    if len(token) > 2 and token.endswith("s") and not token.endswith("ss"):
        out.append(token[:-1])
    return out


def _is_acronym(surface: str) -> bool:
    # "US", "WHO", "U.N.": short capitals that collide with English words once folded, so the
    # resolver matches them only where the text has them in capitals. Longer acronyms are
    # often written title case in the press ("Nato", "Opec") and match in any case.
    letters = surface.replace(".", "").replace(" ", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 3


# ---------------------------------------------------------------------------------- values


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One thing an alias can name.

    `code` is the CAMEO actor code the alias stands for (a capital stands for the
    government: "UKRGOV"; a place for its country alone: "Basra" -> "IRQ"). `country` is the
    CAMEO country code (ISO 3166-1 alpha-3 in our data), None for international actors.
    `kind` is one of country, capital, seat, region, org, institution, person, place. People
    carry their term: `valid_from`/`valid_to` (None = open), `role` and `person_id`; every
    other entry is undated.
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

    def covers(self, on: date) -> bool:
        """True when the entry is valid on `on` (both ends inclusive; undated entries always are)."""
        if self.valid_from is not None and on < self.valid_from:
            return False
        return self.valid_to is None or on <= self.valid_to


@dataclass(frozen=True, slots=True)
class SectorWord:
    """An agent noun: its CAMEO sector, its precedence, and the office it names (if a title)."""

    sector: str
    rank: int
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Term:
    """Everything one folded surface form means: actor entries, adjective, agent noun.

    `adjective` is the country or region code of an adjective or demonym ("russian" -> "RUS",
    `adjective_region` True for "western" -> "WST"). `acronym` marks forms written in short
    capitals in the data ("US", "WHO") that should match only capitalised text.
    """

    entries: tuple[ActorEntry, ...] = ()
    adjective: str | None = None
    adjective_region: bool = False
    sector: SectorWord | None = None
    acronym: bool = False


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
    )

    def __init__(
        self,
        terms: dict[str, Term],
        holders: dict[tuple[str, str], tuple[ActorEntry, ...]],
        iso_by_code: dict[str, str],
        names_by_code: dict[str, str],
        collisions: dict[str, tuple[str, ...]],
    ) -> None:
        self._terms = MappingProxyType(terms)
        self._names_by_code = MappingProxyType(names_by_code)
        self._holders = MappingProxyType(holders)
        self._iso_by_code = MappingProxyType(iso_by_code)
        self._collisions = MappingProxyType(collisions)
        self._max_tokens = max((k.count(" ") + 1 for k in terms), default=1)
        # Places are left out of fuzzy matching: with thousands of town names, an unknown
        # surname ("Shirazi") would too often sit one letter away from one ("Shiraz").
        self._names = tuple(sorted({
            token
            for key, term in terms.items()
            if (term.adjective or any(e.kind != "place" for e in term.entries)) and not term.acronym
            for token in key.split()
            if len(token) >= _FUZZY_MIN and token.isalpha() and not self._is_sector_word(token)
        }))

    def _is_sector_word(self, token: str) -> bool:
        term = self._terms.get(token)
        return term is not None and term.sector is not None

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


# ---------------------------------------------------------------------------------- loading


def _parse_date(cell: str, path: Path, line: int, column: str) -> date | None:
    if not cell:
        return None
    if not _ISO_DATE.fullmatch(cell):
        raise GazetteerError(f"{column} {cell!r} is not an ISO 8601 date (YYYY-MM-DD)", path, line)
    try:
        return date.fromisoformat(cell)
    except ValueError as exc:
        raise GazetteerError(f"{column} {cell!r} is not a valid date: {exc}", path, line) from exc


def _sector_code(code: str) -> str | None:
    sector = code[3:6]
    return sector if sector in KNOWN_SECTORS else None


@dataclass
class _Builder:
    """Mutable state while loading; frozen into a Gazetteer at the end."""

    terms: dict[str, dict[str, object]] = field(default_factory=dict)
    acronym_forms: set[str] = field(default_factory=set)
    plain_forms: set[str] = field(default_factory=set)
    cameo_by_iso: dict[str, str] = field(default_factory=dict)
    regions: set[str] = field(default_factory=set)
    names_by_code: dict[str, str] = field(default_factory=dict)
    holders: dict[tuple[str, str], list[ActorEntry]] = field(default_factory=dict)
    # folded place form -> (country, line) of the row that first used it
    place_forms: dict[str, tuple[str, int]] = field(default_factory=dict)
    # folded form another table owns -> countries of the places that were dropped for it
    shadowed: dict[str, set[str]] = field(default_factory=dict)

    def slot(self, surface: str) -> tuple[str, dict[str, object]]:
        key = fold(surface)
        (self.acronym_forms if _is_acronym(surface) else self.plain_forms).add(key)
        return key, self.terms.setdefault(key, {"entries": []})

    def add_entry(self, surface: str, entry: ActorEntry, first: bool = False) -> None:
        key, slot = self.slot(surface)
        if not key:
            return
        entries = slot["entries"]
        assert isinstance(entries, list)
        if entry in entries:
            return
        if first:
            # A user row goes first: the resolver takes the first organisation of a form.
            entries.insert(0, entry)
        else:
            entries.append(entry)

    def drop_code(self, code: str) -> None:
        """Forget the organisations and institutions coded `code` (a user row replaces them)."""
        for slot in self.terms.values():
            entries = slot["entries"]
            assert isinstance(entries, list)
            entries[:] = [e for e in entries if e.code != code or e.kind not in ("org", "institution")]

    def add_adjective(self, surface: str, code: str, region: bool, path: Path, line: int) -> None:
        key, slot = self.slot(surface)
        known = slot.get("adjective")
        if known is not None and known != code:
            raise GazetteerError(f"adjective {surface!r} already names {known}", path, line)
        slot["adjective"] = code
        slot["adjective_region"] = region

    def country(self, iso3: str, path: Path, line: int, column: str = "country") -> str:
        cameo = self.cameo_by_iso.get(iso3)
        if cameo is None:
            raise GazetteerError(f"unknown {column} {iso3!r}: not in countries.tsv", path, line)
        return cameo


def _check_sector(sector: str, path: Path, line: int) -> None:
    if sector not in KNOWN_SECTORS:
        raise GazetteerError(
            f"unknown sector {sector!r}; use a CAMEO sector code ({', '.join(sorted(KNOWN_SECTORS))})",
            path, line,
        )


def _read_countries(b: _Builder, path: Path) -> None:
    required = ("iso3", "cameo", "name", "aliases", "adjectives", "capitals", "seats")
    rows = list(read_tsv(path, required))
    for line, row in rows:
        iso3, cameo = row["iso3"], row["cameo"]
        if not _ISO3.fullmatch(iso3) or not _ISO3.fullmatch(cameo):
            raise GazetteerError(f"iso3 and cameo must be three capital letters, got {iso3!r}/{cameo!r}", path, line)
        if iso3 in b.cameo_by_iso:
            raise GazetteerError(f"country {iso3} listed twice", path, line)
        b.cameo_by_iso[iso3] = cameo
    for line, row in rows:
        cameo, name = row["cameo"], row["name"]
        if not name:
            raise GazetteerError("country without a name", path, line)
        country = ActorEntry(cameo, cameo, None, name, "country")
        b.names_by_code[cameo] = name
        for surface in [name, *split_list(row["aliases"])]:
            b.add_entry(surface, country)
        for surface in split_list(row["adjectives"]):
            b.add_adjective(surface, cameo, False, path, line)
        for kind, column in (("capital", "capitals"), ("seat", "seats")):
            forms = split_list(row[column])
            if forms:
                entry = ActorEntry(cameo + "GOV", cameo, "GOV", forms[0], kind)
                for surface in forms:
                    b.add_entry(surface, entry)


def _read_regions(b: _Builder, path: Path) -> None:
    for line, row in read_tsv(path, ("code", "name", "aliases", "adjectives")):
        code = row["code"]
        if not _ISO3.fullmatch(code):
            raise GazetteerError(f"region code must be three capital letters, got {code!r}", path, line)
        if code in b.cameo_by_iso or code in b.regions:
            raise GazetteerError(f"region code {code} is already used", path, line)
        b.regions.add(code)
        entry = ActorEntry(code, code, None, row["name"], "region")
        b.names_by_code[code] = row["name"]
        for surface in [row["name"], *split_list(row["aliases"])]:
            b.add_entry(surface, entry)
        for surface in split_list(row["adjectives"]):
            b.add_adjective(surface, code, True, path, line)


_BODY_COLUMNS = ("code", "name", "aliases", "country", "sector")


def _body_entry(b: _Builder, row: dict[str, str], path: Path, line: int, institutions: bool) -> ActorEntry:
    code, name = row["code"], row["name"]
    if not code or not name:
        raise GazetteerError("row needs a code and a name", path, line)
    kind = "institution" if institutions else row["kind"]
    if kind not in _ORG_KINDS:
        raise GazetteerError(f"unknown kind {kind!r}; use one of {', '.join(sorted(_ORG_KINDS))}", path, line)
    country = None
    if row["country"] or institutions:
        country = b.country(row["country"], path, line)
        # International NGOs keep their NGO prefix even when based in one country.
        if not code.startswith((country, "NGO", "IGO", "IMG")):
            raise GazetteerError(f"code {code} does not start with its country {country}", path, line)
    sector = row["sector"] or None
    if sector is not None or institutions:
        _check_sector(row["sector"], path, line)
    return ActorEntry(code, country, sector, name, "institution" if institutions else "org")


def _read_bodies(b: _Builder, path: Path, institutions: bool) -> None:
    columns = _BODY_COLUMNS + (() if institutions else ("kind",))
    for line, row in read_tsv(path, columns):
        entry = _body_entry(b, row, path, line, institutions)
        for surface in [row["name"], *split_list(row["aliases"])]:
            b.add_entry(surface, entry)


def _read_sectors(b: _Builder, path: Path) -> None:
    for line, row in read_tsv(path, ("word", "sector", "rank", "role")):
        word, sector, role = row["word"], row["sector"], row["role"] or None
        if not word:
            raise GazetteerError("sector row without a word", path, line)
        _check_sector(sector, path, line)
        try:
            rank = int(row["rank"])
        except ValueError as exc:
            raise GazetteerError(f"rank {row['rank']!r} is not an integer", path, line) from exc
        if role is not None and not _IDENT.fullmatch(role):
            raise GazetteerError(f"role {role!r} must be lowercase_with_underscores", path, line)
        key = fold(word)
        slot = b.terms.setdefault(key, {"entries": []})
        b.plain_forms.add(key)
        new = SectorWord(sector, rank, role)
        known = slot.get("sector")
        if known is not None and known != new:
            raise GazetteerError(f"agent noun {word!r} listed twice with different values", path, line)
        slot["sector"] = new


def _read_places(b: _Builder, path: Path) -> None:
    """Cities, provinces and territories; read last, so every other table's forms are known."""
    for line, row in read_tsv(path, ("name", "aliases", "country", "kind")):
        name, kind = row["name"], row["kind"]
        if not name:
            raise GazetteerError("place row without a name", path, line)
        if kind not in _PLACE_KINDS:
            raise GazetteerError(f"unknown kind {kind!r}; use one of {', '.join(sorted(_PLACE_KINDS))}", path, line)
        country = b.country(row["country"], path, line)
        entry = ActorEntry(country, country, None, name, "place")
        for surface in [name, *split_list(row["aliases"])]:
            key = fold(surface)
            if not key:
                continue
            known = b.place_forms.setdefault(key, (country, line))
            if known[0] != country:
                raise GazetteerError(
                    f"place {surface!r} names {country} here but {known[0]} on line {known[1]}", path, line,
                )
            slot = b.terms.get(key)
            if slot is not None and _owned_elsewhere(slot):
                # Capitals, countries, organisations, people, adjectives and agent nouns keep
                # their form; a differing code is reported by collisions().
                b.shadowed.setdefault(key, set()).add(country)
                continue
            b.add_entry(surface, entry)


def _owned_elsewhere(slot: dict[str, object]) -> bool:
    entries = slot["entries"]
    assert isinstance(entries, list)
    return any(e.kind != "place" for e in entries) or "adjective" in slot or "sector" in slot


def _slot_codes(slot: dict[str, object]) -> set[str]:
    """Every code a slot stands for: entries (people too), adjective, agent noun's sector."""
    entries = slot["entries"]
    assert isinstance(entries, list)
    codes = {e.code for e in entries}
    for extra in (slot.get("adjective"), slot.get("sector")):
        if isinstance(extra, str):
            codes.add(extra)
        elif isinstance(extra, SectorWord):
            codes.add(extra.sector)
    return codes


@dataclass(frozen=True, slots=True)
class _Term:
    entry: ActorEntry
    line: int
    office: tuple[str, str]


def _overlaps(terms: list[_Term], what: str, path: Path) -> None:
    ordered = sorted(terms, key=lambda t: t.entry.valid_from or date.min)
    for before, after in zip(ordered, ordered[1:]):
        end = before.entry.valid_to
        start = after.entry.valid_from or date.min
        # A handover day belongs to both terms, so touching ends are fine.
        if end is None or start < end:
            if end is None and before.entry.person_id != after.entry.person_id:
                reason = (
                    f"open-ended {before.entry.role} term of {before.entry.name} (line {before.line}), "
                    f"but {after.entry.name} holds the office from {start}: give it an end date"
                )
            else:
                reason = (
                    f"overlapping {what} terms: {before.entry.name} from {before.entry.valid_from} "
                    f"to {end or 'today'} (line {before.line}) and {after.entry.name} from {start}"
                )
            raise GazetteerError(reason, path, after.line)


PEOPLE_COLUMNS = ("person_id", "name", "aliases", "country", "role", "code", "start", "end")


@dataclass
class _People:
    """Parsed person rows of one file: terms in file order, each person's name and surface forms."""

    path: Path
    terms: list[_Term] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)


def _person_term(b: _Builder, people: _People, row: dict[str, str], line: int) -> _Term:
    path = people.path
    pid, name, role, code = row["person_id"], row["name"], row["role"], row["code"]
    if not _IDENT.fullmatch(pid):
        raise GazetteerError(f"person_id {pid!r} must be lowercase_with_underscores", path, line)
    if people.names.setdefault(pid, name) != name:
        raise GazetteerError(f"{pid} is named {people.names[pid]!r} on an earlier row, {name!r} here", path, line)
    if not _IDENT.fullmatch(role):
        raise GazetteerError(f"role {role!r} must be lowercase_with_underscores", path, line)
    if not code:
        raise GazetteerError("person row without a code", path, line)
    country = b.country(row["country"], path, line) if row["country"] else None
    if country is not None and not code.startswith(country):
        raise GazetteerError(f"code {code} does not start with the country {country}", path, line)
    start = _parse_date(row["start"], path, line, "start")
    end = _parse_date(row["end"], path, line, "end")
    if start is None:
        raise GazetteerError("a term needs a start date", path, line)
    if end is not None and end < start:
        raise GazetteerError(f"end {end} is before start {start}", path, line)
    entry = ActorEntry(
        code, country, _sector_code(code) if country else None, name, "person",
        start, end, role, pid,
    )
    return _Term(entry, line, (row["country"] or code, role))


def _parse_people(
    b: _Builder, path: Path, errors: list[GazetteerError] | None = None
) -> _People:
    """Every person row of `path`; a bad row raises, or is recorded in `errors` and skipped."""
    people = _People(path)
    for line, row in read_tsv(path, PEOPLE_COLUMNS):
        try:
            term = _person_term(b, people, row, line)
        except GazetteerError as exc:
            if errors is None:
                raise
            errors.append(exc)
            continue
        people.terms.append(term)
        pid = row["person_id"]
        people.aliases.setdefault(pid, [row["name"]]).extend(split_list(row["aliases"]))
    return people


def _validate_people(people: _People, errors: list[GazetteerError] | None = None) -> None:
    """No overlapping terms of one person in one role or of one office; no stale open terms."""
    by_office: dict[tuple[str, str], list[_Term]] = {}
    by_person_role: dict[tuple[str, str], list[_Term]] = {}
    by_person: dict[str, list[_Term]] = {}
    for term in people.terms:
        by_office.setdefault(term.office, []).append(term)
        assert term.entry.person_id is not None and term.entry.role is not None
        by_person_role.setdefault((term.entry.person_id, term.entry.role), []).append(term)
        by_person.setdefault(term.entry.person_id, []).append(term)
    checks = [
        *((_overlaps, terms, "same-person") for terms in by_person_role.values()),
        *((_overlaps, terms, "same-office") for terms in by_office.values()),
    ]
    for check, terms, what in checks:
        try:
            check(terms, what, people.path)
        except GazetteerError as exc:
            if errors is None:
                raise
            errors.append(exc)
    for terms in by_person.values():
        try:
            _check_open_terms(terms, people.path)
        except GazetteerError as exc:
            if errors is None:
                raise
            errors.append(exc)


def _outside(entry: ActorEntry, other: ActorEntry) -> list[tuple[date | None, date | None]]:
    """The parts of `entry`'s term that `other`'s term does not cover (a shared end day is kept)."""
    start, end = entry.valid_from or date.min, entry.valid_to or date.max
    o_start, o_end = other.valid_from or date.min, other.valid_to or date.max
    if not (start < o_end and o_start < end):
        return [(entry.valid_from, entry.valid_to)]
    pieces: list[tuple[date | None, date | None]] = []
    if start < o_start:
        pieces.append((entry.valid_from, o_start))
    if o_end < end:
        pieces.append((o_end, entry.valid_to))
    return pieces


def _merge_people(builtin: _People, user: _People) -> _People:
    """Built-in rows with the user's rows laid over them; the user's rows win.

    A built-in term loses the dates a user term covers when both are the same person in the
    same role or the same office (country + role): "X is president of France from 2030"
    ends the sitting president's open term on that day. A person_id the user file lists
    takes the user's name and forms on every term, and a form the user gives a person is
    taken from the built-in people who had it.
    """
    merged = _People(builtin.path, names=dict(builtin.names), aliases={})
    merged.names.update(user.names)
    for term in builtin.terms:
        pieces = [(term.entry.valid_from, term.entry.valid_to)]
        for over in user.terms:
            same_person = (over.entry.person_id, over.entry.role) == (term.entry.person_id, term.entry.role)
            if same_person or over.office == term.office:
                pieces = [
                    piece
                    for start, end in pieces
                    for piece in _outside(replace(term.entry, valid_from=start, valid_to=end), over.entry)
                ]
        pid = term.entry.person_id
        assert pid is not None
        for start, end in pieces:
            entry = replace(term.entry, valid_from=start, valid_to=end, name=merged.names[pid])
            merged.terms.append(replace(term, entry=entry))
    merged.terms.extend(user.terms)
    taken = {fold(form) for forms in user.aliases.values() for form in forms}
    for pid, forms in builtin.aliases.items():
        if pid not in user.aliases:
            merged.aliases[pid] = [form for form in forms if fold(form) not in taken]
    merged.aliases.update(user.aliases)
    return merged


def _index_people(b: _Builder, people: _People) -> None:
    by_office: dict[tuple[str, str], list[_Term]] = {}
    by_person: dict[str, list[_Term]] = {}
    for term in people.terms:
        by_office.setdefault(term.office, []).append(term)
        assert term.entry.person_id is not None
        by_person.setdefault(term.entry.person_id, []).append(term)
    for pid, surfaces in people.aliases.items():
        for term in by_person.get(pid, ()):
            for surface in surfaces:
                b.add_entry(surface, term.entry)
    for office, terms in by_office.items():
        b.holders[office] = [t.entry for t in sorted(terms, key=lambda t: t.entry.valid_from or date.min)]


def _check_open_terms(terms: list[_Term], path: Path) -> None:
    """An open end means "in office today"; reject it where the person evidently left."""
    open_terms = [t for t in terms if t.entry.valid_to is None]
    for term in open_terms:
        start = term.entry.valid_from or date.min
        for later in terms:
            later_end = later.entry.valid_to
            if later_end is not None and (later.entry.valid_from or date.min) > start:
                raise GazetteerError(
                    f"open-ended {term.entry.role} term of {term.entry.name}, who held a later office "
                    f"that ended {later_end} (line {later.line}): give it an end date",
                    path, term.line,
                )
    codes = {t.entry.code for t in open_terms}
    if len(codes) > 1:
        last = max(open_terms, key=lambda t: t.line)
        raise GazetteerError(
            f"{last.entry.name} has open-ended terms for {', '.join(sorted(codes))}: "
            "only the current office may be open",
            path, last.line,
        )


def _freeze(b: _Builder) -> Gazetteer:
    acronyms = b.acronym_forms - b.plain_forms
    terms: dict[str, Term] = {}
    collisions: dict[str, tuple[str, ...]] = {}
    for key, slot in b.terms.items():
        entries = slot["entries"]
        assert isinstance(entries, list)
        adjective = slot.get("adjective")
        sector = slot.get("sector")
        terms[key] = Term(
            entries=tuple(entries),
            adjective=adjective if isinstance(adjective, str) else None,
            adjective_region=bool(slot.get("adjective_region", False)),
            sector=sector if isinstance(sector, SectorWord) else None,
            acronym=key in acronyms,
        )
        undated = {e.code for e in entries if e.kind != "person"}
        dropped = b.shadowed.get(key, set())
        if dropped:
            undated = _slot_codes(slot) | dropped
        if len(undated) > 1:
            collisions[key] = tuple(sorted(undated))
    holders = {k: tuple(v) for k, v in b.holders.items()}
    iso_by_code = {cameo: iso for iso, cameo in b.cameo_by_iso.items()}
    return Gazetteer(terms, holders, iso_by_code, b.names_by_code, collisions)


def _header(path: Path) -> list[str]:
    try:
        with path.open(encoding="utf-8") as handle:
            for raw in handle:
                if raw.strip() and not raw.startswith("#"):
                    return [cell.strip() for cell in raw.rstrip("\r\n").split("\t")]
    except OSError as exc:
        raise GazetteerError(f"cannot open: {exc}", path) from exc
    return []


def _user_kind(path: Path) -> str:
    """"people" or "organisations", from the header of a user actor file."""
    header = _header(path)
    if "person_id" in header:
        return "people"
    if "kind" in header and "code" in header:
        return "organisations"
    raise GazetteerError(
        "a user actor file needs a header row with the people.tsv columns "
        f"({', '.join(PEOPLE_COLUMNS)}) or the organisations.tsv ones "
        f"({', '.join(_BODY_COLUMNS[:3])}, kind, {', '.join(_BODY_COLUMNS[3:])})",
        path, 1,
    )


def _read_user_bodies(
    b: _Builder, path: Path, errors: list[GazetteerError] | None = None
) -> list[tuple[ActorEntry, list[str]]]:
    """Organisation (or institution, kind "institution") rows of a user file, checked."""
    out: list[tuple[ActorEntry, list[str]]] = []
    codes: dict[str, int] = {}
    for line, row in read_tsv(path, (*_BODY_COLUMNS, "kind")):
        try:
            entry = _body_entry(b, row, path, line, row["kind"] == "institution")
            if codes.setdefault(entry.code, line) != line:
                raise GazetteerError(f"code {entry.code} is listed twice (first on line {codes[entry.code]})", path, line)
        except GazetteerError as exc:
            if errors is None:
                raise
            errors.append(exc)
            continue
        out.append((entry, [row["name"], *split_list(row["aliases"])]))
    return out


def _as_gazetteer_error(exc: DataError) -> GazetteerError:
    # Table-level problems (a missing column, too many cells) become gazetteer errors too,
    # so callers can catch one class for the actor tables.
    error = GazetteerError(str(exc))
    error.path, error.line = exc.path, exc.line
    return error


def load_gazetteer(data_dir: Path | None = None, actors_file: Path | None = None) -> Gazetteer:
    """Read, validate and index the actor tables; files under `data_dir` replace packaged ones.

    `actors_file` is a user TSV of people (people.tsv columns) or organisations
    (organisations.tsv columns) laid over the packaged tables; its rows win (see
    `_merge_people`; an organisation row replaces the packaged one with the same code).

    Raises:
        GazetteerError: a malformed row (bad date, end before start, unknown country or
            sector, overlapping terms, an open-ended term for someone no longer in office,
            a place name given to two countries), naming path:line.
    """
    b = _Builder()
    try:
        paths = {name: data_path(rel, data_dir) for name, rel in _FILES}
        _read_countries(b, paths["countries"])
        _read_regions(b, paths["regions"])
        _read_bodies(b, paths["organisations"], institutions=False)
        _read_bodies(b, paths["institutions"], institutions=True)
        _read_sectors(b, paths["sectors"])
        people = _parse_people(b, paths["people"])
        _validate_people(people)
        if actors_file is not None and _user_kind(actors_file) == "people":
            user = _parse_people(b, actors_file)
            _validate_people(user)
            people = _merge_people(people, user)
        _index_people(b, people)
        if actors_file is not None and _user_kind(actors_file) == "organisations":
            for entry, surfaces in _read_user_bodies(b, actors_file):
                b.drop_code(entry.code)
                for surface in surfaces:
                    b.add_entry(surface, entry, first=True)
        # Places last, so a user's forms are known before town names are placed.
        _read_places(b, paths["places"])
    except GazetteerError:
        raise
    except DataError as exc:
        raise _as_gazetteer_error(exc) from exc
    return _freeze(b)


def check_actors_file(path: Path, data_dir: Path | None = None) -> tuple[int, list[GazetteerError]]:
    """Validate a user actor file alone: (data rows read, every problem found, by line).

    Unlike `load_gazetteer`, it does not stop at the first problem: each bad row is
    reported, then the terms of the good rows are checked against each other.

    Raises:
        GazetteerError: the file cannot be read, or the packaged tables are broken.
    """
    b = _Builder()
    errors: list[GazetteerError] = []
    try:
        _read_countries(b, data_path(_FILES[0][1], data_dir))
        if _user_kind(path) == "people":
            _validate_people(_parse_people(b, path, errors), errors)
        else:
            _read_user_bodies(b, path, errors)
        rows = sum(1 for _ in read_tsv(path))
    except GazetteerError:
        raise
    except DataError as exc:
        raise _as_gazetteer_error(exc) from exc
    # One message per row: two people in one role twice at once also overlap as an office.
    first: dict[int, GazetteerError] = {}
    for error in errors:
        first.setdefault(error.line or 0, error)
    return rows, [first[line] for line in sorted(first)]
