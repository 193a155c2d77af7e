"""Loading the gazetteer: `load_gazetteer`, `check_actors_file`, and reading a user actor file."""

from __future__ import annotations

from pathlib import Path

from flashpoint.errors import DataError, GazetteerError
from flashpoint.resources._tables import data_path, read_tsv, split_list
from flashpoint.resources.gazetteer._build import (
    _BODY_COLUMNS,
    _body_entry,
    _Builder,
    _freeze,
    _read_bodies,
    _read_cased,
    _read_countries,
    _read_places,
    _read_regions,
    _read_sectors,
)
from flashpoint.resources.gazetteer._people import (
    PEOPLE_COLUMNS,
    _index_people,
    _merge_people,
    _parse_people,
    _validate_people,
)
from flashpoint.resources.gazetteer.entries import ActorEntry, Gazetteer

__all__ = ["check_actors_file", "load_gazetteer"]


_FILES = (
    ("countries", "actors/countries.tsv"),
    ("regions", "actors/regions.tsv"),
    ("organisations", "actors/organisations.tsv"),
    ("institutions", "actors/institutions.tsv"),
    ("sectors", "actors/sectors.tsv"),
    ("people", "actors/people.tsv"),
    # Last: a place may only take forms that no other table uses.
    ("places", "actors/places.tsv"),
    # After every table: it marks forms the others made.
    ("cased", "actors/cased.tsv"),
)


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
        _read_cased(b, paths["cased"])
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
