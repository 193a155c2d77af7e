"""Person-role terms: parsing people rows, validating terms, laying user terms over built-ins, indexing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from flashpoint.errors import GazetteerError
from flashpoint.resources._tables import read_tsv, split_list
from flashpoint.resources.gazetteer._build import _IDENT, _Builder, _sector_code
from flashpoint.resources.gazetteer._text import fold
from flashpoint.resources.gazetteer.entries import ActorEntry

__all__ = ["PEOPLE_COLUMNS"]


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _parse_date(cell: str, path: Path, line: int, column: str) -> date | None:
    if not cell:
        return None
    if not _ISO_DATE.fullmatch(cell):
        raise GazetteerError(f"{column} {cell!r} is not an ISO 8601 date (YYYY-MM-DD)", path, line)
    try:
        return date.fromisoformat(cell)
    except ValueError as exc:
        raise GazetteerError(f"{column} {cell!r} is not a valid date: {exc}", path, line) from exc


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
