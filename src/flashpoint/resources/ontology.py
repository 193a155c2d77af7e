"""Ontology: CAMEO event codes (names, Goldstein weights, quad classes) and their PLOVER categories.

Three tables under ``ontology/`` (provenance in ``resources/data/SOURCES.md``):

    cameo.tsv         code, name, root, level, goldstein, quad_class
    plover.tsv        event, definition, quad_class
    cameo_plover.tsv  cameo, plover_event, plover_mode

PLOVER mapping rules, applied here rather than left to whoever reads the table:

* every 3-digit code needs its own row in ``cameo_plover.tsv``;
* a 4-digit code without a row inherits its 3-digit parent's event and mode (0211 takes 021's);
* ``dropped`` as the event says PLOVER has no category for the code (CAMEO 01 and 02); it loads as None;
* root codes (2 digits) carry no PLOVER mapping, because root 08 splits between CONCEDE and RETREAT.

A code's quad class is CAMEO's, taken from its root row; a PLOVER category's quad class is PLOVER's
own, and the two differ by design (CAMEO 09 is verbal conflict, PLOVER INVESTIGATE is material
cooperation), so they are not compared.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from flashpoint.errors import DataError, NotFound, OntologyError
from flashpoint.resources._tables import data_path, read_tsv

__all__ = ["CameoCode", "Ontology", "PloverCategory", "load_ontology"]

CAMEO_FILE = "ontology/cameo.tsv"
PLOVER_FILE = "ontology/plover.tsv"
MAPPING_FILE = "ontology/cameo_plover.tsv"

# The code length each level must have; codes are strings so "010" and "10" stay distinct.
_LEVEL_LENGTH = {"root": 2, "base": 3, "sub": 4}
# cameo_plover.tsv's word for "PLOVER has no category for this code".
_DROPPED = "dropped"
# A leading comment of cameo.tsv names the Goldstein table it follows: "# goldstein_table: ...".
_GOLDSTEIN_KEY = "goldstein_table"
_UNDECLARED = "undeclared"


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO code with its weight, quad class and (for base and sub codes) PLOVER category."""

    code: str
    name: str
    root: str
    level: str
    goldstein: float
    quad_class: int
    plover_event: str | None
    plover_mode: str | None

    @property
    def parent(self) -> str | None:
        """The code one level up ("087" for "0874", "08" for "087"); None for a root."""
        if self.level == "root":
            return None
        return self.code[:-1]


@dataclass(frozen=True, slots=True)
class PloverCategory:
    """One PLOVER event category and PLOVER's own quad class for it."""

    event: str
    definition: str
    quad_class: int


class Ontology:
    """CAMEO codes and PLOVER categories, validated and read-only. Build it with `load_ontology`."""

    __slots__ = ("_codes", "_plover", "_goldstein_table")

    def __init__(
        self,
        codes: dict[str, CameoCode],
        plover: dict[str, PloverCategory],
        goldstein_table: str,
    ) -> None:
        # Sorting the strings puts every code right after its parent ("01", "010", ..., "02", "020",
        # "021", "0211"), which is the order the CAMEO manual lists them in.
        self._codes = {code: codes[code] for code in sorted(codes)}
        self._plover = dict(plover)
        self._goldstein_table = goldstein_table

    @property
    def goldstein_table(self) -> str:
        """The Goldstein table the weights follow, as cameo.tsv declares it."""
        return self._goldstein_table

    def get(self, code: str) -> CameoCode:
        """The entry for `code` ("0874", "19").

        Raises:
            NotFound: the code is not in the ontology.
        """
        try:
            return self._codes[code]
        except KeyError:
            raise NotFound("CAMEO code", code) from None

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._codes

    def __iter__(self) -> Iterator[CameoCode]:
        return iter(self._codes.values())

    def __len__(self) -> int:
        return len(self._codes)

    def codes(self) -> frozenset[str]:
        """Every code, roots included."""
        return frozenset(self._codes)

    def root_name(self, root: str) -> str:
        """The name of a 2-digit root ("19" -> "Fight").

        Raises:
            NotFound: `root` is not a root code of the ontology.
        """
        entry = self._codes.get(root)
        if entry is None or entry.level != "root":
            raise NotFound("CAMEO root", root)
        return entry.name

    def plover(self, event: str) -> PloverCategory:
        """The PLOVER category named `event` ("ASSAULT").

        Raises:
            NotFound: PLOVER has no such category.
        """
        try:
            return self._plover[event]
        except KeyError:
            raise NotFound("PLOVER category", event) from None

    def plover_categories(self) -> tuple[PloverCategory, ...]:
        """Every PLOVER category, in plover.tsv order."""
        return tuple(self._plover.values())


