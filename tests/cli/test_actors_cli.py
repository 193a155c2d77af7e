"""`flashpoint actors resolve|list|check` end to end on the packaged tables (no spaCy model needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flashpoint.cli import app

runner = CliRunner()
PEOPLE_HEADER = "person_id\tname\taliases\tcountry\trole\tcode\tstart\tend"


def _lines(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def _user_file(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "actors.tsv"
    path.write_text("\n".join([PEOPLE_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


# ------------------------------------------------------------------------------ resolve


def test_actors_resolve_prints_record() -> None:
    result = runner.invoke(app, ["actors", "resolve", "the Russian president", "--date", "2022-02-15"])
    assert result.exit_code == 0, result.output
    assert _lines(result.stdout) == [{
        "text": "the Russian president", "code": "RUSGOV", "country": "RUS", "sector": "GOV",
        "name": "Vladimir Putin", "valid_from": "2012-05-07", "valid_to": None, "matched_by": "title+date",
    }]


def test_actors_resolve_unknown_is_code_null() -> None:
    result = runner.invoke(app, ["actors", "resolve", "the weather"])
    assert result.exit_code == 0
    record = _lines(result.stdout)[0]
    assert (record["text"], record["code"], record["matched_by"]) == ("the weather", None, None)


def test_actors_resolve_table_format() -> None:
    result = runner.invoke(app, ["actors", "resolve", "Stoltenberg", "--date", "2016-06-01", "--format", "table"])
    assert result.exit_code == 0
    header, row = result.stdout.splitlines()
    assert header.split() == ["text", "code", "country", "sector", "name", "valid_from", "valid_to", "matched_by"]
    assert row.split() == ["Stoltenberg", "IGOWSTNAT", "-", "-", "Jens", "Stoltenberg", "2014-10-01", "2024-10-01", "person"]


def test_actors_resolve_input_keeps_order_and_reports_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "mentions.jsonl"
    path.write_text(
        json.dumps({"text": "Merkel", "date": "2021-12-07"}) + "\n"
        + '{"text": "broken\n'
        + json.dumps({"text": "Merkel", "date": "2021-12-09"}) + "\n"
        + json.dumps({"text": "Mr Nobody"}) + "\n"
        + json.dumps({"text": "Kyiv"}) + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["actors", "resolve", "--input", str(path), "--date", "2022-02-15"])
    assert result.exit_code == 0
    assert [(r["text"], r["code"]) for r in _lines(result.stdout)] == [
        ("Merkel", "DEUGOV"), ("Merkel", "DEUELI"), ("Mr Nobody", None), ("Kyiv", "UKRGOV"),
    ]
    assert result.stderr.splitlines()[0].startswith(f"error: {path}:2: invalid JSON")


def test_actors_resolve_input_with_only_bad_lines_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"txt": "Putin"}\n', encoding="utf-8")
    result = runner.invoke(app, ["actors", "resolve", "--input", str(path)])
    assert result.exit_code == 1
    assert f'{path}:1: needs a "text" string' in result.stderr


@pytest.mark.parametrize("with_text", [False, True])
def test_actors_resolve_needs_text_or_input(tmp_path: Path, with_text: bool) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"text": "Putin"}) + "\n", encoding="utf-8")
    args = ["Putin", "--input", str(path)] if with_text else []
    result = runner.invoke(app, ["actors", "resolve", *args])
    assert result.exit_code == 2
    assert "give either a TEXT to resolve or --input FILE.jsonl" in result.stderr


# ------------------------------------------------------------------------------ user files


def test_actors_user_file_overrides_builtin_president(tmp_path: Path) -> None:
    path = _user_file(tmp_path, [
        "marin_ada\tAda Marin\tMarin\tFRA\tpresident\tFRAGOV\t2030-01-01\t",
        "zelensky_volodymyr\tVolodymyr Zelenskyy\tZelenskyy|Ze\tUKR\tpresident\tUKRGOV\t2019-05-20\t",
    ])
    texts = ["the French president", "Marin", "Macron", "Ze"]
    lines = "".join(json.dumps({"text": t, "date": "2030-06-01"}) + "\n" for t in texts)
    (tmp_path / "in.jsonl").write_text(lines, encoding="utf-8")
    result = runner.invoke(app, ["actors", "resolve", "--input", str(tmp_path / "in.jsonl"), "--actors", str(path)])
    assert result.exit_code == 0, result.output
    assert [(r["code"], r["name"], r["matched_by"]) for r in _lines(result.stdout)] == [
        ("FRAGOV", "Ada Marin", "title+date"),
        ("FRAGOV", "Ada Marin", "person"),
        ("FRAELI", "Emmanuel Macron", "person"),  # his open term ends when the user's begins
        ("UKRGOV", "Volodymyr Zelenskyy", "person"),
    ]


def test_actors_user_file_from_environment(tmp_path: Path) -> None:
    path = _user_file(tmp_path, ["marin_ada\tAda Marin\tMarin\tFRA\tpresident\tFRAGOV\t2030-01-01\t"])
    result = runner.invoke(
        app, ["actors", "resolve", "Marin", "--date", "2030-06-01"], env={"FLASHPOINT_ACTORS": str(path)}
    )
    assert _lines(result.stdout)[0]["code"] == "FRAGOV"


def test_actors_without_user_file_keeps_builtin() -> None:
    result = runner.invoke(app, ["actors", "resolve", "the French president", "--date", "2022-06-01"])
    assert _lines(result.stdout)[0]["name"] == "Emmanuel Macron"


def test_actors_missing_user_file_is_one_line_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.tsv"
    result = runner.invoke(app, ["actors", "resolve", "Putin", "--actors", str(missing)])
    assert result.exit_code == 1
    assert result.stderr == f"error: --actors={str(missing)!r}: no such file (a user actor table, TSV)\n"


def test_actors_broken_user_file_fails_load_with_line(tmp_path: Path) -> None:
    path = _user_file(tmp_path, ["x_y\tX Y\t\tFRA\tpresident\tFRAGOV\t2030-01-01\t2029-01-01"])
    result = runner.invoke(app, ["actors", "resolve", "Putin", "--actors", str(path)])
    assert result.exit_code == 1
    assert result.stderr == f"error: {path}:2: end 2029-01-01 is before start 2030-01-01\n"


# ------------------------------------------------------------------------------ check


def test_actors_check_broken_file_lists_problems(tmp_path: Path) -> None:
    path = _user_file(tmp_path, [
        "a_b\tA B\t\tFRA\tpresident\tFRAGOV\t2030-01-01\t2034-01-01",
        "c_d\tC D\t\tATL\tpresident\tATLGOV\t2030-01-01\t",
        "e_f\tE F\t\tFRA\tprime_minister\tFRAGOV\t01/02/2030\t",
        "g_h\tG H\t\tFRA\tpresident\tFRAGOV\t2033-01-01\t2036-01-01",
    ])
    result = runner.invoke(app, ["actors", "check", str(path)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:3: unknown country 'ATL': not in countries.tsv",
        f"{path}:4: start '01/02/2030' is not an ISO 8601 date (YYYY-MM-DD)",
        f"{path}:5: overlapping same-office terms: A B from 2030-01-01 to 2034-01-01 (line 2) and G H from 2033-01-01",
    ]


def test_actors_check_good_file(tmp_path: Path) -> None:
    path = _user_file(tmp_path, ["a_b\tA B\tAB\tFRA\tpresident\tFRAGOV\t2030-01-01\t"])
    result = runner.invoke(app, ["actors", "check", str(path)])
    assert (result.exit_code, result.stdout) == (0, "ok: 1 rows\n")


def test_actors_check_bad_header(tmp_path: Path) -> None:
    path = tmp_path / "x.tsv"
    path.write_text("name\tcountry\nA\tFRA\n", encoding="utf-8")
    result = runner.invoke(app, ["actors", "check", str(path)])
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{path}:1: a user actor file needs a header row")


# ------------------------------------------------------------------------------ list


def test_actors_list_country_and_date() -> None:
    result = runner.invoke(app, ["actors", "list", "--country", "NOR", "--date", "2010-01-01", "--format", "jsonl"])
    assert result.exit_code == 0
    records = _lines(result.stdout)
    people = [(r["name"], r["role"], r["valid_from"]) for r in records if r["kind"] == "person"]
    assert ("Jens Stoltenberg", "prime_minister", "2005-10-17") in people
    assert all(r["country"] == "NOR" for r in records)
    assert records[0]["kind"] == "country" and records[0]["code"] == "NOR"
    assert {r["kind"] for r in records} <= {"country", "institution", "org", "person"}


def test_actors_list_date_drops_people_out_of_office() -> None:
    result = runner.invoke(app, ["actors", "list", "--country", "DEU", "--date", "2022-06-01", "--format", "jsonl"])
    names = {r["name"] for r in _lines(result.stdout) if r["kind"] == "person"}
    assert "Olaf Scholz" in names and "Angela Merkel" not in names


def test_actors_list_table_header() -> None:
    result = runner.invoke(app, ["actors", "list", "--country", "RUS"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].split() == [
        "code", "kind", "name", "country", "sector", "role", "valid_from", "valid_to",
    ]


def test_actors_list_unknown_country_exits_1() -> None:
    result = runner.invoke(app, ["actors", "list", "--country", "ATL"])
    assert result.exit_code == 1
    assert result.stderr == "error: unknown country code 'ATL': use a code from countries.tsv, e.g. RUS\n"


# ------------------------------------------------------------------------------ --actors on `code`


@pytest.mark.model
def test_code_uses_user_actor_file(tmp_path: Path, coder) -> None:  # coder: load the pipeline once
    path = _user_file(tmp_path, ["marin_ada\tAda Marin\tMarin\tFRA\tpresident\tFRAGOV\t2030-01-01\t"])
    text = "President Ada Marin condemned Germany on Monday."
    result = runner.invoke(app, ["code", "-", "--date", "2030-06-01", "--format", "jsonl", "--actors", str(path)], input=text)
    assert result.exit_code == 0, result.output
    sources = [(e["source"]["text"], e["source"]["code"]) for e in _lines(result.stdout)]
    assert sources == [("President Ada Marin", "FRAGOV")]


def test_code_missing_user_actor_file_exits_1(tmp_path: Path) -> None:
    missing = tmp_path / "nope.tsv"
    result = runner.invoke(app, ["code", "-", "--actors", str(missing)], input="Chad protested.")
    assert result.exit_code == 1
    assert result.stderr == f"error: --actors={str(missing)!r}: no such file (a user actor table, TSV)\n"
