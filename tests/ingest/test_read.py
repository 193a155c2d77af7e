"""read(): files, folders and stdin dispatched to READERS, errors to on_error."""

from __future__ import annotations

import datetime
import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from flashpoint.errors import IngestError, UnsupportedFormat
from flashpoint.ingest import READERS, detect_format, read
from flashpoint.model import Article

DAY = datetime.date(2022, 2, 15)


def make_tree(root: Path) -> None:
    (root / "b").mkdir()
    (root / "a" / "deep").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "z.txt").write_text("Ceasefire holds\n\nThe guns were quiet overnight.", encoding="utf-8")
    (root / "a" / "deep" / "y.text").write_text("Envoys arrived in the capital.", encoding="utf-8")
    (root / "a" / "x.txt").write_text("Rebels took the bridge.", encoding="utf-8")
    (root / "a-b.txt").write_text("Police cleared the square.", encoding="utf-8")
    (root / "b" / "w.jsonl").write_text(json.dumps({"id": "w1", "text": "Talks resumed."}) + "\n", encoding="utf-8")
    (root / "b" / "v.jsonl.gz").write_bytes(gzip.compress(json.dumps({"id": "v1", "text": "Aid arrived."}).encode()))
    (root / "notes.md").write_text("Not an article.", encoding="utf-8")
    (root / ".hidden" / "h.txt").write_text("Hidden text.", encoding="utf-8")
    (root / ".dot.txt").write_text("Hidden file.", encoding="utf-8")


def test_read_folder_is_recursive_sorted_and_filtered(tmp_path: Path) -> None:
    make_tree(tmp_path)
    assert [a.id for a in read(tmp_path)] == ["y", "x", "a-b", "v1", "w1", "z"]


def test_read_folder_default_date_applied(tmp_path: Path) -> None:
    make_tree(tmp_path)
    assert {a.published for a in read(tmp_path, date=DAY)} == {DAY}


def test_read_folder_bad_file_reported_rest_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "b.txt").write_text("Rebels took the bridge.", encoding="utf-8")
    errors: list[IngestError] = []
    articles = list(read(tmp_path, on_error=errors.append))
    assert [a.id for a in articles] == ["b"]
    assert [(e.source, e.reason[:11]) for e in errors] == [(str(tmp_path / "a.txt"), "binary file")]


def test_read_error_without_handler_raises(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("  ", encoding="utf-8")
    with pytest.raises(IngestError) as info:
        list(read(tmp_path / "a.txt"))
    assert info.value.reason.startswith("empty")


def test_read_single_file_unknown_extension_is_text(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text("Rebels took the bridge.", encoding="utf-8")
    assert [(a.id, a.text) for a in read(path)] == [("story", "Rebels took the bridge.")]


def test_read_format_overrides_extension(tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    path.write_text(json.dumps({"id": "j", "text": "Talks resumed."}) + "\n", encoding="utf-8")
    assert [a.id for a in read(path, format="jsonl")] == ["j"]
    assert [a.id for a in read(path)] == ["lines"]


def test_read_unknown_format_raises_at_once(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormat) as info:
        read(tmp_path, format="pdf")
    assert info.value.reason == "unknown format 'pdf'; known formats: jsonl, text"


def test_read_missing_path_reported(tmp_path: Path) -> None:
    errors: list[IngestError] = []
    assert list(read(tmp_path / "absent.txt", on_error=errors.append)) == []
    assert [e.source for e in errors] == [str(tmp_path / "absent.txt")]


def test_read_stdin_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "Envoys arrived in the capital."
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"Envoys arrive\n\n{body}\n"))
    articles = list(read("-", date=DAY))
    assert articles == [Article(id=Article.make_id(body), text=body, published=DAY, title="Envoys arrive")]


def test_read_stdin_as_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = json.dumps({"id": "s1", "text": "Talks resumed.", "date": "2021-01-02"}) + "\n"
    lines += json.dumps({"id": "s2", "text": "Aid arrived."}) + "\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    articles = list(read("-", format="jsonl", date=DAY))
    assert [(a.id, a.published) for a in articles] == [("s1", datetime.date(2021, 1, 2)), ("s2", DAY)]


def test_read_stdin_jsonl_error_names_stdin_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"id": "s1", "text": "Talks resumed."}\n{oops\n'))
    errors: list[IngestError] = []
    assert [a.id for a in read("-", format="jsonl", on_error=errors.append)] == ["s1"]
    assert [e.source for e in errors] == ["<stdin>:2"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [("a.jsonl", "jsonl"), ("a.JSONL.GZ", "jsonl"), ("a.txt", "text"), ("a.gz", "text"), ("a", "text")],
)
def test_detect_format_by_extension(name: str, expected: str) -> None:
    assert detect_format(name) == expected


def test_readers_registry_is_read_only() -> None:
    assert sorted(READERS) == ["jsonl", "text"]
    with pytest.raises(TypeError):
        READERS["html"] = READERS["text"]  # type: ignore[index]
