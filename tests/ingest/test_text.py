"""read_text: plain UTF-8 files and streams -> Article, headline split off the body."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest

from flashpoint.errors import IngestError
from flashpoint.ingest.text import read_text, split_headline
from flashpoint.model import Article

BODY = "Border guards fired warning shots on Tuesday.\nThe ministry called it a provocation."


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    return path


def test_read_text_headline_goes_to_title_not_text(tmp_path: Path) -> None:
    path = write(tmp_path, "shots.txt", f"Warning shots at the border\n\n{BODY}\n")
    article = read_text(path)
    assert article.title == "Warning shots at the border"
    assert article.text == BODY
    assert article.id == f"shots-{Article.make_id(BODY)[:8]}"


def test_read_text_offsets_index_the_body(tmp_path: Path) -> None:
    path = write(tmp_path, "offsets.txt", f"Warning shots at the border\n\n{BODY}")
    article = read_text(path)
    start = article.text.index("ministry")
    assert article.text[start : start + len("ministry")] == "ministry"
    assert start == BODY.index("ministry")
    assert article.text.startswith("Border guards")


@pytest.mark.parametrize(
    "first_line",
    [
        "Border guards fired warning shots.",  # ends like a sentence
        "Did the guards fire first?",
        "A" * 200,  # too long for a headline
    ],
)
def test_split_headline_rejects_sentence_or_long_first_line(first_line: str) -> None:
    text = f"{first_line}\n\nThe ministry called it a provocation."
    assert split_headline(text) == (None, text)


def test_split_headline_needs_a_blank_line_after_it() -> None:
    text = "Warning shots at the border\nThe ministry called it a provocation."
    assert split_headline(text) == (None, text)


def test_split_headline_normalises_crlf_and_strips() -> None:
    text = "\r\n  Talks stall in the capital\r\n\r\nNegotiators left early.\r\nNo date was set.\r\n"
    assert split_headline(text) == ("Talks stall in the capital", "Negotiators left early.\nNo date was set.")


def test_read_text_without_headline_keeps_whole_text(tmp_path: Path) -> None:
    path = write(tmp_path, "plain.txt", BODY + "\n")
    article = read_text(path)
    assert (article.title, article.text) == (None, BODY)


def test_read_text_date_becomes_published(tmp_path: Path) -> None:
    path = write(tmp_path, "dated.txt", BODY)
    assert read_text(path, date=datetime.date(2022, 2, 15)).published == datetime.date(2022, 2, 15)
    assert read_text(path).published is None


def test_read_text_accepts_utf8_bom(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.txt", b"\xef\xbb\xbfQuiet day in S\xc3\xa3o Tom\xc3\xa9.")
    assert read_text(path).text == "Quiet day in São Tomé."


def test_read_text_binary_file_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(IngestError) as info:
        read_text(path)
    assert info.value.source == str(path)
    assert info.value.reason.startswith("binary file")


@pytest.mark.parametrize("data", ["", "   \n\n\t \n"])
def test_read_text_empty_file_is_an_error(tmp_path: Path, data: str) -> None:
    path = write(tmp_path, "empty.txt", data)
    with pytest.raises(IngestError) as info:
        read_text(path)
    assert info.value.reason.startswith("empty")


def test_read_text_undecodable_names_file_and_byte_offset(tmp_path: Path) -> None:
    # cp1252 "é" (0xE9) is not valid UTF-8: 3 + 2 (UTF-8 "é") + 4 + 3 bytes precede it.
    path = write(tmp_path, "latin.txt", b"Caf\xc3\xa9 au caf\xe9 closed.")
    with pytest.raises(IngestError) as info:
        read_text(path)
    assert str(info.value) == f"{path}: not UTF-8 text: undecodable byte 0xe9 at byte offset 12"


def test_read_text_undecodable_offset_counts_the_bom(tmp_path: Path) -> None:
    path = write(tmp_path, "bom-latin.txt", b"\xef\xbb\xbfab\xff")
    with pytest.raises(IngestError) as info:
        read_text(path)
    assert info.value.reason.endswith("0xff at byte offset 5")


def test_read_text_too_large_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", "x" * 101)
    with pytest.raises(IngestError) as info:
        read_text(path, max_bytes=100)
    assert info.value.reason == "too large: 101 bytes, the limit is 100"
    assert read_text(path, max_bytes=101).text == "x" * 101


def test_read_text_missing_file_is_an_ingest_error(tmp_path: Path) -> None:
    with pytest.raises(IngestError) as info:
        read_text(tmp_path / "absent.txt")
    assert info.value.source == str(tmp_path / "absent.txt")
    assert info.value.reason.startswith("cannot read")


def test_read_text_stream_id_is_content_hash() -> None:
    article = read_text(io.StringIO(f"Warning shots at the border\n\n{BODY}"))
    assert article.id == Article.make_id(BODY)
    assert article.title == "Warning shots at the border"


def test_read_text_binary_stream_undecodable_uses_name() -> None:
    with pytest.raises(IngestError) as info:
        read_text(io.BytesIO(b"caf\xc3\xa9 \xff"), name="<pipe>")
    assert str(info.value) == "<pipe>: not UTF-8 text: undecodable byte 0xff at byte offset 6"


def test_read_text_date_from_file_name_prefix(tmp_path):
    path = tmp_path / "2021-03-04-talks.txt"
    path.write_text("Ministers met in Oslo.", encoding="utf-8")
    article = read_text(path, date=datetime.date(2000, 1, 1))
    assert article.published == datetime.date(2021, 3, 4)
    assert article.id == f"2021-03-04-talks-{Article.make_id('Ministers met in Oslo.')[:8]}"


def test_read_text_invalid_date_in_name_falls_back_to_default(tmp_path):
    path = tmp_path / "2021-13-40-talks.txt"
    path.write_text("Ministers met in Oslo.", encoding="utf-8")
    assert read_text(path, date=datetime.date(2000, 1, 1)).published == datetime.date(2000, 1, 1)
