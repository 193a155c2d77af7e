"""`flashpoint trend` and `flashpoint export` over a store built from hand-made coded articles."""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flashpoint.cli import app
from flashpoint.model import Action, Actor, Article, CodedArticle, Event, Mode, Plover, Sentence
from flashpoint.store import open_store

runner = CliRunner()


def event(article_id: str, *, cameo: str, quad_class: int, goldstein: float, event_date: date, article_date: date, start: int) -> Event:
    return Event(
        article_id=article_id,
        article_date=article_date,
        sentence_index=0,
        sentence="Russia attacked Ukraine.",
        source=Actor("Russia", "RUSGOV", country="RUS", sector="GOV", span=(0, 6)),
        target=Actor("Ukraine", "UKR", country="UKR", span=(16, 23)),
        action=Action("attacked", (start, start + 8)),
        cameo=cameo,
        cameo_name="test",
        goldstein=goldstein,
        quad_class=quad_class,
        plover=Plover("ASSAULT", None),
        mode=Mode.ASSERTED,
        rule="test-rule",
        event_date=event_date,
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Ten calm weeks of RUS->UKR cooperation, then a week of attacks."""
    path = tmp_path / "events.duckdb"
    start = date(2021, 11, 1)
    with open_store(path) as store:
        for week in range(11):
            day = start + timedelta(weeks=week)
            attack = week == 10
            events = [
                event(
                    f"w{week}",
                    cameo="190" if attack else "040",
                    quad_class=4 if attack else 1,
                    goldstein=-10.0 if attack else 1.0,
                    event_date=day,
                    article_date=day,
                    start=7 + i,
                )
                for i in range(4)
            ]
            text = "Russia attacked Ukraine. Kyiv said it would resist."
            article = Article(id=f"w{week}", text=text, published=day, source="Test Wire")
            store.write(CodedArticle(article, [Sentence(0, 0, 24, text[:24])], events, []))
    return path


def test_trend_table_flags_the_cliff(db: Path) -> None:
    result = runner.invoke(app, ["trend", "--source", "RUS", "--target", "UKR", "--freq", "week", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    periods = json.loads(result.stdout)
    assert len(periods) == 11
    assert [p["alert"] for p in periods] == [False] * 10 + [True]
    assert periods[-1]["q4"] == 4 and periods[0]["q1"] == 4


def test_trend_png_is_written(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "trend.png"
    result = runner.invoke(app, ["trend", "--source", "RUS", "--db", str(db), "--format", "png", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_export_gdelt_has_61_columns(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    result = runner.invoke(app, ["export", "--format", "gdelt", "--out", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 44
    fields = lines[-1].split("\t")
    assert len(fields) == 61
    assert fields[1] == "20220110" and fields[26] == "190"


def test_export_csv_keeps_codes_as_strings(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    result = runner.invoke(app, ["export", "--format", "csv", "--out", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 44
    assert {r["cameo"] for r in rows} == {"040", "190"}


def test_export_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--format", "csv", "--out", str(tmp_path / "x.csv"), "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "none.duckdb" in result.stderr