def load_ontology(data_dir: Path | None = None) -> Ontology:
    """Read and cross-check the three ontology tables.

    A file under `data_dir` with the same relative name (``ontology/cameo.tsv`` ...) replaces the
    packaged one; each of the three files is looked up on its own.

    Raises:
        OntologyError: a row is invalid or the tables disagree; the message names path and line.
        DataError: a file is missing, unreadable, or lacks a required column.
    """
    cameo_path = data_path(CAMEO_FILE, data_dir)
    plover_path = data_path(PLOVER_FILE, data_dir)
    mapping_path = data_path(MAPPING_FILE, data_dir)

    rows = _read_cameo(cameo_path)
    plover = _read_plover(plover_path)
    mapping = _read_mapping(mapping_path, rows, plover)

    codes: dict[str, CameoCode] = {}
    for code, row in rows.items():
        event, mode = _resolve_plover(code, row.level, mapping, mapping_path, row.line)
        codes[code] = CameoCode(
            code=code,
            name=row.name,
            root=code[:2],
            level=row.level,
            goldstein=row.goldstein,
            quad_class=row.quad_class,
            plover_event=event,
            plover_mode=mode,
        )
    return Ontology(codes, plover, _declared(cameo_path, _GOLDSTEIN_KEY) or _UNDECLARED)


@dataclass(frozen=True, slots=True)
class _CameoRow:
    line: int
    name: str
    level: str
    goldstein: float
    quad_class: int


@dataclass(frozen=True, slots=True)
class _Mapping:
    line: int
    event: str | None
    mode: str | None


def _read_cameo(path: Path) -> dict[str, _CameoRow]:
    rows: dict[str, _CameoRow] = {}
    for line, row in read_tsv(path, ("code", "name", "root", "level", "goldstein", "quad_class")):
        code = row["code"]
        if not code.isdigit() or len(code) not in (2, 3, 4):
            raise OntologyError(f"code {code!r} must be 2, 3 or 4 digits (keep leading zeros)", path, line)
        if code in rows:
            raise OntologyError(f"duplicate code {code!r} (first on line {rows[code].line})", path, line)
        if not row["name"]:
            raise OntologyError(f"code {code!r} has no name", path, line)
        if row["root"] != code[:2]:
            message = f"code {code!r} has root {row['root']!r}; it must be {code[:2]!r}"
            raise OntologyError(message, path, line)
        level = row["level"]
        if _LEVEL_LENGTH.get(level) != len(code):
            expected = next(k for k, n in _LEVEL_LENGTH.items() if n == len(code))
            raise OntologyError(
                f"code {code!r} has level {level!r}; a {len(code)}-digit code is {expected!r}", path, line
            )
        rows[code] = _CameoRow(
            line=line,
            name=row["name"],
            level=level,
            goldstein=_goldstein(row["goldstein"], code, path, line),
            quad_class=_quad_class(row["quad_class"], f"code {code!r}", path, line),
        )

    for code, entry in rows.items():
        if entry.level == "root":
            continue
        parent = code[:-1]
        if parent not in rows:
            message = f"code {code!r} has no parent: {parent!r} is not in the table"
            raise OntologyError(message, path, entry.line)
        root = rows[code[:2]]
        if entry.quad_class != root.quad_class:
            raise OntologyError(
                f"code {code!r} has quad_class {entry.quad_class} but its root {code[:2]!r} "
                f"(line {root.line}) has {root.quad_class}",
                path,
                entry.line,
            )
    return rows


