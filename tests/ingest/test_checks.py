"""What ingest refuses per article (ingest/_checks.py): over-long texts, fields UTF-8 cannot
encode, undecodable file names. Each is that article's IngestError; the rest is read (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flashpoint.config import MAX_TEXT_CHARS
from flashpoint.errors import IngestError
from flashpoint.ingest import check_article, read
from flashpoint.model import Article

pytestmark = pytest.mark.issue(13)


def _line(article_id: str, text: str, **fields: str) -> str:
    return json.dumps({"id": article_id, "text": text, **fields}) + "\n"


def _read_all(source: Path, **options) -> tuple[list[Article], list[IngestError]]:
    errors: list[IngestError] = []
    return list(read(source, on_error=errors.append, **options)), errors


def test_read_jsonl_over_long_line_among_good_ones_is_its_only_error(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    lines = [_line(f"ok-{i}", f"Ministers from state {i} met in the capital.") for i in range(20)]
    lines[7] = _line("huge", "A convoy crossed the river. " * (1_200_000 // 28 + 1))
    path.write_text("".join(lines), encoding="utf-8")
    articles, errors = _read_all(path)
    assert [a.id for a in articles] == [f"ok-{i}" for i in range(20) if i != 7]
    assert len(errors) == 1
    assert errors[0].source == str(path)
    assert errors[0].reason.startswith("article huge: 1200024 characters (title and text), over the limit of 1000000")


def test_read_cap_counts_the_title_and_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text(_line("short", "x" * 90) + _line("titled", "x" * 90, title="y" * 9), encoding="utf-8")
    articles, errors = _read_all(path, max_chars=100)
    assert [a.id for a in articles] == ["short"]  # 90 + 9 + 2 (the blank line) > 100
    assert [e.reason.split(":")[0] for e in errors] == ["article titled"]


def test_read_text_file_over_the_cap_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("The delegation left early. " * 10, encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        list(read(path, max_chars=50))
    assert caught.value.source == str(path)
    assert "over the limit of 50 (FLASHPOINT_MAX_TEXT_CHARS)" in str(caught.value)


@pytest.mark.parametrize("field", ["id", "title", "text", "source", "url"])
def test_read_jsonl_lone_surrogate_in_a_field_fails_that_article(tmp_path: Path, field: str) -> None:
    fields = {"id": "bad", "text": "Envoys met at the border post.", "title": "Envoys", "source": "Wire",
              "url": "https://news.example.org/a"}  # fmt: skip
    fields[field] = fields[field] + "\udcff"
    path = tmp_path / "wire.jsonl"
    # json.dumps writes the surrogate as the escape "\udcff", which json.loads turns back into it.
    path.write_text(_line("before", "Talks resumed.") + json.dumps(fields) + "\n" + _line("after", "Talks ended."))
    articles, errors = _read_all(path)
    assert [a.id for a in articles] == ["before", "after"]
    assert len(errors) == 1
    assert f"its {field} is not valid Unicode text (lone surrogate U+DCFF" in errors[0].reason
    str(errors[0]).encode("utf-8")  # the message itself prints


def test_read_folder_undecodable_file_name_reported_rest_read(tmp_path: Path, undecodable_file) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(3):
        (folder / f"item{i}.txt").write_text(f"Item {i}: the council voted.", encoding="utf-8")
    undecodable_file(folder, b"The council adjourned.")
    articles, errors = _read_all(folder)
    assert len(articles) == 3
    assert len(errors) == 1
    assert errors[0].source == str(folder / "bad\\udcffname.txt")
    assert errors[0].reason == "the file name is not valid UTF-8: rename the file"


def test_check_article_passes_a_good_article_unchanged() -> None:
    article = Article(id="a", text="Talks went on.", title="Talks")
    assert check_article(article, "here", MAX_TEXT_CHARS) is article


def test_ingest_error_message_is_printable_whatever_the_input() -> None:
    error = IngestError("file\udcff.txt", "bad \ud800 text")
    assert (error.source, error.reason) == ("file\\udcff.txt", "bad \\ud800 text")
    assert str(error).encode("utf-8") == b"file\\udcff.txt: bad \\ud800 text"


def test_make_id_takes_any_str() -> None:
    assert Article.make_id("x\udcff") != Article.make_id("x")
    assert Article.make_id("plain") == Article.make_id("plain")
