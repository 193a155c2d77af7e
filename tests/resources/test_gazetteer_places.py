"""Gazetteer places table: loading, collisions with other tables, and validation of broken rows."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from flashpoint.errors import GazetteerError
from flashpoint.resources._tables import PACKAGED_DATA, read_tsv, split_list
from flashpoint.resources.gazetteer import Gazetteer, fold, load_gazetteer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "data"
BROKEN = FIXTURES / "actors" / "broken"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer(FIXTURES)


def _with_places(tmp_path: Path, broken: str) -> Path:
    """A copy of the fixture tables whose places.tsv is the named broken fixture."""
    shutil.copytree(FIXTURES / "actors", tmp_path / "actors")
    shutil.copyfile(BROKEN / broken, tmp_path / "actors" / "places.tsv")
    return tmp_path


@pytest.mark.parametrize("alias", ["Kharkiv", "Kharkov", "KHARKIV"])
def test_gazetteer_place_entry(gazetteer: Gazetteer, alias: str) -> None:
    entries = gazetteer.lookup(alias)
    assert [(e.code, e.country, e.sector, e.kind, e.name) for e in entries] == [
        ("UKR", "UKR", None, "place", "Kharkiv")
    ]


def test_gazetteer_place_does_not_override_capital(gazetteer: Gazetteer) -> None:
    # The fixture lists the state of Washington; the capital keeps the form and it is reported.
    assert [(e.code, e.kind) for e in gazetteer.lookup("Washington")] == [("USAGOV", "capital")]
    assert gazetteer.collisions()["washington"] == ("USA", "USAGOV")


def test_gazetteer_places_are_not_fuzzy_names(gazetteer: Gazetteer) -> None:
    tokens = gazetteer.name_tokens()
    assert "kharkiv" not in tokens
    assert "hamburg" not in tokens
    assert "kremlin" in tokens


@pytest.mark.parametrize(
    ("broken", "line", "message"),
    [
        ("places_unknown_country.tsv", 5, "unknown country 'FRA'"),
        ("places_two_countries.tsv", 4, "place 'Odessa' names USA here but UKR on line 3"),
        ("places_bad_kind.tsv", 3, "unknown kind 'town'"),
    ],
)
def test_gazetteer_rejects_bad_place(tmp_path: Path, broken: str, line: int, message: str) -> None:
    with pytest.raises(GazetteerError, match=message) as caught:
        load_gazetteer(_with_places(tmp_path, broken))
    assert caught.value.line == line
    assert Path(str(caught.value.path)).name == "places.tsv"


def test_gazetteer_packaged_places_collide_with_nothing() -> None:
    gazetteer = load_gazetteer()
    rows = list(read_tsv(PACKAGED_DATA / "actors" / "places.tsv"))
    forms = {fold(f) for _, row in rows for f in [row["name"], *split_list(row["aliases"])]}
    assert len(rows) >= 600
    assert sorted(forms & set(gazetteer.collisions())) == []
    assert gazetteer.lookup("Basra")[0].kind == "place"
