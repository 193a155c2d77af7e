"""User actor files laid over the actor tables: merge precedence, validation, check, settings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from flashpoint.actors import ActorResolver
from flashpoint.config import Settings
from flashpoint.errors import ConfigError, GazetteerError
from flashpoint.resources import load_resources
from flashpoint.resources.gazetteer import check_actors_file, load_gazetteer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "data"
PEOPLE_HEADER = "person_id\tname\taliases\tcountry\trole\tcode\tstart\tend"
ORG_HEADER = "code\tname\taliases\tkind\tcountry\tsector"


def _user_file(tmp_path: Path, rows: list[str], header: str = PEOPLE_HEADER) -> Path:
    path = tmp_path / "my_actors.tsv"
    path.write_text("\n".join(["# my additions", header, *rows]) + "\n", encoding="utf-8")
    return path


def _resolver(path: Path) -> ActorResolver:
    return ActorResolver(load_gazetteer(FIXTURES, path))


# ------------------------------------------------------------------------------ precedence


@pytest.mark.parametrize(
    ("on", "name", "valid_to"),
    [
        (date(2029, 12, 31), "Friedrich Merz", date(2030, 1, 1)),  # the built-in term now ends
        (date(2030, 1, 1), "Ada Vogel", None),  # handover day: the incoming (user) holder
        (date(2031, 6, 1), "Ada Vogel", None),
    ],
)
def test_user_office_holder_overrides_builtin(tmp_path: Path, on: date, name: str, valid_to: date | None) -> None:
    path = _user_file(tmp_path, ["vogel_ada\tAda Vogel\tVogel\tDEU\tchancellor\tDEUGOV\t2030-01-01\t"])
    holder = load_gazetteer(FIXTURES, path).holder("DEU", "chancellor", on)
    assert holder is not None
    assert (holder.name, holder.valid_to) == (name, valid_to)


def test_user_office_holder_in_mid_term_splits_builtin_term(tmp_path: Path) -> None:
    path = _user_file(tmp_path, ["x_y\tXaver Ypsilon\t\tDEU\tchancellor\tDEUGOV\t2010-01-01\t2011-01-01"])
    gazetteer = load_gazetteer(FIXTURES, path)
    merkel = [(e.valid_from, e.valid_to) for e in gazetteer.lookup("Merkel", date(2005, 12, 1))]
    assert merkel == [(date(2005, 11, 22), date(2010, 1, 1)), (date(2011, 1, 1), date(2021, 12, 8))]
    assert gazetteer.holder("DEU", "chancellor", date(2010, 6, 1)).name == "Xaver Ypsilon"  # type: ignore[union-attr]


def test_user_person_row_renames_and_replaces_aliases(tmp_path: Path) -> None:
    path = _user_file(tmp_path, ["merkel_angela\tA. Merkel\tMutti\tDEU\tchancellor\tDEUGOV\t2005-11-22\t2021-12-08"])
    resolver = _resolver(path)
    actor = resolver.resolve("Mutti", date(2010, 1, 1))
    assert actor is not None
    assert (actor.code, actor.name, actor.valid_from) == ("DEUGOV", "A. Merkel", date(2005, 11, 22))
    # The packaged forms of that person are replaced, not kept beside the user's.
    assert resolver.resolve("Angela Merkel", date(2010, 1, 1)) is None


def test_user_alias_is_taken_from_builtin_person(tmp_path: Path) -> None:
    path = _user_file(tmp_path, ["scholz_hanna\tHanna Scholz\tScholz\tNOR\tprime_minister\tNORGOV\t2014-01-01\t2015-01-01"])
    actor = _resolver(path).resolve("Scholz", date(2022, 1, 1))
    assert actor is not None
    assert (actor.code, actor.name) == ("NORELI", "Hanna Scholz")


def test_user_row_for_new_person_adds_without_removing(tmp_path: Path) -> None:
    path = _user_file(tmp_path, ["berg_ola\tOla Berg\tBerg\tNOR\tforeign_minister\tNORGOV\t2020-01-01\t"])
    resolver = _resolver(path)
    assert resolver.resolve("Ola Berg", date(2021, 1, 1)).code == "NORGOV"  # type: ignore[union-attr]
    assert resolver.resolve("Merkel", date(2010, 1, 1)).code == "DEUGOV"  # type: ignore[union-attr]


def test_user_organisation_row_replaces_builtin(tmp_path: Path) -> None:
    path = _user_file(
        tmp_path,
        ["IGOWSTNAT\tThe Alliance\tNATO|Atlantic Alliance\tigo\t\t", "NORNGOXYZ\tFjord Watch\t\tngo\tNOR\tNGO"],
        ORG_HEADER,
    )
    resolver = _resolver(path)
    assert [(a.code, a.name) for a in (resolver.resolve("Atlantic Alliance"), resolver.resolve("Fjord Watch"))] == [  # type: ignore[union-attr]
        ("IGOWSTNAT", "The Alliance"), ("NORNGOXYZ", "Fjord Watch"),
    ]
    assert resolver.resolve("North Atlantic Treaty Organization") is None


def test_user_file_absent_changes_nothing() -> None:
    plain, same = load_gazetteer(FIXTURES), load_gazetteer(FIXTURES, None)
    assert plain.entries() == same.entries()


# ------------------------------------------------------------------------------ validation


@pytest.mark.parametrize(
    ("rows", "message", "line"),
    [
        (["a_b\tA B\t\tDEU\tchancellor\tDEUGOV\t2030-02-30\t"], "start '2030-02-30' is not a valid date: day is out of range for month", 3),
        (["a_b\tA B\t\tDEU\tchancellor\tDEUGOV\t2030-01-01\t2029-01-01"], "end 2029-01-01 is before start 2030-01-01", 3),
        (["a_b\tA B\t\tFRA\tpresident\tFRAGOV\t2030-01-01\t"], "unknown country 'FRA': not in countries.tsv", 3),
        (
            ["a_b\tA B\t\tDEU\tpresident\tDEUGOV\t2030-01-01\t2034-01-01",
             "a_b\tA B\t\tUKR\tpresident\tUKRGOV\t2033-01-01\t2035-01-01"],
            "overlapping same-person terms: A B from 2030-01-01 to 2034-01-01 (line 3) and A B from 2033-01-01", 4,
        ),
    ],
)
def test_user_file_bad_row_is_line_numbered(tmp_path: Path, rows: list[str], message: str, line: int) -> None:
    path = _user_file(tmp_path, rows)
    with pytest.raises(GazetteerError) as caught:
        load_gazetteer(FIXTURES, path)
    assert str(caught.value) == f"{path}:{line}: {message}"
    assert (caught.value.path, caught.value.line) == (path, line)


def test_user_file_without_known_header_is_rejected(tmp_path: Path) -> None:
    path = _user_file(tmp_path, ["x\ty"], header="who\twhat")
    with pytest.raises(GazetteerError, match="needs a header row") as caught:
        load_gazetteer(FIXTURES, path)
    assert caught.value.line == 1


def test_check_actors_file_reports_every_problem(tmp_path: Path) -> None:
    path = _user_file(tmp_path, [
        "a_b\tA B\t\tDEU\tchancellor\tDEUGOV\t2030-01-01\t2032-06-01",
        "c_d\tC D\t\tXXX\tpresident\tXXXGOV\t2030-01-01\t",
        "e_f\tE F\t\tDEU\tpresident\tDEUGOV\t2031-01-01\t2030-06-01",
        "a_b\tA B\t\tDEU\tchancellor\tDEUGOV\t2031-01-01\t2032-01-01",
    ])
    rows, problems = check_actors_file(path, FIXTURES)
    assert rows == 4
    assert [str(p) for p in problems] == [
        f"{path}:4: unknown country 'XXX': not in countries.tsv",
        f"{path}:5: end 2030-06-01 is before start 2031-01-01",
        f"{path}:6: overlapping same-person terms: A B from 2030-01-01 to 2032-06-01 (line 3) and A B from 2031-01-01",
    ]


def test_check_actors_file_clean(tmp_path: Path) -> None:
    path = _user_file(tmp_path, ["a_b\tA B\tAB\tDEU\tchancellor\tDEUGOV\t2030-01-01\t"])
    assert check_actors_file(path, FIXTURES) == (1, [])


# ------------------------------------------------------------------------------ settings and cache


def test_settings_actors_file_from_env(tmp_path: Path) -> None:
    path = _user_file(tmp_path, [])
    assert Settings.from_env({"FLASHPOINT_ACTORS": str(path)}).actors_file == path


@pytest.mark.parametrize(
    ("environ", "overrides", "message"),
    [
        ({"FLASHPOINT_ACTORS": "/nonexistent/actors.tsv"}, {}, "FLASHPOINT_ACTORS='/nonexistent/actors.tsv': no such file"),
        ({}, {"actors_file": Path("/nonexistent/actors.tsv")}, "--actors='/nonexistent/actors.tsv': no such file"),
    ],
)
def test_settings_missing_actors_file_is_config_error(
    environ: dict[str, str], overrides: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.from_env(environ, **overrides)


def test_load_resources_cache_key_includes_actors_file(tmp_path: Path) -> None:
    path = _user_file(tmp_path, ["a_b\tA B\tAB\tNOR\tprime_minister\tNORGOV\t2030-01-01\t"])
    plain = load_resources(FIXTURES.parent / "no_such_dir")
    with_user = load_resources(FIXTURES.parent / "no_such_dir", path)
    assert plain is not with_user
    assert load_resources(FIXTURES.parent / "no_such_dir", path) is with_user
    # data_dir is absent, so the packaged tables load; only the user row differs.
    assert with_user.gazetteer.holder("NOR", "prime_minister", date(2031, 1, 1)).name == "A B"  # type: ignore[union-attr]
    before = plain.gazetteer.holder("NOR", "prime_minister", date(2031, 1, 1))
    assert (before.name if before else None) != "A B"
