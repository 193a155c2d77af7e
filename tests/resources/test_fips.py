"""FIPS 10-4 country codes (GDELT's geographic country codes) in countries.tsv and Gazetteer.fips."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from flashpoint.errors import GazetteerError
from flashpoint.resources._tables import PACKAGED_DATA, read_tsv
from flashpoint.resources.gazetteer import Gazetteer, load_gazetteer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "data"
PACKAGED_COUNTRIES = PACKAGED_DATA / "actors" / "countries.tsv"


@pytest.fixture(scope="module")
def packaged() -> Gazetteer:
    return load_gazetteer()


def _packaged_rows() -> list[dict[str, str]]:
    return [row for _, row in read_tsv(PACKAGED_COUNTRIES, ("cameo", "fips"))]


def test_fips_every_packaged_country_has_a_code(packaged: Gazetteer) -> None:
    rows = _packaged_rows()
    assert len(rows) == 198
    missing = [row["cameo"] for row in rows if packaged.fips(row["cameo"]) is None]
    assert missing == []
    assert all(packaged.fips(row["cameo"]) == row["fips"] for row in rows)


def test_fips_packaged_codes_are_unique() -> None:
    # No row shares a code: Palestine takes WE (West Bank) only, GDELT's GZ (Gaza) is not listed.
    codes = [row["fips"] for row in _packaged_rows()]
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    assert duplicates == []


@pytest.mark.parametrize(
    ("country", "fips"),
    [
        # Codes that differ from ISO 3166-1 alpha-2 (ISO in the comment).
        ("UKR", "UP"),  # UA
        ("RUS", "RS"),  # RU (RS is Serbia in ISO)
        ("SRB", "RI"),  # RS
        ("DEU", "GM"),  # DE
        ("GBR", "UK"),  # GB
        ("CHN", "CH"),  # CN (CH is Switzerland in ISO)
        ("CHE", "SZ"),  # CH
        ("ISR", "IS"),  # IL
        ("IRQ", "IZ"),  # IQ
        ("DZA", "AG"),  # DZ
        ("AUT", "AU"),  # AT
        ("AUS", "AS"),  # AU
        ("BLR", "BO"),  # BY
        ("BOL", "BL"),  # BO
        ("BGR", "BU"),  # BG
        ("CHL", "CI"),  # CL
        ("CZE", "EZ"),  # CZ
        ("JPN", "JA"),  # JP
        ("KOR", "KS"),  # KR
        ("PRK", "KN"),  # KP
        ("PHL", "RP"),  # PH
        ("ZAF", "SF"),  # ZA
        ("ESP", "SP"),  # ES
        ("SWE", "SW"),  # SE
        ("TUR", "TU"),  # TR
        ("VNM", "VM"),  # VN
        ("SSD", "OD"),  # SS
        ("MNE", "MJ"),  # ME
        ("TLS", "TT"),  # TL
        ("XKX", "KV"),  # XK (user-assigned)
        ("PSE", "WE"),  # PS; GDELT: WE West Bank, GZ Gaza
    ],
)
def test_fips_packaged_code_differs_from_iso(packaged: Gazetteer, country: str, fips: str) -> None:
    assert packaged.fips(country) == fips


@pytest.mark.parametrize(("country", "fips"), [("IRN", "IR"), ("USA", "US"), ("FRA", "FR")])
def test_fips_packaged_code_same_as_iso(packaged: Gazetteer, country: str, fips: str) -> None:
    assert packaged.fips(country) == fips


@pytest.mark.parametrize("code", ["WST", "RUSGOV", "ATL", ""])
def test_fips_non_country_code_is_none(packaged: Gazetteer, code: str) -> None:
    assert packaged.fips(code) is None


def test_fips_fixture_tables_load() -> None:
    gazetteer = load_gazetteer(FIXTURES)
    assert [gazetteer.fips(c) for c in ("RUS", "UKR", "DEU", "NOR", "USA")] == ["RS", "UP", "GM", "NO", "US"]


def _fixture_with_country(tmp_path: Path, row: str) -> tuple[Path, Path, int]:
    """A copy of the fixture tables with one country row appended; returns (dir, file, line)."""
    shutil.copytree(FIXTURES / "actors", tmp_path / "actors")
    path = tmp_path / "actors" / "countries.tsv"
    lines = path.read_text(encoding="utf-8").splitlines() + [row]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path, path, len(lines)


@pytest.mark.parametrize(
    ("fips", "message"),
    [
        ("fr", "fips must be two capital letters (FIPS 10-4, e.g. UP), got 'fr'"),
        ("FRA", "fips must be two capital letters (FIPS 10-4, e.g. UP), got 'FRA'"),
        ("F1", "fips must be two capital letters (FIPS 10-4, e.g. UP), got 'F1'"),
        ("", "fips must be two capital letters (FIPS 10-4, e.g. UP), got ''"),
        ("GM", "fips GM already names DEU"),
    ],
)
def test_fips_bad_code_names_path_and_line(tmp_path: Path, fips: str, message: str) -> None:
    data_dir, path, line = _fixture_with_country(tmp_path, f"FRA\tFRA\t{fips}\tFrance\t\tFrench\tParis\t")
    with pytest.raises(GazetteerError) as caught:
        load_gazetteer(data_dir)
    assert (Path(str(caught.value.path)), caught.value.line) == (path, line)
    assert message in str(caught.value)
    assert f"{path}:{line}" in str(caught.value)


def test_fips_missing_column_is_an_error(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "actors", tmp_path / "actors")
    path = tmp_path / "actors" / "countries.tsv"
    header = "iso3\tcameo\tname\taliases\tadjectives\tcapitals\tseats"
    path.write_text(header + "\nRUS\tRUS\tRussia\t\t\t\t\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="header lacks column.*fips") as caught:
        load_gazetteer(tmp_path)
    assert caught.value.line == 1
