"""Gazetteer: folding, lookups by date, agent nouns, holders, and validation of the actor tables."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from flashpoint.errors import GazetteerError
from flashpoint.resources._tables import PACKAGED_DATA, read_tsv
from flashpoint.resources.gazetteer import Gazetteer, fold, load_gazetteer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "data"
PEOPLE_HEADER = "person_id\tname\taliases\tcountry\trole\tcode\tstart\tend"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer(FIXTURES)


def _data_dir(tmp_path: Path, filename: str, rows: list[str], replace: bool = False) -> tuple[Path, int]:
    """A copy of the fixture tables with `rows` appended to one file (or replacing all of it).

    Returns the directory and the line number of the last row written.
    """
    shutil.copytree(FIXTURES / "actors", tmp_path / "actors")
    path = tmp_path / "actors" / filename
    lines = [] if replace else path.read_text(encoding="utf-8").splitlines()
    lines += rows
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path, len(lines)


# ------------------------------------------------------------------------------ folding


@pytest.mark.parametrize(
    ("surface", "folded"),
    [
        ("the U.S.", "us"),
        ("Erdoğan's", "erdogan"),
        ("Putin’s", "putin"),
        ("al-Qaeda", "al qaeda"),
        ("Côte d'Ivoire", "cote divoire"),
        ("Łódź", "lodz"),
        ("The  Kremlin", "kremlin"),
        ("Secretary-General", "secretary general"),
    ],
)
def test_fold_normalises_surface_forms(surface: str, folded: str) -> None:
    assert fold(surface) == folded


# ------------------------------------------------------------------------------ lookups


@pytest.mark.parametrize("alias", ["the Kremlin", "KREMLIN", "Kremlin's"])
def test_gazetteer_lookup_folds_alias(gazetteer: Gazetteer, alias: str) -> None:
    entries = gazetteer.lookup(alias)
    assert [(e.code, e.kind, e.country, e.sector) for e in entries] == [("RUSGOV", "seat", "RUS", "GOV")]


def test_gazetteer_lookup_unknown_alias_is_empty(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Atlantis") == []


@pytest.mark.parametrize(
    ("on", "code"),
    [(date(2012, 6, 1), "NORGOV"), (date(2016, 6, 1), "IGOWSTNAT"), (None, "IGOWSTNAT")],
)
def test_gazetteer_lookup_puts_valid_entry_first(gazetteer: Gazetteer, on: date | None, code: str) -> None:
    entries = gazetteer.lookup("Stoltenberg", on)
    assert [e.person_id for e in entries] == ["stoltenberg_jens", "stoltenberg_jens"]
    assert entries[0].code == code


def test_gazetteer_lookup_person_entry_carries_term(gazetteer: Gazetteer) -> None:
    entry = gazetteer.lookup("Merkel", date(2010, 1, 1))[0]
    assert (entry.kind, entry.role, entry.valid_from, entry.valid_to) == (
        "person", "chancellor", date(2005, 11, 22), date(2021, 12, 8),
    )


@pytest.mark.parametrize(
    ("word", "sector"),
    [("lawmakers", "LEG"), ("troops", "MIL"), ("rebels", "REB"), ("Police", "COP"),
     ("authorities", "GOV"), ("analysts", None), ("prime ministers", "GOV")],
)
def test_gazetteer_sector_handles_plurals(gazetteer: Gazetteer, word: str, sector: str | None) -> None:
    assert gazetteer.sector(word) == sector


@pytest.mark.parametrize(
    ("word", "code"),
    [("Russian", "RUS"), ("Russians", "RUS"), ("Western", "WST"), ("US", "USA"), ("Martian", None)],
)
def test_gazetteer_adjective_country(gazetteer: Gazetteer, word: str, code: str | None) -> None:
    assert gazetteer.adjective_country(word) == code


@pytest.mark.parametrize(
    ("on", "name"),
    [
        (date(2021, 12, 7), "Angela Merkel"),
        (date(2021, 12, 8), "Olaf Scholz"),  # handover day: the incoming holder
        (date(2021, 12, 9), "Olaf Scholz"),
        (date(2026, 1, 1), "Friedrich Merz"),
        (date(2000, 1, 1), None),
    ],
)
def test_gazetteer_holder_by_date(gazetteer: Gazetteer, on: date, name: str | None) -> None:
    holder = gazetteer.holder("DEU", "chancellor", on)
    assert (holder.name if holder else None) == name


def test_gazetteer_holder_of_international_office(gazetteer: Gazetteer) -> None:
    holder = gazetteer.holder("IGOWSTNAT", "secretary_general", date(2020, 1, 1))
    assert holder is not None
    assert (holder.name, holder.code, holder.country) == ("Jens Stoltenberg", "IGOWSTNAT", None)


def test_gazetteer_aliases_are_folded(gazetteer: Gazetteer) -> None:
    aliases = set(gazetteer.aliases())
    assert {"us", "kremlin", "north atlantic treaty organization", "russian", "merkel"} <= aliases
    assert "U.S." not in aliases


def test_gazetteer_acronym_is_marked(gazetteer: Gazetteer) -> None:
    term = gazetteer.term("us")
    assert term is not None and term.acronym is True
    nato = gazetteer.term("nato")
    assert nato is not None and nato.acronym is False


def test_gazetteer_packaged_data_validates() -> None:
    gazetteer = load_gazetteer()
    actors = PACKAGED_DATA / "actors"
    countries = [row["iso3"] for _, row in read_tsv(actors / "countries.tsv")]
    people = list(read_tsv(actors / "people.tsv"))
    # 193 UN member states + Palestine, Kosovo, Taiwan, the Vatican, Hong Kong.
    assert len(countries) == 198
    assert len(people) >= 150
    assert gazetteer.holder("RUS", "president", date(2010, 6, 1)).name == "Dmitry Medvedev"  # type: ignore[union-attr]


# ------------------------------------------------------------------------------ validation


@pytest.mark.parametrize(
    ("filename", "row", "message"),
    [
        ("people.tsv", "x_y\tX Y\t\tDEU\tpresident\tDEUGOV\t2021-13-01\t", "not a valid date"),
        ("people.tsv", "x_y\tX Y\t\tDEU\tpresident\tDEUGOV\t01/02/2021\t", "not an ISO 8601 date"),
        ("people.tsv", "x_y\tX Y\t\tDEU\tpresident\tDEUGOV\t2021-02-01\t2020-01-01", "before start"),
        ("people.tsv", "x_y\tX Y\t\tFRA\tpresident\tFRAGOV\t2021-02-01\t", "unknown country 'FRA'"),
        ("people.tsv", "x_y\tX Y\t\tDEU\tpresident\tRUSGOV\t2021-02-01\t", "does not start with"),
        ("organisations.tsv", "PSEREBHMS\tHamas\t\tgroup\tPSE\tREB", "unknown country 'PSE'"),
        ("organisations.tsv", "IGOXXX\tClub\t\tclub\t\t", "unknown kind 'club'"),
        ("institutions.tsv", "FRALEG\tAssemblee\t\tFRA\tLEG", "unknown country 'FRA'"),
        ("institutions.tsv", "RUSXXX\tBody\t\tRUS\tXXX", "unknown sector 'XXX'"),
        ("sectors.tsv", "wizard\tMAG\t10\t", "unknown sector 'MAG'"),
        ("sectors.tsv", "troop\tCOP\t70\t", "listed twice"),
        ("regions.tsv", "EUR\tEurope\t\tRussian", "already names RUS"),
    ],
)
def test_gazetteer_rejects_bad_row(tmp_path: Path, filename: str, row: str, message: str) -> None:
    data_dir, line = _data_dir(tmp_path, filename, [row])
    with pytest.raises(GazetteerError, match=message) as caught:
        load_gazetteer(data_dir)
    assert caught.value.line == line
    assert Path(str(caught.value.path)).name == filename


@pytest.mark.parametrize(
    ("rows", "message", "bad_row"),
    [
        (  # Merkel still "in office" although Scholz followed her
            ["a\tA\t\tDEU\tchancellor\tDEUGOV\t2005-11-22\t",
             "b\tB\t\tDEU\tchancellor\tDEUGOV\t2021-12-08\t2025-05-06"],
            "open-ended chancellor term of A", 2,
        ),
        (  # Stoltenberg still Norwegian PM after his NATO term ended
            ["s\tS\t\tNOR\tprime_minister\tNORGOV\t2005-10-17\t",
             "s\tS\t\t\tsecretary_general\tIGOWSTNAT\t2014-10-01\t2024-10-01"],
            "who held a later office", 1,
        ),
        (  # two open offices in different places
            ["k\tK\t\tRUS\tprime_minister\tRUSGOV\t2021-01-26\t",
             "k\tK\t\t\tsecretary_general\tIGOWSTNAT\t2024-12-01\t"],
            "only the current office may be open", 2,
        ),
        (  # two holders of one office at once
            ["a\tA\t\tDEU\tchancellor\tDEUGOV\t2005-11-22\t2021-12-08",
             "b\tB\t\tDEU\tchancellor\tDEUGOV\t2020-01-01\t2025-05-06"],
            "overlapping same-office terms", 2,
        ),
        (  # one person holding the same role twice at once
            ["a\tA\t\tDEU\tpresident\tDEUGOV\t2005-01-01\t2010-01-01",
             "a\tA\t\tUKR\tpresident\tUKRGOV\t2009-01-01\t2012-01-01"],
            "overlapping same-person terms", 2,
        ),
    ],
)
def test_gazetteer_rejects_bad_terms(tmp_path: Path, rows: list[str], message: str, bad_row: int) -> None:
    data_dir, last = _data_dir(tmp_path, "people.tsv", [PEOPLE_HEADER, *rows], replace=True)
    with pytest.raises(GazetteerError, match=message) as caught:
        load_gazetteer(data_dir)
    assert caught.value.line == last - len(rows) + bad_row


def test_gazetteer_touching_terms_are_allowed(tmp_path: Path) -> None:
    rows = [
        "a\tA\tAy\tDEU\tchancellor\tDEUGOV\t2005-11-22\t2021-12-08",
        "b\tB\tBee\tDEU\tchancellor\tDEUGOV\t2021-12-08\t",
    ]
    data_dir, _ = _data_dir(tmp_path, "people.tsv", [PEOPLE_HEADER, *rows], replace=True)
    gazetteer = load_gazetteer(data_dir)
    assert [e.name for e in gazetteer.lookup("Ay")] == ["A"]


def test_gazetteer_missing_column_is_gazetteer_error(tmp_path: Path) -> None:
    data_dir, _ = _data_dir(tmp_path, "sectors.tsv", ["word\tsector"], replace=True)
    with pytest.raises(GazetteerError, match="header lacks column") as caught:
        load_gazetteer(data_dir)
    assert caught.value.line == 1
