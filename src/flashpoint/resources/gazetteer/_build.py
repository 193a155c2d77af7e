"""The gazetteer builder and the readers of the packaged tables (countries, regions,
organisations, institutions, agent nouns, places), frozen into a Gazetteer by `_freeze`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from flashpoint.errors import GazetteerError
from flashpoint.resources._tables import read_tsv, split_list
from flashpoint.resources.gazetteer._text import _is_acronym, fold
from flashpoint.resources.gazetteer.entries import ActorEntry, Gazetteer, SectorWord, Term

__all__ = ["KNOWN_SECTORS"]


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
_IDENT = re.compile(r"[a-z0-9_]+")
_ISO3 = re.compile(r"[A-Z]{3}")
_FIPS = re.compile(r"[A-Z]{2}")


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
    # CAMEO country code -> FIPS 10-4 code, the country codes of GDELT's geographic fields
    fips_by_code: dict[str, str] = field(default_factory=dict)
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
    required = ("iso3", "cameo", "fips", "name", "aliases", "adjectives", "capitals", "seats")
    rows = list(read_tsv(path, required))
    for line, row in rows:
        iso3, cameo = row["iso3"], row["cameo"]
        if not _ISO3.fullmatch(iso3) or not _ISO3.fullmatch(cameo):
            raise GazetteerError(f"iso3 and cameo must be three capital letters, got {iso3!r}/{cameo!r}", path, line)
        if iso3 in b.cameo_by_iso:
            raise GazetteerError(f"country {iso3} listed twice", path, line)
        b.cameo_by_iso[iso3] = cameo
        _read_fips(b, cameo, row["fips"], path, line)
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


def _read_fips(b: _Builder, cameo: str, fips: str, path: Path, line: int) -> None:
    if not _FIPS.fullmatch(fips):
        raise GazetteerError(f"fips must be two capital letters (FIPS 10-4, e.g. UP), got {fips!r}", path, line)
    # One code per country: GDELT's Gaza (GZ) and West Bank (WE) are both Palestine, and
    # countries.tsv lists only WE for it, so two rows sharing a code is a typo.
    for other, known in b.fips_by_code.items():
        if known == fips:
            raise GazetteerError(f"fips {fips} already names {other}", path, line)
    b.fips_by_code[cameo] = fips


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
    # `country` is optional, so a sectors.tsv written before it was added still loads.
    for line, row in read_tsv(path, ("word", "sector", "rank", "role")):
        word, sector, role = row["word"], row["sector"], row["role"] or None
        country = b.country(row["country"], path, line) if row.get("country") else None
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
        new = SectorWord(sector, rank, role, country)
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
        entry = ActorEntry(country, country, None, name, "place", place_kind=kind)
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


def _read_cased(b: _Builder, path: Path) -> None:
    """Forms that name an actor only when capitalised; read after every other table.

    A form no table uses is skipped rather than rejected, so a data dir that replaces the
    other tables with smaller ones still loads (tests/resources checks the packaged forms).
    """
    for line, row in read_tsv(path, ("form", "why")):
        key = fold(row["form"])
        if not key:
            raise GazetteerError("cased row without a form", path, line)
        if not row["why"]:
            raise GazetteerError(f"cased form {row['form']!r} needs a reason in the why column", path, line)
        slot = b.terms.get(key)
        if slot is not None:
            slot["cased"] = True


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
            cased=bool(slot.get("cased", False)),
        )
        undated = {e.code for e in entries if e.kind != "person"}
        dropped = b.shadowed.get(key, set())
        if dropped:
            undated = _slot_codes(slot) | dropped
        if len(undated) > 1:
            collisions[key] = tuple(sorted(undated))
    holders = {k: tuple(v) for k, v in b.holders.items()}
    iso_by_code = {cameo: iso for iso, cameo in b.cameo_by_iso.items()}
    return Gazetteer(terms, holders, iso_by_code, b.names_by_code, collisions, fips_by_code=b.fips_by_code)
