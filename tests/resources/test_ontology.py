"""Tests for flashpoint.resources.ontology: the packaged CAMEO/PLOVER tables and their validation."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from flashpoint.errors import NotFound, OntologyError
from flashpoint.resources.ontology import CameoCode, Ontology, load_ontology

# --- the packaged tables ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def ontology() -> Ontology:
    return load_ontology()


def test_ontology_packaged_counts(ontology: Ontology) -> None:
    levels = [entry.level for entry in ontology]
    assert len(ontology) == 311
    assert levels.count("root") == 20
    assert levels.count("base") == 147
    assert levels.count("sub") == 144


def test_ontology_goldstein_table_is_declared(ontology: Ontology) -> None:
    assert ontology.goldstein_table == "GDELT CAMEO.goldsteinscale.txt"


@pytest.mark.parametrize(
    ("code", "name", "root", "level", "goldstein", "quad_class"),
    [
        ("01", "Make public statement", "01", "root", 0.0, 1),
        ("010", "Make statement", "01", "base", 0.0, 1),
        ("016", "Deny responsibility", "01", "base", -2.0, 1),
        ("0211", "Appeal for economic cooperation", "02", "sub", 3.4, 1),
        ("057", "Sign formal agreement", "05", "base", 8.0, 1),
        ("0874", "Retreat or surrender militarily", "08", "sub", 10.0, 2),
        ("105", "Demand that target yields", "10", "base", -5.0, 3),
        ("1122", "Accuse of human rights abuses", "11", "sub", -2.0, 3),
        ("13", "Threaten", "13", "root", -6.0, 3),
        ("130", "Threaten", "13", "base", -4.4, 3),
        ("141", "Demonstrate or rally", "14", "base", -6.5, 3),
        ("1823", "Kill by physical assault", "18", "sub", -10.0, 4),
        ("190", "Use conventional military force", "19", "base", -10.0, 4),
        ("2042", "Detonate nuclear weapons", "20", "sub", -10.0, 4),
    ],
)
def test_ontology_get_known_values(
    ontology: Ontology, code: str, name: str, root: str, level: str, goldstein: float, quad_class: int
) -> None:
    entry = ontology.get(code)
    assert (entry.code, entry.name, entry.root, entry.level) == (code, name, root, level)
    assert entry.goldstein == goldstein
    assert entry.quad_class == quad_class


@pytest.mark.parametrize(
    ("root", "quad_class"),
    [(f"{r:02d}", 1) for r in range(1, 6)]
    + [(f"{r:02d}", 2) for r in range(6, 9)]
    + [(f"{r:02d}", 3) for r in range(9, 15)]
    + [(f"{r:02d}", 4) for r in range(15, 21)],
)
def test_ontology_quad_class_follows_gdelt_root_convention(
    ontology: Ontology, root: str, quad_class: int
) -> None:
    under_root = [entry for entry in ontology if entry.root == root]
    assert len(under_root) > 1
    assert {entry.quad_class for entry in under_root} == {quad_class}


def test_ontology_codes_keep_leading_zeros(ontology: Ontology) -> None:
    assert "010" in ontology
    assert ontology.get("10").name == "Demand"
    assert "0211" in ontology
    assert "211" not in ontology
    assert 10 not in ontology
    assert all(isinstance(code, str) for code in ontology.codes())


@pytest.mark.parametrize(
    ("code", "parent"), [("0874", "087"), ("1122", "112"), ("2042", "204"), ("087", "08"), ("08", None)]
)
def test_ontology_parent_exists(ontology: Ontology, code: str, parent: str | None) -> None:
    assert ontology.get(code).parent == parent
    if parent is not None:
        assert parent in ontology


def test_ontology_every_sub_code_has_its_parent(ontology: Ontology) -> None:
    subs = [entry for entry in ontology if entry.level == "sub"]
    assert [entry.code for entry in subs if entry.code[:3] not in ontology] == []


def test_ontology_iterates_in_code_order(ontology: Ontology) -> None:
    codes = [entry.code for entry in ontology]
    assert codes == sorted(codes)
    assert codes[:3] == ["01", "010", "011"]
    assert codes[-1] == "2042"


def test_ontology_codes_match_iteration(ontology: Ontology) -> None:
    assert ontology.codes() == frozenset(entry.code for entry in ontology)


@pytest.mark.parametrize(
    ("code", "event", "mode"),
    [
        ("010", None, None),  # CAMEO 01 statements: dropped by PLOVER
        ("021", None, None),
        ("0211", None, None),  # inherited from 021
        ("036", "AGREE", None),
        ("042", "CONSULT", "visit"),
        ("064", "COOPERATE", None),  # the source table's "COOPERATION", renamed
        ("081", "CONCEDE", None),
        ("0813", "RETREAT", None),
        ("0841", "RETREAT", None),
        ("091", "INVESTIGATE", None),
        ("1053", "DEMAND", None),
        ("111", "DISAPPROVE", None),
        ("1124", "DISAPPROVE", None),
        ("1246", "REJECT", None),
        ("1384", "THREATEN", "violence"),
        ("1411", "PROTEST", "demonstrate"),
        ("154", "MOBILIZE", "troops"),
        ("163", "SANCTION", None),
        ("173", "COERCE", "arrest"),
        ("175", "ASSAULT", "violence"),
        ("185", "ASSAULT", "assassinate"),  # hand edit: THREATEN in the source
        ("190", "ASSAULT", None),
        ("191", "COERCE", "restrict"),
        ("2041", "ASSAULT", "heavy-weapons"),
        ("19", None, None),  # roots carry no mapping
    ],
)
def test_ontology_plover_mapping(ontology: Ontology, code: str, event: str | None, mode: str | None) -> None:
    entry = ontology.get(code)
    assert (entry.plover_event, entry.plover_mode) == (event, mode)


def test_ontology_only_statements_appeals_and_roots_lack_plover(ontology: Ontology) -> None:
    unmapped = {entry.code for entry in ontology if entry.plover_event is None}
    expected = {entry.code for entry in ontology if entry.level == "root" or entry.root in ("01", "02")}
    assert unmapped == expected
    assert len(unmapped) == 57


@pytest.mark.parametrize(
    ("event", "quad_class"), [("AGREE", 1), ("INVESTIGATE", 2), ("SANCTION", 3), ("ASSAULT", 4)]
)
def test_ontology_plover_category_quad_class(ontology: Ontology, event: str, quad_class: int) -> None:
    assert ontology.plover(event).quad_class == quad_class


def test_ontology_plover_categories_cover_every_mapped_event(ontology: Ontology) -> None:
    categories = {category.event for category in ontology.plover_categories()}
    mapped = {entry.plover_event for entry in ontology if entry.plover_event is not None}
    assert len(categories) == 18
    assert mapped == categories - {"CRIME"}


def test_ontology_root_name(ontology: Ontology) -> None:
    assert ontology.root_name("19") == "Fight"
    assert ontology.root_name("08") == "Yield"


@pytest.mark.parametrize("root", ["190", "21", "8"])
def test_ontology_root_name_unknown_raises(ontology: Ontology, root: str) -> None:
    with pytest.raises(NotFound) as excinfo:
        ontology.root_name(root)
    assert (excinfo.value.kind, excinfo.value.id) == ("CAMEO root", root)


@pytest.mark.parametrize("code", ["999", "10 ", "0", ""])
def test_ontology_get_unknown_raises_not_found(ontology: Ontology, code: str) -> None:
    with pytest.raises(NotFound) as excinfo:
        ontology.get(code)
    assert (excinfo.value.kind, excinfo.value.id) == ("CAMEO code", code)


def test_ontology_plover_unknown_raises_not_found(ontology: Ontology) -> None:
    with pytest.raises(NotFound) as excinfo:
        ontology.plover("FIGHT")
    assert (excinfo.value.kind, excinfo.value.id) == ("PLOVER category", "FIGHT")


def test_ontology_entries_are_frozen(ontology: Ontology) -> None:
    entry = ontology.get("190")
    with pytest.raises(AttributeError):
        entry.goldstein = 0.0  # type: ignore[misc]
    assert isinstance(entry, CameoCode)


# --- tiny tables in tmp_path, passed as data_dir -------------------------------------------------

CAMEO_HEADER = "code\tname\troot\tlevel\tgoldstein\tquad_class"
CAMEO_ROWS = [
    "01\tMake public statement\t01\troot\t0.0\t1",  # line 2
    "010\tMake statement\t01\tbase\t0.0\t1",  # line 3
    "18\tAssault\t18\troot\t-9.0\t4",  # line 4
    "180\tUse unconventional violence\t18\tbase\t-9.0\t4",  # line 5
    "182\tPhysically assault\t18\tbase\t-9.5\t4",  # line 6
    "1821\tSexually assault\t18\tsub\t-9.0\t4",  # line 7
    "1822\tTorture\t18\tsub\t-9.0\t4",  # line 8
]
PLOVER_HEADER = "event\tdefinition\tquad_class"
PLOVER_ROWS = ["ASSAULT\tUse violence\t4"]  # line 2
MAPPING_HEADER = "cameo\tplover_event\tplover_mode"
MAPPING_ROWS = [
    "010\tdropped\t",  # line 2
    "180\tASSAULT\t",  # line 3
    "182\tASSAULT\tbeat",  # line 4
    "1821\tASSAULT\tsexual",  # line 5; 1822 has no row and inherits 182's
]


def write_ontology(
    data_dir: Path,
    cameo: Sequence[str] = CAMEO_ROWS,
    plover: Sequence[str] = PLOVER_ROWS,
    mapping: Sequence[str] = MAPPING_ROWS,
    cameo_comments: Sequence[str] = (),
) -> Path:
    folder = data_dir / "ontology"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cameo.tsv").write_text("\n".join([*cameo_comments, CAMEO_HEADER, *cameo]) + "\n", encoding="utf-8")
    (folder / "plover.tsv").write_text("\n".join([PLOVER_HEADER, *plover]) + "\n", encoding="utf-8")
    (folder / "cameo_plover.tsv").write_text("\n".join([MAPPING_HEADER, *mapping]) + "\n", encoding="utf-8")
    return data_dir


def test_load_ontology_data_dir_replaces_packaged_tables(tmp_path: Path) -> None:
    ontology = load_ontology(write_ontology(tmp_path))
    assert [entry.code for entry in ontology] == ["01", "010", "18", "180", "182", "1821", "1822"]
    assert ontology.get("182").goldstein == -9.5


def test_load_ontology_sub_code_inherits_parent_mapping(tmp_path: Path) -> None:
    ontology = load_ontology(write_ontology(tmp_path))
    assert (ontology.get("1822").plover_event, ontology.get("1822").plover_mode) == ("ASSAULT", "beat")
    assert (ontology.get("1821").plover_event, ontology.get("1821").plover_mode) == ("ASSAULT", "sexual")
    assert ontology.get("010").plover_event is None


def test_load_ontology_reads_declared_goldstein_table(tmp_path: Path) -> None:
    comments = ["# a note", "# goldstein_table: my own weights"]
    assert load_ontology(write_ontology(tmp_path, cameo_comments=comments)).goldstein_table == "my own weights"
    assert load_ontology(write_ontology(tmp_path / "bare")).goldstein_table == "undeclared"


def test_load_ontology_empty_data_dir_uses_packaged_tables(tmp_path: Path) -> None:
    assert len(load_ontology(tmp_path)) == 311


def replace(rows: list[str], old: str, new: str) -> list[str]:
    assert old in rows
    return [new if row == old else row for row in rows]


@pytest.mark.parametrize(
    ("cameo", "line", "message"),
    [
        (replace(CAMEO_ROWS, CAMEO_ROWS[3], "1x0\tBad\t1x\tbase\t-9.0\t4"), 5, "must be 2, 3 or 4 digits"),
        (replace(CAMEO_ROWS, CAMEO_ROWS[3], "18000\tLong\t18\tsub\t-9.0\t4"), 5, "must be 2, 3 or 4 digits"),
        ([*CAMEO_ROWS, "180\tAgain\t18\tbase\t-9.0\t4"], 9, "duplicate code '180' (first on line 5)"),
        (replace(CAMEO_ROWS, CAMEO_ROWS[3], "180\tViolence\t19\tbase\t-9.0\t4"), 5, "must be '18'"),
        (replace(CAMEO_ROWS, CAMEO_ROWS[3], "180\tViolence\t18\tsub\t-9.0\t4"), 5, "a 3-digit code is 'base'"),
        (replace(CAMEO_ROWS, CAMEO_ROWS[3], "180\tViolence\t18\tbase\t-11.0\t4"), 5, "outside [-10, 10]"),
        (replace(CAMEO_ROWS, CAMEO_ROWS[3], "180\tViolence\t18\tbase\tnan\t4"), 5, "outside [-10, 10]"),
        (replace(CAMEO_ROWS, CAMEO_ROWS[3], "180\tViolence\t18\tbase\theavy\t4"), 5, "not a number"),
        (replace(CAMEO_ROWS, CAMEO_ROWS[3], "180\tViolence\t18\tbase\t-9.0\t5"), 5, "must be 1, 2, 3 or 4"),
        (replace(CAMEO_ROWS, CAMEO_ROWS[3], "180\tViolence\t18\tbase\t-9.0\t3"), 5, "root '18' (line 4) has 4"),
        (replace(CAMEO_ROWS, CAMEO_ROWS[3], "180\t\t18\tbase\t-9.0\t4"), 5, "has no name"),
        ([*CAMEO_ROWS, "1831\tSuicide bombing\t18\tsub\t-10.0\t4"], 9, "'183' is not in the table"),
        ([row for row in CAMEO_ROWS if not row.startswith("18\t")], 4, "'18' is not in the table"),
    ],
)
def test_load_ontology_rejects_bad_cameo_row(tmp_path: Path, cameo: list[str], line: int, message: str) -> None:
    with pytest.raises(OntologyError) as excinfo:
        load_ontology(write_ontology(tmp_path, cameo=cameo))
    assert excinfo.value.line == line
    assert excinfo.value.path == tmp_path / "ontology" / "cameo.tsv"
    assert message in str(excinfo.value)


@pytest.mark.parametrize(
    ("mapping", "line", "message"),
    [
        ([*MAPPING_ROWS, "183\tASSAULT\t"], 6, "CAMEO code '183' is not in cameo.tsv"),
        ([*MAPPING_ROWS, "18\tASSAULT\t"], 6, "root code '18' cannot be mapped"),
        (replace(MAPPING_ROWS, "180\tASSAULT\t", "180\tFIGHT\t"), 3, "unknown PLOVER category 'FIGHT'"),
        (replace(MAPPING_ROWS, "180\tASSAULT\t", "180\t\t"), 3, "write 'dropped'"),
        (replace(MAPPING_ROWS, "010\tdropped\t", "010\tdropped\tverbal"), 2, "has mode 'verbal'"),
        ([*MAPPING_ROWS, "182\tASSAULT\t"], 6, "duplicate mapping for '182' (first on line 4)"),
    ],
)
def test_load_ontology_rejects_bad_mapping_row(
    tmp_path: Path, mapping: list[str], line: int, message: str
) -> None:
    with pytest.raises(OntologyError) as excinfo:
        load_ontology(write_ontology(tmp_path, mapping=mapping))
    assert excinfo.value.line == line
    assert excinfo.value.path == tmp_path / "ontology" / "cameo_plover.tsv"
    assert message in str(excinfo.value)


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ([row for row in MAPPING_ROWS if not row.startswith("180\t")], "'180' (cameo.tsv line 5) has no PLOVER"),
        ([row for row in MAPPING_ROWS if not row.startswith("182\t")], "'182' (cameo.tsv line 6) has no PLOVER"),
    ],
)
def test_load_ontology_rejects_code_without_mapping(tmp_path: Path, mapping: list[str], message: str) -> None:
    with pytest.raises(OntologyError) as excinfo:
        load_ontology(write_ontology(tmp_path, mapping=mapping))
    assert excinfo.value.path == tmp_path / "ontology" / "cameo_plover.tsv"
    assert message in str(excinfo.value)


def test_load_ontology_rejects_sub_code_whose_parent_lacks_mapping(tmp_path: Path) -> None:
    # 1822 listed before 182, so it is resolved first and cannot lean on 182's own check.
    cameo = [*CAMEO_ROWS[:4], CAMEO_ROWS[6], CAMEO_ROWS[4], CAMEO_ROWS[5]]
    mapping = [row for row in MAPPING_ROWS if not row.startswith("182\t")]
    with pytest.raises(OntologyError) as excinfo:
        load_ontology(write_ontology(tmp_path, cameo=cameo, mapping=mapping))
    assert excinfo.value.path == tmp_path / "ontology" / "cameo_plover.tsv"
    expected = "'1822' (cameo.tsv line 6) has no PLOVER mapping, and neither has its parent '182'"
    assert expected in str(excinfo.value)


@pytest.mark.parametrize(
    ("plover", "line", "message"),
    [
        (["ASSAULT\tUse violence\t4", "ASSAULT\tAgain\t4"], 3, "duplicate PLOVER category 'ASSAULT'"),
        (["ASSAULT\tUse violence\t0"], 2, "must be 1, 2, 3 or 4"),
        (["assault\tUse violence\t4"], 2, "must be an upper-case word"),
    ],
)
def test_load_ontology_rejects_bad_plover_row(tmp_path: Path, plover: list[str], line: int, message: str) -> None:
    with pytest.raises(OntologyError) as excinfo:
        load_ontology(write_ontology(tmp_path, plover=plover))
    assert excinfo.value.line == line
    assert message in str(excinfo.value)
