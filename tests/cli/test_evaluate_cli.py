"""`flashpoint evaluate`: article gold (--articles with --events or --input), several sentence
gold files, errors and exit codes. Gold and sentences are written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flashpoint.cli import app

runner = CliRunner()

SHELLED = "Ruritania's army shelled the border town on Monday."
CALLED = "Borduria’s foreign minister called the shelling “a crime”."


def _gold_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "gold"
    folder.mkdir()
    gold = {
        "article": "ruritania-1",
        "date": "2026-11-30",
        "required": [
            {"id": "R1", "sentence_has": ["army shelled the border town"], "source": ["RUR"], "target": None,
             "root": ["19"], "note": "Ruritania shells a Bordurian town"},
            {"id": "R2", "sentence_has": ["Borduria's foreign minister called"], "source": ["BOR"], "target": ["RUR"],
             "root": ["11"], "note": "Borduria denounces the shelling"},
        ],
        "optional": [],
        "forbidden_current": [],
        "background": [],
    }  # fmt: skip
    (folder / "ruritania-1.json").write_text(json.dumps(gold), encoding="utf-8")
    return folder


def _events(tmp_path: Path) -> Path:
    def event(sentence: str, cameo: str, source: str, target: str) -> dict[str, object]:
        return {"type": "event", "article_id": "ruritania-1", "sentence": sentence, "cameo": cameo, "root": cameo[:2],
                "source": {"code": source, "country": None}, "target": {"code": target, "country": None},
                "mode": "asserted", "background": False, "event_date": "2026-11-30", "rule": "test"}  # fmt: skip

    path = tmp_path / "events.jsonl"
    lines = [event(SHELLED, "190", "RURMIL", "BORMIL"), event(CALLED, "042", "BORGOV", "RURGOV")]
    path.write_text("".join(json.dumps(e) + "\n" for e in lines), encoding="utf-8")
    return path


def test_evaluate_articles_events_prints_lines_and_total(tmp_path: Path) -> None:
    result = runner.invoke(app, ["evaluate", "--articles", str(_gold_dir(tmp_path)), "--events", str(_events(tmp_path))])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"{'ruritania-1':34} required  1/ 2  FP  1  forbidden 0  background 0/0  precision~ 0.50  recall 0.50",
        "articles: 1 articles, required 1/2 (recall 0.50), 1 false positives (0.50 per required), precision~ 0.50, "
        "0 forbidden, background 0/0",
    ]


def test_evaluate_articles_verbose_lists_missed_and_fp(tmp_path: Path) -> None:
    gold = _gold_dir(tmp_path)
    result = runner.invoke(app, ["evaluate", "--articles", str(gold / "ruritania-1.json"), "--events",
                                 str(_events(tmp_path)), "-v"])  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "  R2    MISSED  Borduria denounces the shelling" in lines
    assert f"  FP    04 BOR->RUR [test]: {CALLED!r}" in lines


def test_evaluate_articles_json(tmp_path: Path) -> None:
    result = runner.invoke(app, ["evaluate", "--articles", str(_gold_dir(tmp_path)), "--events", str(_events(tmp_path)),
                                 "--json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["total"]["found"] == 1 and report["total"]["precision"] == 0.5
    assert report["articles"][0]["missed"] == [{"id": "R2", "note": "Borduria denounces the shelling"}]


def test_evaluate_articles_missing_gold_exits_1_naming_it(tmp_path: Path) -> None:
    absent = tmp_path / "no-such-gold"
    result = runner.invoke(app, ["evaluate", "--articles", str(absent), "--events", str(_events(tmp_path))])
    assert result.exit_code == 1
    assert "error:" in result.stderr and str(absent) in result.stderr


def test_evaluate_articles_malformed_gold_exits_1_naming_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"article": "ruritania-1", "required": [}', encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "--articles", str(bad), "--events", str(_events(tmp_path))])
    assert result.exit_code == 1
    assert f"{bad}:1: invalid JSON" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--articles", "GOLD"],  # neither --input nor --events
        ["--articles", "GOLD", "--input", "EVENTS", "--events", "EVENTS"],  # both
        ["GOLD", "--events", "EVENTS"],  # --events without --articles
    ],
)
def test_evaluate_articles_bad_usage_exits_2(tmp_path: Path, args: list[str]) -> None:
    gold, events = str(_gold_dir(tmp_path)), str(_events(tmp_path))
    argv = [gold if a == "GOLD" else events if a == "EVENTS" else a for a in args]
    result = runner.invoke(app, ["evaluate", *argv])
    assert result.exit_code == 2, result.output


@pytest.mark.model
def test_evaluate_articles_input_codes_articles(tmp_path: Path, coder: object) -> None:
    articles = tmp_path / "articles.jsonl"
    record = {"id": "ruritania-1", "date": "2026-11-30", "text": SHELLED + "\n\n" + CALLED}
    articles.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "--articles", str(_gold_dir(tmp_path)), "--input", str(articles)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith("articles: 1 articles, required ")


@pytest.mark.model
def test_evaluate_several_sentence_gold_files(tmp_path: Path, coder: object) -> None:
    paths = []
    for name, text in (("set_one", "Russian forces shelled Kharkiv on Monday."), ("set_two", "Ukraine condemned Russia.")):
        path = tmp_path / f"{name}.jsonl"
        record = {"id": f"{name}-1", "text": text, "date": None,
                  "events": [{"source": "RUS", "code": "190", "target": "UKR"}]}  # fmt: skip
        path.write_text(json.dumps(record) + "\n", encoding="utf-8")
        paths.append(str(path))
    result = runner.invoke(app, ["evaluate", *paths])
    assert result.exit_code == 0, result.output
    assert "gold: set_one: 1 records" in result.stdout and "gold: set_two: 1 records" in result.stdout
    as_json = runner.invoke(app, ["evaluate", *paths, "--json"])
    assert [r["sets"] for r in json.loads(as_json.stdout)] == [["set_one"], ["set_two"]]
    single = runner.invoke(app, ["evaluate", paths[0], "--json"])
    assert json.loads(single.stdout)["sets"] == ["set_one"]