def _read_plover(path: Path) -> dict[str, PloverCategory]:
    categories: dict[str, PloverCategory] = {}
    lines: dict[str, int] = {}
    for line, row in read_tsv(path, ("event", "definition", "quad_class")):
        event = row["event"]
        if not event or not event.isupper() or not event.isalpha():
            raise OntologyError(f"PLOVER category {event!r} must be an upper-case word", path, line)
        if event in categories:
            message = f"duplicate PLOVER category {event!r} (first on line {lines[event]})"
            raise OntologyError(message, path, line)
        lines[event] = line
        quad = _quad_class(row["quad_class"], f"PLOVER category {event!r}", path, line)
        categories[event] = PloverCategory(event, row["definition"], quad)
    if not categories:
        raise OntologyError("no PLOVER categories", path)
    return categories


def _read_mapping(
    path: Path, rows: dict[str, _CameoRow], plover: dict[str, PloverCategory]
) -> dict[str, _Mapping]:
    mapping: dict[str, _Mapping] = {}
    for line, row in read_tsv(path, ("cameo", "plover_event", "plover_mode")):
        code, event, mode = row["cameo"], row["plover_event"], row["plover_mode"]
        if code not in rows:
            raise OntologyError(f"CAMEO code {code!r} is not in cameo.tsv", path, line)
        if rows[code].level == "root":
            raise OntologyError(f"root code {code!r} cannot be mapped; map its 3-digit codes", path, line)
        if code in mapping:
            message = f"duplicate mapping for {code!r} (first on line {mapping[code].line})"
            raise OntologyError(message, path, line)
        if event == _DROPPED:
            if mode:
                raise OntologyError(f"{code!r} is {_DROPPED!r} but has mode {mode!r}", path, line)
            mapping[code] = _Mapping(line, None, None)
            continue
        if event not in plover:
            hint = f" (write {_DROPPED!r} if PLOVER has no category)" if not event else ""
            raise OntologyError(f"{code!r} maps to unknown PLOVER category {event!r}{hint}", path, line)
        mapping[code] = _Mapping(line, event, mode or None)
    return mapping


def _resolve_plover(
    code: str, level: str, mapping: dict[str, _Mapping], path: Path, cameo_line: int
) -> tuple[str | None, str | None]:
    if level == "root":
        return None, None
    own = mapping.get(code)
    if own is not None:
        return own.event, own.mode
    if level == "sub":
        # A sub-code without a row takes its parent's category; the parent (a base code) must have a row.
        parent = mapping.get(code[:3])
        if parent is not None:
            return parent.event, parent.mode
        raise OntologyError(
            f"CAMEO code {code!r} (cameo.tsv line {cameo_line}) has no PLOVER mapping, "
            f"and neither has its parent {code[:3]!r}",
            path,
        )
    raise OntologyError(
        f"CAMEO code {code!r} (cameo.tsv line {cameo_line}) has no PLOVER mapping; "
        f"add a row (plover_event {_DROPPED!r} if PLOVER has no category)",
        path,
    )


def _goldstein(cell: str, code: str, path: Path, line: int) -> float:
    try:
        value = float(cell)
    except ValueError:
        raise OntologyError(f"code {code!r} has goldstein {cell!r}, not a number", path, line) from None
    # Written as "not (low <= value <= high)" so that "nan", which float() accepts, fails too.
    if not -10.0 <= value <= 10.0:
        raise OntologyError(f"code {code!r} has goldstein {cell}, outside [-10, 10]", path, line)
    return value


def _quad_class(cell: str, what: str, path: Path, line: int) -> int:
    if cell not in ("1", "2", "3", "4"):
        raise OntologyError(f"{what} has quad_class {cell!r}; it must be 1, 2, 3 or 4", path, line)
    return int(cell)


def _declared(path: Path, key: str) -> str | None:
    """The value of a leading ``# key: value`` comment, before the header line; None if absent."""
    try:
        with path.open(encoding="utf-8") as handle:
            for raw in handle:
                line = raw.strip()
                if not line:
                    continue
                if not line.startswith("#"):
                    return None
                name, sep, value = line[1:].partition(":")
                if sep and name.strip() == key:
                    return value.strip()
    except OSError as exc:
        raise DataError(f"cannot open: {exc}", path) from exc
    return None
