"""`flashpoint events`, `quotes`, `articles`: filters, formats, missing store."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from _store_fakes import make_event
from typer.testing import CliRunner

from flashpoint.cli import app
from flashpoint.model import Actor, Article, CodedArticle, Mode, Quote, Sentence
from flashpoint.store import open_store

cli = CliRunner()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "fp.duckdb"
    line = "Russia attacked Ukraine."
    with open_store(path) as store:
        for article_id, source, target, mode, day in [
            ("a1", "RUSGOV", "UKR", Mode.ASSERTED, date(2022, 2, 24)),
            ("a2", "USA", "RUS", Mode.INTENDED, date(2022, 3, 2)),
        ]:
            article = Article(id=article_id, text=line, published=day, title=f"Title {article_id}", url=f"https://example.org/{article_id}")
            event = make_event(article_id, 0, line, 0, source=source, target=target, mode=mode, day=day)
            quote = Quote(article_id, 0, "Russia", (0, 6), "direct", Actor("Sergei Lavrov", "RUSGOV"), "said")
            store.write(CodedArticle(article, [Sentence(0, 0, len(line), line)], [event], [quote] if article_id == "a1" else []))
    return path


def _jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_events_cli_jsonl_filters(db):
    result = cli.invoke(app, ["events", "--db", str(db), "--source", "RUS", "--target", "UKR", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = _jsonl(result.stdout)
    assert [(r["article_id"], r["source_code"], r["event_date"], r["mode"]) for r in rows] == [("a1", "RUSGOV", "2022-02-24", "asserted")]
    assert rows[0]["background"] is False
    assert rows[0]["cluster_id"] is None


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], ["a1", "a2"]),
        (["--mode", "intended"], ["a2"]),
        (["--root", "19"], ["a1", "a2"]),
        (["--since", "2022-03-01"], ["a2"]),
        (["--until", "2022-02-28"], ["a1"]),
        (["--text", "attacked"], ["a1", "a2"]),
        (["--limit", "1"], ["a1"]),
        (["--source", "x'); DROP TABLE events; --"], []),
    ],
)
def test_events_cli_options(db, args, expected):
    result = cli.invoke(app, ["events", "--db", str(db), "--format", "jsonl", *args])
    assert result.exit_code == 0, result.output
    assert [r["article_id"] for r in _jsonl(result.stdout)] == expected


def test_events_cli_table(db):
    result = cli.invoke(app, ["events", "--db", str(db), "--format", "table"])
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["event_date", "source_code", "cameo", "target_code", "mode", "goldstein", "action_text", "article_id"]
    assert lines[1].split() == ["2022-02-24", "RUSGOV", "190", "UKR", "asserted", "-10.0", "attacked", "a1"]
    assert lines[-1] == "(2 events)"


def test_events_cli_csv(db):
    result = cli.invoke(app, ["events", "--db", str(db), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["article_id"] for r in rows] == ["a1", "a2"]
    assert rows[0]["event_date"] == "2022-02-24"
    assert rows[0]["speaker_code"] == ""
    assert len(rows[0]) == 41  # every events column


def test_events_cli_bad_filter_exit_1(db):
    result = cli.invoke(app, ["events", "--db", str(db), "--mode", "perhaps"])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ")


def test_events_cli_missing_store_exit_1(tmp_path):
    result = cli.invoke(app, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "no store here yet" in result.stderr


def test_quotes_cli_speaker(db):
    result = cli.invoke(app, ["quotes", "--db", str(db), "--speaker", "lavrov", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert [(q["article_id"], q["speaker_code"], q["text"]) for q in _jsonl(result.stdout)] == [("a1", "RUSGOV", "Russia")]
    none = cli.invoke(app, ["quotes", "--db", str(db), "--speaker", "USA", "--format", "jsonl"])
    assert none.stdout == ""


def test_articles_cli(db):
    result = cli.invoke(app, ["articles", "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = _jsonl(result.stdout)
    assert [(r["id"], r["published"], r["n_events"], r["n_quotes"], r["title"]) for r in rows] == [
        ("a1", "2022-02-24", 1, 1, "Title a1"),
        ("a2", "2022-03-02", 1, 0, "Title a2"),
    ]
    assert rows[0]["ingested_at"].endswith("+00:00")


def test_open_python_api(db):
    import flashpoint

    with flashpoint.open(db) as store:
        assert list(store.events(source="USA")["article_id"]) == ["a2"]
        assert list(store.quotes()["speaker_text"]) == ["Sergei Lavrov"]
        assert list(store.articles()["id"]) == ["a1", "a2"]
        trend = store.trend("RUS", "UKR", freq="week")
        assert list(trend["n"]) == [1]
        assert list(trend.columns) == ["period", "n", "q1", "q2", "q3", "q4", "goldstein_sum", "goldstein_mean"]
