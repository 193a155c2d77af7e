"""Gazetteer: cased forms (cased.tsv) and titles that name a country (sectors.tsv `country`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from flashpoint.actors import ActorResolver
from flashpoint.errors import GazetteerError
from flashpoint.resources._tables import PACKAGED_DATA, read_tsv
from flashpoint.resources.gazetteer import SectorWord, fold, load_gazetteer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "data"
SECTORS_HEADER = "word\tsector\trank\trole\tcountry"


def _data_dir(tmp_path: Path, files: dict[str, list[str]]) -> Path:
    """A copy of the fixture tables with whole files replaced by `files` (name -> lines)."""
    shutil.copytree(FIXTURES / "actors", tmp_path / "actors")
    for name, lines in files.items():
        (tmp_path / "actors" / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def test_gazetteer_packaged_cased_forms_name_an_actor() -> None:
    gazetteer = load_gazetteer()
    rows = list(read_tsv(PACKAGED_DATA / "actors" / "cased.tsv", ("form", "why")))
    assert len(rows) >= 10
    unknown = [row["form"] for _, row in rows if gazetteer.term(fold(row["form"])) is None]
    assert unknown == []
    assert all(gazetteer.term(fold(row["form"])).cased for _, row in rows)  # type: ignore[union-attr]


def test_gazetteer_cased_form_matches_only_capitalised(tmp_path: Path) -> None:
    data_dir = _data_dir(tmp_path, {"cased.tsv": ["form\twhy", "Senate\tthe US chamber, not a senate of a university"]})
    gazetteer = load_gazetteer(data_dir)
    term = gazetteer.term("senate")
    assert term is not None and term.cased
    resolver = ActorResolver(gazetteer)
    assert resolver.resolve("the Senate") is not None
    assert resolver.resolve("the senate") is None


def test_gazetteer_cased_form_no_table_uses_is_skipped(tmp_path: Path) -> None:
    data_dir = _data_dir(tmp_path, {"cased.tsv": ["form\twhy", "Labour\tnot in the fixture tables"]})
    assert load_gazetteer(data_dir).term("labour") is None


@pytest.mark.parametrize(
    ("lines", "message", "line"),
    [
        (["form\twhy", "Senate\t"], "needs a reason", 2),
        (["form\twhy", "# a comment", "\tno form"], "without a form", 3),
    ],
)
def test_gazetteer_rejects_bad_cased_row(tmp_path: Path, lines: list[str], message: str, line: int) -> None:
    data_dir = _data_dir(tmp_path, {"cased.tsv": lines})
    with pytest.raises(GazetteerError, match=message) as caught:
        load_gazetteer(data_dir)
    assert caught.value.line == line
    assert Path(str(caught.value.path)).name == "cased.tsv"


def test_gazetteer_title_country_is_read(tmp_path: Path) -> None:
    data_dir = _data_dir(tmp_path, {"sectors.tsv": [SECTORS_HEADER, "sen\tLEG\t60\t\tUSA", "police\tCOP\t80\t\t"]})
    gazetteer = load_gazetteer(data_dir)
    assert gazetteer.sector_word("sen") == SectorWord("LEG", 60, None, "USA")
    assert gazetteer.sector_word("police") == SectorWord("COP", 80, None, None)
    resolver = ActorResolver(gazetteer)
    actor = resolver.resolve("Sen. Jane Roe")
    assert actor is not None
    assert (actor.code, actor.country, actor.sector, actor.matched_by) == ("USALEG", "USA", "LEG", "title")
    # A country word in the phrase wins over the title's country.
    actor = resolver.resolve("Russian Sen. Jane Roe")
    assert actor is not None
    assert actor.code == "RUSLEG"


def test_gazetteer_rejects_unknown_title_country(tmp_path: Path) -> None:
    data_dir = _data_dir(tmp_path, {"sectors.tsv": [SECTORS_HEADER, "police\tCOP\t80\t\t", "sen\tLEG\t60\t\tFRA"]})
    with pytest.raises(GazetteerError, match="unknown country 'FRA'") as caught:
        load_gazetteer(data_dir)
    assert caught.value.line == 3
    assert Path(str(caught.value.path)).name == "sectors.tsv"
